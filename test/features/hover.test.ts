import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getHover } from '../../server/src/features/hover';
import { CARET, parseCaret } from '../util/markers';
import { analyzeZone } from '../util/zone';

function hoverAt(marked: string): { value: string; range: string } | undefined {
  const { text, offset } = parseCaret(marked);
  const { analysis, document } = analyzeZone(text);
  const hover = getHover(analysis, document, offset);
  if (!hover) return undefined;
  const value = typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
  return { value, range: hover.range ? document.getText(hover.range) : '' };
}

const header = '$ORIGIN example.com.\n';

describe('hover', () => {
  it('explains the mechanism under the cursor, its qualifier and its lookup cost', () => {
    const hover = hoverAt(`${header}@ TXT "v=spf1 incl${CARET}ude:_spf.example.net -all"`);
    assert.equal(hover?.range, 'include:_spf.example.net');
    assert.match(hover!.value, /\*\*include\*\* mechanism/);
    assert.match(hover!.value, /_spf\.example\.net/);
    assert.match(hover!.value, /Costs 1 DNS lookup/);
  });

  it('says what a qualifier means', () => {
    const hover = hoverAt(`${header}@ TXT "v=spf1 mx ${CARET}~all"`);
    assert.equal(hover?.range, '~all');
    assert.match(hover!.value, /softfail/);
  });

  it('summarises the record on the version tag', () => {
    const hover = hoverAt(`${header}@ TXT "v=s${CARET}pf1 mx a include:x.example -all"`);
    assert.equal(hover?.range, 'v=spf1');
    assert.match(hover!.value, /SPF record\*\* for `example\.com`/);
    assert.match(hover!.value, /3 of them query DNS/);
    assert.match(hover!.value, /every other sender gets \*\*fail\*\*/);
  });

  it('finds the term across a string boundary and after an escape', () => {
    assert.equal(hoverAt(`${header}@ TXT "v=spf1 in" "clu${CARET}de:x.example -all"`)?.range, 'in" "clude:x.example');
    assert.equal(hoverAt(`${header}@ TXT "v=spf1 \\097 m${CARET}x -all"`)?.range, 'mx');
  });

  it('gives nothing outside SPF text: on the owner, the type, quotes and comments', () => {
    assert.equal(hoverAt(`${header}${CARET}@ TXT "v=spf1 -all"`), undefined);
    assert.equal(hoverAt(`${header}@ T${CARET}XT "v=spf1 -all"`), undefined);
    assert.equal(hoverAt(`${header}@ TXT "v=spf1 -all" ; c${CARET}omment`), undefined);
  });
});

import assert from 'node:assert/strict';
import { it } from 'node:test';
import fc from 'fast-check';
import { lintRecord } from '../../server/src/spf/checks';
import type { MacroString, Span } from '../../server/src/spf/model';

const fragments = ['v=spf1', ' ', '  ', 'include:', 'a', 'mx', 'ptr', 'ip4:', 'ip6:', 'exists:', 'all', '-', '+', '~', '?', ':', '/', '//', '=', 'redirect=', 'exp=',
  '%{', '%{d}', '%{ir}', '%{l1r-}', '%%', '%_', '%-', '%', '}', '.', '..', 'example.com', '_spf', '192.0.2.1', '2001:db8::1', '24', '128', '0', '\t', 'é', '\u0000', 'x'.repeat(70)];

const spfLike = fc.array(fc.constantFrom(...fragments), { maxLength: 40 }).map((parts) => parts.join(''));

function within(span: Span, length: number): boolean {
  return span.offset >= 0 && span.length >= 0 && span.offset + span.length <= length;
}

function macroSpansWithin(macro: MacroString | undefined, length: number): boolean {
  return !macro || (within(macro.span, length) && macro.parts.every((part) => within(part.span, length)));
}

it('parses any string without throwing, with every span inside the record', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 100 }), spfLike, spfLike.map((s) => `v=spf1 ${s}`)), (text) => {
      const { record, problems } = lintRecord(text);
      assert.ok(within(record.versionSpan, text.length));
      for (const problem of problems) {
        assert.ok(within(problem, text.length), `${problem.code} at ${problem.offset}+${problem.length} in ${JSON.stringify(text)}`);
        for (const related of problem.related ?? []) assert.ok(within(related, text.length));
      }
      for (const term of record.terms) {
        assert.ok(within(term.span, text.length));
        if (term.kind === 'mechanism') {
          for (const span of [term.nameSpan, term.qualifierSpan, term.address?.span, term.cidr4?.span, term.cidr6?.span]) if (span) assert.ok(within(span, text.length));
          assert.ok(macroSpansWithin(term.domain, text.length));
        } else if (term.kind === 'modifier') {
          assert.ok(within(term.nameSpan, text.length) && macroSpansWithin(term.value, text.length));
        }
      }
    }),
    { numRuns: 2000 },
  );
});

it('reports a problem for every term it could not read', () => {
  fc.assert(
    fc.property(spfLike, (body) => {
      const text = `v=spf1 ${body}`;
      const { record, problems } = lintRecord(text);
      for (const term of record.terms.filter((t) => t.kind === 'invalid')) {
        assert.ok(problems.some((p) => p.offset >= term.span.offset && p.offset <= term.span.offset + term.span.length), `no problem for invalid term ${JSON.stringify(term.span)} in ${JSON.stringify(text)}`);
      }
    }),
    { numRuns: 1000 },
  );
});

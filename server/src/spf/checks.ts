// Static checks of one parsed record: what RFC 7208 says about all, redirect, modifiers and
// sizes, beyond the grammar the parser already enforced.

import type { Mechanism, Modifier, SpfRecord } from './model';
import { isMechanism, isModifier, mechanismNames, spanEnd } from './model';
import { parseRecord } from './parser';
import type { Problem } from './problems';
import { suggestName } from './suggest';

/** How the record is stored: its character-strings (text offsets and wire size), when the host knows them. */
export interface StoredStrings {
  readonly strings?: readonly { readonly offset: number; readonly length: number; readonly octets: number }[];
}

export interface LintResult {
  readonly record: SpfRecord;
  readonly problems: Problem[];
}

/** Parses `text` and runs every static check, problems sorted by position. */
export function lintRecord(text: string, stored: StoredStrings = {}): LintResult {
  const { record, problems } = parseRecord(text);
  problems.push(...checkRecord(record, stored));
  problems.sort((a, b) => a.offset - b.offset || a.length - b.length);
  return { record, problems };
}

export function checkRecord(record: SpfRecord, stored: StoredStrings = {}): Problem[] {
  const problems: Problem[] = [];
  checkAll(record, problems);
  checkModifiers(record, problems);
  checkSizes(record, stored, problems);
  return problems;
}

function checkAll(record: SpfRecord, problems: Problem[]): void {
  const mechanisms = record.terms.filter((term): term is Mechanism => isMechanism(term));
  const allIndex = mechanisms.findIndex((term) => term.name === 'all');
  const redirect = record.terms.find((term): term is Modifier => isModifier(term, 'redirect'));
  const invalidTerms = record.terms.some((term) => term.kind === 'invalid');

  if (allIndex < 0) {
    if (!redirect && !invalidTerms && record.validVersion) {
      problems.push({
        code: 'spf-no-all',
        ...record.versionSpan,
        message: 'This record has no "all" mechanism and no redirect=, so mail from any server not listed gets "neutral" and is treated like mail without SPF. End the record with "~all" (softfail) or "-all" (fail).',
        data: { replacement: ' ~all', span: { offset: record.text.trimEnd().length, length: 0 } },
      });
    }
    return;
  }

  const all = mechanisms[allIndex];
  if (all.qualifier === '+' || all.qualifier === '?') {
    const explicit = all.qualifierSpan !== undefined;
    problems.push({
      code: 'spf-permissive-all',
      ...all.span,
      severity: all.qualifier === '+' ? 'error' : 'warning',
      message: all.qualifier === '+'
        ? `"${explicit ? '+all' : 'all'}" authorizes every server on the internet to send mail as this domain, so SPF protects nothing. Use "-all" or "~all".`
        : '"?all" gives every unlisted server "neutral", so receivers cannot reject forged mail. Use "~all" (softfail) or "-all" (fail) once all senders are listed.',
      data: { replacement: '~all' },
    });
  }

  for (const unreachable of mechanisms.slice(allIndex + 1)) {
    problems.push({
      code: 'spf-unreachable-terms',
      ...unreachable.span,
      message: `"${record.text.slice(unreachable.span.offset, spanEnd(unreachable.span))}" comes after "all", which always matches, so receivers never evaluate it. Move it before "all" or remove it.`,
      related: [{ ...all.span, message: 'the "all" that always matches' }],
    });
  }

  if (redirect) {
    problems.push({
      code: 'spf-redirect-ignored',
      ...redirect.span,
      message: 'redirect= is ignored because the record has an "all" mechanism (RFC 7208 §6.1). Remove one of them: keep "all" to use this record\'s policy, or remove "all" to use the redirect target\'s.',
      related: [{ ...all.span, message: 'the "all" that makes redirect= ignored' }],
    });
  }
}

function checkModifiers(record: SpfRecord, problems: Problem[]): void {
  const seen = new Map<string, Modifier>();
  for (const term of record.terms) {
    if (term.kind !== 'modifier') continue;
    if (term.name === 'redirect' || term.name === 'exp') {
      const first = seen.get(term.name);
      if (first) {
        problems.push({
          code: 'spf-duplicate-modifier',
          ...term.span,
          message: `"${term.name}=" appears twice; a record may have at most one, and receivers return permerror for every message. Remove one.`,
          permerror: true,
          related: [{ ...first.span, message: `the first "${term.name}="` }],
        });
      } else {
        seen.set(term.name, term);
      }
      continue;
    }
    const mechanismLike = suggestName(term.name, ':', 'mechanism');
    const isMechanismName = (mechanismNames as readonly string[]).includes(term.name);
    const modifierLike = suggestName(term.name, '', 'modifier');
    if (isMechanismName) {
      problems.push({
        code: 'spf-unknown-modifier',
        ...term.nameSpan,
        length: term.nameSpan.length + 1,
        severity: 'warning',
        message: `"${term.name}=" is read as an unknown modifier, which receivers ignore, so this term does nothing. Did you mean "${term.name}:"?`,
        data: { replacement: `${term.name}:` },
      });
    } else if (modifierLike) {
      problems.push({
        code: 'spf-unknown-modifier',
        ...term.nameSpan,
        severity: 'warning',
        message: `Receivers ignore the unknown modifier "${term.name}="; did you mean "${modifierLike}="?`,
        data: { replacement: modifierLike },
      });
    } else {
      problems.push({
        code: 'spf-unknown-modifier',
        ...term.nameSpan,
        message: `"${term.name}=" is not a modifier receivers know (only redirect= and exp= are defined), so it is ignored.${mechanismLike ? ` Did you mean "${mechanismLike}:"?` : ''}`,
      });
    }
  }
}

const maxStringOctets = 255;
const maxRecordOctets = 450;

function checkSizes(record: SpfRecord, stored: StoredStrings, problems: Problem[]): void {
  const strings = stored.strings ?? [{ offset: 0, length: record.text.length, octets: Buffer.byteLength(record.text, 'utf8') }];
  for (const string of strings) {
    if (string.octets > maxStringOctets) {
      problems.push({
        code: 'spf-string-too-long',
        offset: string.offset,
        length: string.length,
        message: `This character-string is ${string.octets} octets; DNS limits each string to ${maxStringOctets}, so the zone will not load or the record is cut. Split it into several quoted strings ("..." "..."), which receivers join without spaces.`,
      });
    }
  }
  const total = strings.reduce((sum, string) => sum + string.octets, 0);
  if (total > maxRecordOctets) {
    problems.push({
      code: 'spf-record-too-long',
      ...record.versionSpan,
      message: `This record is ${total} octets. RFC 7208 §3.4 advises staying under ${maxRecordOctets} so the answer fits a 512-octet UDP reply; larger answers need TCP or EDNS, which some receivers lack. Shorten it, for example by merging ip4 ranges.`,
    });
  }
}

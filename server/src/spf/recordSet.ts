// Checks across the records published at one name: RFC 7208 §4.5 (one SPF record per name)
// and §3.1 (the obsolete SPF RR type).

import { isSpfRecord } from './version';

export interface PublishedRecord {
  /** Fully-qualified owner name; records with an unknown owner are not compared. */
  readonly owner: string | undefined;
  readonly rrtype: 'TXT' | 'SPF';
  readonly text: string;
}

export type RecordSetFinding =
  /** `index` is one of several SPF TXT records at its owner; `others` are the rest. */
  | { readonly kind: 'multiple'; readonly index: number; readonly others: readonly number[] }
  /** `index` is a type 99 SPF record; `txt` is the TXT SPF record at its owner, if any; `differs` when their texts disagree. */
  | { readonly kind: 'type99'; readonly index: number; readonly txt: number | undefined; readonly differs: boolean };

export function checkRecordSet(records: readonly PublishedRecord[]): RecordSetFinding[] {
  const findings: RecordSetFinding[] = [];
  const txtByOwner = new Map<string, number[]>();
  records.forEach((record, index) => {
    if (record.owner === undefined || record.rrtype !== 'TXT' || !isSpfRecord(record.text)) return;
    const list = txtByOwner.get(record.owner) ?? [];
    list.push(index);
    txtByOwner.set(record.owner, list);
  });
  for (const indexes of txtByOwner.values()) {
    if (indexes.length < 2) continue;
    for (const index of indexes) findings.push({ kind: 'multiple', index, others: indexes.filter((other) => other !== index) });
  }
  records.forEach((record, index) => {
    if (record.rrtype !== 'SPF') return;
    const txt = record.owner === undefined ? undefined : txtByOwner.get(record.owner)?.[0];
    const differs = txt === undefined ? record.owner !== undefined : normalize(records[txt].text) !== normalize(record.text);
    findings.push({ kind: 'type99', index, txt, differs });
  });
  return findings.sort((a, b) => a.index - b.index);
}

/** Receivers compare terms case-insensitively and ignore extra spaces. */
function normalize(text: string): string {
  return text.trim().split(/ +/).join(' ').toLowerCase();
}

// The one catalogue of problems spf-lens reports. Codes are a public contract: the CLI's JSON
// and SARIF, users' `spfLens.rules` settings and quick fixes key on them. Add codes; never
// rename or remove one.

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface ProblemInfo {
  /** Default severity; some checks raise or lower it per finding (documented in `summary`). */
  readonly severity: Severity;
  /** One line for the README, SARIF rule descriptions and hovers. */
  readonly summary: string;
  /** Where the rule comes from: an RFC 7208 section ("4.6.4") or an RFC 1035 one ("rfc1035#5"). */
  readonly reference: string;
}

export const problemCatalogue = {
  // Static checks of one record (RFC 7208 syntax and semantics).
  'spf-syntax': { severity: 'error', summary: 'A term that is not valid SPF: unknown mechanism, bad qualifier, empty domain.', reference: '12' },
  'spf-version': { severity: 'error', summary: 'A TXT record that starts like SPF but is not exactly "v=spf1" followed by a space or the end.', reference: '4.5' },
  'spf-invalid-ip': { severity: 'error', summary: 'ip4 without a dotted-quad address, or ip6 without an IPv6 address.', reference: '5.6' },
  'spf-invalid-cidr': { severity: 'error', summary: 'A CIDR prefix length out of range, or on a mechanism that takes none.', reference: '5.6' },
  'spf-host-bits': { severity: 'information', summary: 'An ip4/ip6 network with bits set below the prefix length (works, but is usually a typo).', reference: '5.6' },
  'spf-invalid-domain': { severity: 'error', summary: 'A domain-spec that cannot be a domain name.', reference: '7.1' },
  'spf-invalid-macro': { severity: 'error', summary: 'A malformed macro: unknown letter, unterminated %{, lone %, or c/r/t outside exp=.', reference: '7.1' },
  'spf-ptr': { severity: 'warning', summary: 'The ptr mechanism or %{p} macro, which RFC 7208 says SHOULD NOT be used.', reference: '5.5' },
  'spf-no-all': { severity: 'warning', summary: 'Neither an all mechanism nor redirect=: every other sender gets neutral.', reference: '4.7' },
  'spf-permissive-all': { severity: 'error', summary: '+all authorizes the whole internet (error); ?all fails to reject anyone (warning).', reference: '5.1' },
  'spf-unreachable-terms': { severity: 'warning', summary: 'Terms after all are never evaluated.', reference: '5.1' },
  'spf-redirect-ignored': { severity: 'warning', summary: 'redirect= together with all: receivers ignore the redirect.', reference: '6.1' },
  'spf-duplicate-modifier': { severity: 'error', summary: 'redirect= or exp= given twice: receivers return permerror.', reference: '6' },
  'spf-unknown-modifier': { severity: 'information', summary: 'A modifier receivers do not know and ignore.', reference: '6' },
  'spf-multiple-records': { severity: 'error', summary: 'Two SPF records at one name: receivers return permerror for every message.', reference: '4.5' },
  'spf-type99': { severity: 'warning', summary: 'An obsolete SPF (type 99) record; an error when it differs from the TXT record.', reference: '3.1' },
  'spf-string-too-long': { severity: 'error', summary: 'A character-string longer than 255 octets, which DNS cannot carry.', reference: '3.3' },
  'spf-record-too-long': { severity: 'warning', summary: 'A record over 450 octets, which may not fit a UDP answer with the rest of the RRset.', reference: '3.4' },
  'spf-non-ascii': { severity: 'error', summary: 'Characters outside printable ASCII, which SPF does not allow.', reference: '12' },

  // Live DNS checks of the whole include tree (RFC 7208 §4.6.4 and friends).
  'spf-lookup-limit': { severity: 'error', summary: 'More than 10 DNS-querying terms across the include tree: receivers return permerror.', reference: '4.6.4' },
  'spf-lookup-near-limit': { severity: 'warning', summary: '9 or 10 DNS-querying terms: one more include breaks mail.', reference: '4.6.4' },
  'spf-void-limit': { severity: 'error', summary: 'More than 2 lookups that return no records: receivers return permerror.', reference: '4.6.4' },
  'spf-include-no-spf': { severity: 'error', summary: 'An include/redirect target without an SPF record: permerror.', reference: '5.2' },
  'spf-include-invalid': { severity: 'error', summary: 'An include/redirect target whose SPF record has a syntax error: permerror.', reference: '4.6' },
  'spf-include-multiple': { severity: 'error', summary: 'An include/redirect target publishing more than one SPF record: permerror.', reference: '4.5' },
  'spf-mx-too-many': { severity: 'error', summary: 'An mx mechanism whose name has more than 10 MX hosts: permerror.', reference: '4.6.4' },
  'spf-loop': { severity: 'error', summary: 'An include/redirect cycle.', reference: '4.6.4' },
  'spf-dns-error': { severity: 'warning', summary: 'A DNS lookup failed (timeout, SERVFAIL): receivers would return temperror.', reference: '4.4' },
  'spf-void-lookup': { severity: 'information', summary: 'A term whose name does not resolve (a void lookup).', reference: '4.6.4' },
  'spf-live-off': { severity: 'information', summary: 'Live DNS checks are off (setting or untrusted workspace): lookup counts are not shown.', reference: '4.6.4' },

  // Zone-file problems (RFC 1035 §5 master files).
  'zone-syntax': { severity: 'error', summary: 'A zone-file line BIND would reject.', reference: 'rfc1035#section-5' },
  'zone-include': { severity: 'error', summary: 'An $INCLUDE file that cannot be read.', reference: 'rfc1035#section-5.1' },
} as const satisfies Record<string, ProblemInfo>;

export type ProblemCode = keyof typeof problemCatalogue;

export const problemCodes = Object.keys(problemCatalogue) as ProblemCode[];

/** A finding in an SPF text. Offsets are into the record text; hosts map them to the document. */
export interface Problem {
  readonly code: ProblemCode;
  readonly offset: number;
  readonly length: number;
  readonly message: string;
  /** Overrides the catalogue's default for this finding (for example +all is an error, ?all a warning). */
  readonly severity?: Severity;
  /** Other places in the same record that explain this finding. */
  readonly related?: readonly { readonly offset: number; readonly length: number; readonly message: string }[];
  /** Payload for quick fixes (for example the suggested replacement). */
  readonly data?: ProblemData;
  /** True when receivers return permerror because of this finding (RFC 7208 §4.6: syntax errors anywhere). */
  readonly permerror?: boolean;
}

/** What a quick fix needs: replace the finding's span (or `span`, when given) with `replacement`. */
export interface ProblemData {
  readonly replacement?: string;
  readonly span?: { readonly offset: number; readonly length: number };
}

export function severityOf(problem: Pick<Problem, 'code' | 'severity'>): Severity {
  return problem.severity ?? problemCatalogue[problem.code].severity;
}

/** Link to the specification section a problem comes from. */
export function referenceUrl(code: ProblemCode): string {
  const reference: string = problemCatalogue[code].reference;
  if (reference.startsWith('rfc')) {
    const [rfc, anchor] = reference.split('#');
    return `https://www.rfc-editor.org/rfc/${rfc}${anchor ? `#${anchor}` : ''}`;
  }
  return `https://www.rfc-editor.org/rfc/rfc7208#section-${reference}`;
}

// The parsed form of one SPF record (RFC 7208 §12). Every node carries its span in the
// record text, so hosts can map it to the document and features can point at it exactly.

export interface Span {
  readonly offset: number;
  readonly length: number;
}

export type Qualifier = '+' | '-' | '~' | '?';

export type MechanismName = 'all' | 'include' | 'a' | 'mx' | 'ptr' | 'ip4' | 'ip6' | 'exists';

export const mechanismNames: readonly MechanismName[] = ['all', 'include', 'a', 'mx', 'ptr', 'ip4', 'ip6', 'exists'];

/** The macro letters of RFC 7208 §7.2; c, r and t are only allowed in exp= explanation strings. */
export type MacroLetter = 's' | 'l' | 'o' | 'd' | 'i' | 'p' | 'h' | 'c' | 'r' | 't' | 'v';

export type MacroPart =
  /** Characters taken literally. */
  | { readonly kind: 'literal'; readonly text: string; readonly span: Span }
  /** `%%` → "%", `%_` → " ", `%-` → "%20". */
  | { readonly kind: 'escape'; readonly value: string; readonly span: Span }
  /** `%{d2r.}`: letter, optional digits (keep that many right-hand parts), reverse, delimiters. */
  | {
      readonly kind: 'macro';
      readonly letter: MacroLetter;
      /** Upper-case letter: the expansion is URL-escaped (§7.3). */
      readonly urlEscape: boolean;
      readonly digits: number | undefined;
      readonly reverse: boolean;
      /** Delimiter characters; empty means ".". */
      readonly delimiters: string;
      readonly span: Span;
    };

export interface MacroString {
  /** As written. */
  readonly text: string;
  readonly span: Span;
  readonly parts: readonly MacroPart[];
  /** True when expansion depends on the message (sender, IP, HELO...). */
  readonly hasMacros: boolean;
}

export interface CidrLength {
  readonly value: number;
  /** The digits, without the slashes. */
  readonly span: Span;
}

export interface Mechanism {
  readonly kind: 'mechanism';
  readonly span: Span;
  readonly qualifier: Qualifier;
  /** Absent when the qualifier is the implicit "+". */
  readonly qualifierSpan: Span | undefined;
  readonly name: MechanismName;
  readonly nameSpan: Span;
  /** include, exists (required); a, mx, ptr (optional). */
  readonly domain: MacroString | undefined;
  /** ip4/ip6: the network address as written. */
  readonly address: { readonly text: string; readonly span: Span } | undefined;
  /** ip4 prefix, or the IPv4 prefix of a/mx. */
  readonly cidr4: CidrLength | undefined;
  /** ip6 prefix, or the IPv6 prefix (after "//") of a/mx. */
  readonly cidr6: CidrLength | undefined;
}

export interface Modifier {
  readonly kind: 'modifier';
  readonly span: Span;
  /** Lower case; the record may spell it in any case. */
  readonly name: string;
  readonly nameSpan: Span;
  readonly value: MacroString;
}

/** A term the parser could not read; its problem says why. */
export interface InvalidTerm {
  readonly kind: 'invalid';
  readonly span: Span;
  readonly text: string;
}

export type Term = Mechanism | Modifier | InvalidTerm;

export interface SpfRecord {
  readonly text: string;
  /** The "v=spf1" token (or what stands in its place). */
  readonly versionSpan: Span;
  /** True when the text starts exactly with "v=spf1" followed by a space or the end. */
  readonly validVersion: boolean;
  readonly terms: readonly Term[];
}

export function spanEnd(span: Span): number {
  return span.offset + span.length;
}

export function isMechanism(term: Term, name?: MechanismName): term is Mechanism {
  return term.kind === 'mechanism' && (name === undefined || term.name === name);
}

export function isModifier(term: Term, name?: string): term is Modifier {
  return term.kind === 'modifier' && (name === undefined || term.name === name);
}

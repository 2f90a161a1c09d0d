// Macro-strings and domain-specs (RFC 7208 §7.1, §12): parsing with spans, and the static
// rules a domain-spec must follow before any expansion.

import type { MacroLetter, MacroPart, MacroString, Span } from './model';
import type { Problem } from './problems';

const macroLetters = new Set<string>(['s', 'l', 'o', 'd', 'i', 'p', 'h', 'c', 'r', 't', 'v']);
const explanationOnlyLetters = new Set<string>(['c', 'r', 't']);
const delimiterChars = new Set<string>(['.', '-', '+', ',', '/', '_', '=']);

export interface MacroStringOptions {
  /** exp= explanation text (the TXT record exp= points at) may use c, r and t; domain-specs may not. */
  readonly explanation?: boolean;
  /** Explanation text may contain spaces; terms may not. */
  readonly allowSpaces?: boolean;
}

/**
 * Parses `text` (which starts at `offset` in the record) into literal, escape and macro parts.
 * Malformed macros are reported and kept as literal text, so the caller still gets a span for everything.
 */
export function parseMacroString(text: string, offset: number, problems: Problem[], options: MacroStringOptions = {}): MacroString {
  const parts: MacroPart[] = [];
  let literalStart = 0;
  let hasMacros = false;

  const flushLiteral = (end: number): void => {
    if (end > literalStart) {
      parts.push({ kind: 'literal', text: text.slice(literalStart, end), span: { offset: offset + literalStart, length: end - literalStart } });
    }
  };

  let i = 0;
  while (i < text.length) {
    if (text[i] !== '%') {
      i += 1;
      continue;
    }
    flushLiteral(i);
    const next = text[i + 1];
    if (next === '%' || next === '_' || next === '-') {
      const value = next === '%' ? '%' : next === '_' ? ' ' : '%20';
      parts.push({ kind: 'escape', value, span: { offset: offset + i, length: 2 } });
      i += 2;
      literalStart = i;
      continue;
    }
    if (next !== '{') {
      problems.push({
        code: 'spf-invalid-macro',
        offset: offset + i,
        length: 1,
        message: `A lone "%" ${next === undefined ? 'ends the string' : `before "${next}"`}: a literal percent sign is written "%%", a space "%_", and macros "%{d}". Receivers return permerror.`,
        permerror: true,
        data: { replacement: '%%', span: { offset: offset + i, length: 1 } },
      });
      // Keep the "%" in the following literal so every character still belongs to a part.
      literalStart = i;
      i += 1;
      continue;
    }
    const close = text.indexOf('}', i + 2);
    if (close < 0) {
      problems.push({
        code: 'spf-invalid-macro',
        offset: offset + i,
        length: text.length - i,
        message: 'This macro has no closing "}": receivers return permerror. Macros look like "%{d}" or "%{ir}".',
        permerror: true,
      });
      i = text.length;
      break;
    }
    const macro = parseMacroBody(text.slice(i + 2, close), offset + i, close + 1 - i, problems, options);
    if (macro) {
      parts.push(macro);
      hasMacros = true;
    } else {
      parts.push({ kind: 'literal', text: text.slice(i, close + 1), span: { offset: offset + i, length: close + 1 - i } });
    }
    i = close + 1;
    literalStart = i;
  }
  flushLiteral(text.length);
  return { text, span: { offset, length: text.length }, parts, hasMacros };
}

function parseMacroBody(body: string, offset: number, length: number, problems: Problem[], options: MacroStringOptions): MacroPart | undefined {
  const span: Span = { offset, length };
  const match = /^([A-Za-z])(\d*)([rR]?)(.*)$/.exec(body);
  const fail = (message: string): undefined => {
    problems.push({ code: 'spf-invalid-macro', offset, length, message, permerror: true });
    return undefined;
  };
  if (!match) return fail(`"%{${body}}" is not a macro: a macro is a letter (s, l, o, d, i, p, h, v) with optional digits, "r" and delimiters, like "%{d2r}". Receivers return permerror.`);
  const [, rawLetter, digitText, reverse, delimiters] = match;
  const letter = rawLetter.toLowerCase();
  if (!macroLetters.has(letter)) {
    return fail(`"${rawLetter}" is not a macro letter. Valid letters are s, l, o, d, i, p, h and v (c, r and t only in explanations). Receivers return permerror.`);
  }
  if (explanationOnlyLetters.has(letter) && !options.explanation) {
    return fail(`The "%{${rawLetter}}" macro is only allowed in exp= explanation text, not in a domain-spec. Receivers return permerror.`);
  }
  for (const char of delimiters) {
    if (!delimiterChars.has(char)) {
      return fail(`"${char}" is not a macro delimiter. Delimiters are . - + , / _ and =. Receivers return permerror.`);
    }
  }
  const digits = digitText === '' ? undefined : Number(digitText);
  if (digits === 0) return fail(`"%{${body}}" keeps zero labels; the digit transformer must be 1 or more. Receivers return permerror.`);
  if (letter === 'p') {
    problems.push({
      code: 'spf-ptr',
      offset,
      length,
      message: 'The %{p} macro needs a slow, unreliable reverse DNS lookup; RFC 7208 §5.5 says it SHOULD NOT be used, and many receivers skip it. Use the sender\'s domain or IP macros instead.',
    });
  }
  return {
    kind: 'macro',
    letter: letter as MacroLetter,
    urlEscape: rawLetter !== letter,
    digits,
    reverse: reverse !== '',
    delimiters,
    span,
  };
}

/** §12 toplabel: alphanumerics with at least one letter, or alphanumerics with inner hyphens. */
function isTopLabel(label: string): boolean {
  if (/^[A-Za-z0-9]+$/.test(label)) return /[A-Za-z]/.test(label);
  return /^[A-Za-z0-9][A-Za-z0-9-]*$/.test(label) && label.includes('-') && !label.endsWith('-');
}

/**
 * The static rules of a domain-spec: not empty; ends in a macro or in "." plus a top label (§12,
 * `domain-end`); and, where the text is literal, labels of 1 to 63 host-name characters.
 */
export function checkDomainSpec(domain: MacroString, problems: Problem[], what: string, termSpan: Span): void {
  const { text, span } = domain;
  if (text === '') {
    problems.push({ code: 'spf-syntax', ...termSpan, message: `${what} has an empty domain. Receivers return permerror.`, permerror: true });
    return;
  }
  // A malformed macro stays in the parts as literal text; its own problem already says what is wrong.
  if (domain.parts.some((part) => part.kind === 'literal' && part.text.includes('%'))) return;
  const last = domain.parts[domain.parts.length - 1];
  if (last.kind === 'literal') {
    const withoutRoot = last.text.endsWith('.') ? last.text.slice(0, -1) : last.text;
    const dot = withoutRoot.lastIndexOf('.');
    const topLabel = withoutRoot.slice(dot + 1);
    if (dot < 0 && domain.parts.length === 1) {
      problems.push({
        code: 'spf-invalid-domain',
        offset: span.offset,
        length: span.length,
        message: `"${text}" is not a fully-qualified domain: it needs a top-level label such as ".com" ("${text}.example.com"?). Receivers return permerror.`,
        permerror: true,
      });
      return;
    }
    if (dot < 0 || !isTopLabel(topLabel)) {
      let message: string;
      if (dot < 0) message = `"${text}" must end in a macro or in "." and a top-level label such as ".com".`;
      else if (topLabel === '') message = `"${text}" does not end in a top-level label such as ".com".`;
      else message = `"${text}" ends in "${topLabel}", which cannot be a top-level domain (letters, digits and inner hyphens, not all digits).`;
      problems.push({ code: 'spf-invalid-domain', offset: span.offset, length: span.length, message: `${message} Receivers return permerror.`, permerror: true });
      return;
    }
  }
  checkLiteralLabels(domain, problems);
}

/**
 * Index of the first printable ASCII character that cannot be in a host name, or -1. Characters
 * outside printable ASCII are spf-non-ascii's to report. A loop, not a regex: this runs for every
 * domain of every record in large zones.
 */
function firstNonHostChar(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x21 || code > 0x7e) continue;
    const host = (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 45 || code === 46 || code === 95;
    if (!host) return i;
  }
  return -1;
}

function checkLiteralLabels(domain: MacroString, problems: Problem[]): void {
  // Only literal stretches can be judged before expansion; a label touching a macro is left alone.
  const literalOnly = domain.parts.every((part) => part.kind === 'literal');
  for (const part of domain.parts) {
    if (part.kind !== 'literal') continue;
    const badAt = firstNonHostChar(part.text);
    if (badAt >= 0) {
      const bad = part.text[badAt];
      problems.push({
        code: 'spf-invalid-domain',
        offset: part.span.offset + badAt,
        length: 1,
        message: `"${bad}" cannot appear in a domain name: DNS names use letters, digits, hyphens, underscores and dots.`,
      });
      return;
    }
    let labelStart = 0;
    const labels = part.text.split('.');
    labels.forEach((label, index) => {
      const touchesMacro = (index === 0 && part !== domain.parts[0]) || (index === labels.length - 1 && part !== domain.parts[domain.parts.length - 1]);
      const isRoot = index === labels.length - 1 && label === '' && index > 0;
      if (!touchesMacro && !isRoot) {
        if (label === '' && !(index === 0 && labels.length === 1)) {
          // Point at the two dots around the empty label (or the leading dot).
          problems.push({
            code: 'spf-invalid-domain',
            offset: part.span.offset + Math.max(labelStart - 1, 0),
            length: index > 0 ? 2 : 1,
            message: `"${domain.text}" has an empty label (two dots in a row, or a leading dot).`,
          });
        } else if (label.length > 63) {
          problems.push({
            code: 'spf-invalid-domain',
            offset: part.span.offset + labelStart,
            length: label.length,
            message: `This label is ${label.length} characters long; DNS labels are at most 63.`,
          });
        }
      }
      labelStart += label.length + 1;
    });
  }
  if (literalOnly && domain.text.replace(/\.$/, '').length > 253) {
    problems.push({
      code: 'spf-invalid-domain',
      offset: domain.span.offset,
      length: domain.span.length,
      message: `This domain is ${domain.text.length} characters long; DNS names are at most 253.`,
    });
  }
}

// RFC 7208 §12 record parser. It reads every term, reports every problem it finds (not just
// the first), and keeps going after an error at the next space-separated term.

import ipaddr from 'ipaddr.js';
import { checkDomainSpec, parseMacroString } from './macro';
import type { CidrLength, Mechanism, MechanismName, Modifier, Qualifier, Span, SpfRecord, Term } from './model';
import { mechanismNames } from './model';
import type { Problem } from './problems';
import { suggestName } from './suggest';

export interface ParseResult {
  readonly record: SpfRecord;
  readonly problems: Problem[];
}

const qualifiers = new Set(['+', '-', '~', '?']);
const modifierNamePattern = /^[A-Za-z][A-Za-z0-9_.-]*$/;

export function parseRecord(text: string): ParseResult {
  const problems: Problem[] = [];
  reportNonAscii(text, problems);

  const tokens = splitTerms(text);
  const first = tokens[0] ?? { text: '', offset: 0 };
  const validVersion = /^v=spf1$/i.test(first.text) && (text.length === 6 || text[6] === ' ');
  const versionSpan: Span = { offset: first.offset, length: first.text.length };
  if (!validVersion) problems.push(versionProblem(text, first));

  const terms: Term[] = [];
  for (const token of tokens.slice(1)) {
    terms.push(parseTerm(token.text, token.offset, problems));
  }
  return { record: { text, versionSpan, validVersion, terms }, problems };
}

interface Token {
  readonly text: string;
  readonly offset: number;
}

/** Terms are separated by spaces; other whitespace also separates here so a stray tab breaks one term, not the rest. */
function splitTerms(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /[^ \t\r\n\f\v]+/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    tokens.push({ text: match[0], offset: match.index });
  }
  return tokens;
}

function reportNonAscii(text: string, problems: Problem[]): void {
  const pattern = /[^\x20-\x7e]+/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const run = match[0];
    const isWhitespace = /^\s+$/.test(run);
    problems.push({
      code: 'spf-non-ascii',
      offset: match.index,
      length: run.length,
      message: isWhitespace
        ? `${describeChars(run)} where SPF allows only spaces between terms. Receivers return permerror; replace it with a space.`
        : `${describeChars(run)}: SPF records may only contain printable ASCII. Receivers return permerror.`,
      permerror: true,
      data: isWhitespace ? { replacement: ' ' } : undefined,
    });
  }
}

function describeChars(run: string): string {
  const names = [...new Set([...run].map((char) => {
    if (char === '\t') return 'a tab';
    if (char === '\r' || char === '\n') return 'a line break';
    const code = char.codePointAt(0) ?? 0;
    return code < 0x20 || code === 0x7f ? `control character U+${code.toString(16).toUpperCase().padStart(4, '0')}` : `"${char}"`;
  }))];
  const list = names.length > 3 ? `${names.slice(0, 3).join(', ')} and others` : names.join(', ');
  return list.charAt(0).toUpperCase() + list.slice(1);
}

function versionProblem(text: string, first: Token): Problem {
  const token = first.text;
  let message: string;
  if (text.trim() === '') {
    message = 'This SPF record is empty; it must start with "v=spf1".';
  } else if (first.offset > 0) {
    message = `The record starts with whitespace before "${token}"; receivers only recognise records that begin exactly with "v=spf1", so they ignore this one and SPF returns none. Remove the leading whitespace.`;
  } else if (/^v=spf1$/i.test(token)) {
    message = `"v=spf1" is followed by ${describeChars(text[6]).toLowerCase()}, not a space; receivers only recognise "v=spf1" followed by a space, so they ignore this record and SPF returns none.`;
  } else if (/^v=spf1/i.test(token)) {
    message = `"${token}" is not "v=spf1" followed by a space; receivers ignore this record and SPF returns none. Put a space after "v=spf1".`;
  } else if (/^spf1$/i.test(token)) {
    message = 'The version tag is missing "v=": receivers only recognise records that start with "v=spf1", so SPF returns none.';
  } else {
    message = `"${token}" is not the SPF version tag; the only version is "v=spf1". Receivers ignore this record and SPF returns none.`;
  }
  return { code: 'spf-version', offset: first.offset, length: token.length, message, data: /^(spf1|v=spf\d*)$/i.test(token) ? { replacement: 'v=spf1' } : undefined };
}

function parseTerm(token: string, offset: number, problems: Problem[]): Term {
  const span: Span = { offset, length: token.length };
  const modifier = /^([^:/=]*)=/.exec(token);
  if (modifier && modifierNamePattern.test(modifier[1])) {
    return parseModifier(token, offset, modifier[1], problems);
  }
  return parseMechanism(token, offset, problems) ?? { kind: 'invalid', span, text: token };
}

function parseModifier(token: string, offset: number, rawName: string, problems: Problem[]): Modifier {
  const name = rawName.toLowerCase();
  const nameSpan: Span = { offset, length: rawName.length };
  const valueOffset = offset + rawName.length + 1;
  const value = parseMacroString(token.slice(rawName.length + 1), valueOffset, problems);
  if (name === 'redirect' || name === 'exp') {
    checkDomainSpec(value, problems, `${name}=`, { offset, length: token.length });
  }
  return { kind: 'modifier', span: { offset, length: token.length }, name, nameSpan, value };
}

/** Every Mechanism is built here, so all of them share one object shape (V8 keeps such code fast). */
function mechanism(
  head: { span: Span; qualifier: Qualifier; qualifierSpan: Span | undefined; name: MechanismName; nameSpan: Span },
  domain: Mechanism['domain'],
  address: Mechanism['address'],
  cidr4: CidrLength | undefined,
  cidr6: CidrLength | undefined,
): Mechanism {
  return { kind: 'mechanism', span: head.span, qualifier: head.qualifier, qualifierSpan: head.qualifierSpan, name: head.name, nameSpan: head.nameSpan, domain, address, cidr4, cidr6 };
}

function parseMechanism(token: string, offset: number, problems: Problem[]): Mechanism | undefined {
  const invalid = (problem: Omit<Problem, 'permerror'>): undefined => reportInvalid(problems, problem);

  let cursor = 0;
  let qualifier: Qualifier = '+';
  let qualifierSpan: Span | undefined;
  if (qualifiers.has(token[0])) {
    qualifier = token[0] as Qualifier;
    qualifierSpan = { offset, length: 1 };
    cursor = 1;
  } else if (!/^[A-Za-z]/.test(token)) {
    const rest = token.slice(1);
    const looksQualified = /^[A-Za-z]/.test(rest);
    return invalid({
      code: 'spf-syntax',
      offset,
      length: looksQualified ? 1 : token.length,
      message: looksQualified
        ? `"${token[0]}" is not a qualifier. Qualifiers are "+" (pass), "-" (fail), "~" (softfail) and "?" (neutral). Receivers return permerror.`
        : `"${token}" is not an SPF term. Receivers return permerror for the whole record.`,
    });
  }

  let nameEnd = cursor;
  if (nameEnd < token.length && isAsciiLetter(token.charCodeAt(nameEnd))) {
    nameEnd += 1;
    while (nameEnd < token.length && isNameChar(token.charCodeAt(nameEnd))) nameEnd += 1;
  }
  const rawName = token.slice(cursor, nameEnd);
  const nameSpan: Span = { offset: offset + cursor, length: rawName.length };
  const lowerName = rawName.toLowerCase();
  const rest = token.slice(cursor + rawName.length);

  if (!(mechanismNames as readonly string[]).includes(lowerName)) {
    const suggestion = suggestName(lowerName, rest, 'mechanism');
    if (qualifierSpan && rest.startsWith('=')) {
      return invalid({
        code: 'spf-syntax',
        offset,
        length: token.length,
        message: `Modifiers such as "${rawName}=" take no qualifier. Receivers return permerror.`,
        data: { replacement: token.slice(1) },
      });
    }
    // With no name at all ("~" or "-:x"), point at the whole term.
    return invalid({
      code: 'spf-syntax',
      offset: rawName ? nameSpan.offset : offset,
      length: rawName ? nameSpan.length : token.length,
      message: suggestion
        ? `Unknown mechanism "${rawName}"; did you mean "${suggestion}${separatorFor(suggestion)}"? Receivers return permerror for the whole record.`
        : `Unknown mechanism "${rawName || token}". Mechanisms are all, include, a, mx, ptr, ip4, ip6 and exists. Receivers return permerror for the whole record.`,
      data: suggestion ? { replacement: suggestion } : undefined,
    });
  }

  const name = lowerName as MechanismName;
  const argOffset = offset + cursor + rawName.length;
  const head = { span: { offset, length: token.length }, qualifier, qualifierSpan, name, nameSpan };
  const before = problems.length;

  switch (name) {
    case 'all':
      if (rest !== '') {
        return invalid({ code: 'spf-syntax', offset: argOffset, length: rest.length, message: `"all" takes no argument; "${rest}" makes the term invalid and receivers return permerror.`, data: { replacement: '' } });
      }
      return mechanism(head, undefined, undefined, undefined, undefined);

    case 'include':
    case 'exists': {
      if (!rest.startsWith(':')) {
        return invalid({
          code: 'spf-syntax',
          offset,
          length: token.length,
          message: rest === ''
            ? `"${name}" needs a domain, for example "${name}:_spf.example.com". Receivers return permerror.`
            : `"${name}" must be followed by ":" and a domain, not "${rest}". Receivers return permerror.`,
        });
      }
      const domainText = rest.slice(1);
      const cidr = /\/{1,2}\d*$/.exec(domainText);
      if (cidr && /\.[A-Za-z0-9-]+\/{1,2}\d*$/.test(domainText)) {
        return invalid({
          code: 'spf-invalid-cidr',
          offset: argOffset + 1 + cidr.index,
          length: cidr[0].length,
          message: `"${name}" takes no CIDR length; "${cidr[0]}" makes the term invalid and receivers return permerror.`,
          data: { replacement: '' },
        });
      }
      const domain = parseMacroString(domainText, argOffset + 1, problems);
      checkDomainSpec(domain, problems, `"${name}:"`, { offset, length: token.length });
      return mechanism(head, domain, undefined, undefined, undefined);
    }

    case 'a':
    case 'mx':
    case 'ptr': {
      let domainText = rest;
      let cidr4: CidrLength | undefined;
      let cidr6: CidrLength | undefined;
      if (name !== 'ptr') {
        const parsed = parseDualCidr(rest, argOffset, problems);
        domainText = rest.slice(0, parsed.domainLength);
        cidr4 = parsed.cidr4;
        cidr6 = parsed.cidr6;
      } else if (/\/\d*$/.test(rest)) {
        const slash = rest.search(/\/+\d*$/);
        return invalid({ code: 'spf-invalid-cidr', offset: argOffset + slash, length: rest.length - slash, message: '"ptr" takes no CIDR length. Receivers return permerror.', data: { replacement: '' } });
      }
      if (name === 'ptr') {
        problems.push({
          code: 'spf-ptr',
          offset,
          length: token.length,
          message: 'The ptr mechanism is slow and unreliable, and RFC 7208 §5.5 says it SHOULD NOT be used; large receivers may skip it. List the sending hosts with ip4:, ip6: or a: instead.',
        });
      }
      if (domainText === '') return mechanism(head, undefined, undefined, cidr4, cidr6);
      if (!domainText.startsWith(':')) {
        return invalid({
          code: 'spf-syntax',
          offset: argOffset,
          length: domainText.length,
          message: `"${name}" must be followed by ":" and a domain, or by a CIDR length such as "/24", not "${domainText}". Receivers return permerror.`,
        });
      }
      const domain = parseMacroString(domainText.slice(1), argOffset + 1, problems);
      checkDomainSpec(domain, problems, `"${name}:"`, { offset, length: token.length });
      return mechanism(head, domain, undefined, cidr4, cidr6);
    }

    case 'ip4':
    case 'ip6': {
      const address = parseAddress(name, rest, argOffset, token, offset, problems);
      if (!address) return undefined;
      return problems.slice(before).some((problem) => problem.permerror) ? undefined : mechanism(head, undefined, address.address, address.cidr4, address.cidr6);
    }
  }
}

function reportInvalid(problems: Problem[], problem: Omit<Problem, 'permerror'>): undefined {
  problems.push({ ...problem, permerror: true });
  return undefined;
}

function separatorFor(name: string): string {
  return name === 'all' ? '' : ':';
}

interface DualCidr {
  /** Length of the text before the CIDR part. */
  readonly domainLength: number;
  readonly cidr4: CidrLength | undefined;
  readonly cidr6: CidrLength | undefined;
}

/** `[ "/" ip4-cidr-length ] [ "//" ip6-cidr-length ]` at the end of an a or mx term. */
function parseDualCidr(rest: string, offset: number, problems: Problem[]): DualCidr {
  const match = /(?:\/(\d*))?(?:\/\/(\d*))?$/.exec(rest);
  if (!match || match[0] === '') {
    if (rest.endsWith('/')) {
      problems.push({ code: 'spf-invalid-cidr', offset: offset + rest.length - 1, length: 1, message: 'A "/" must be followed by a prefix length such as "/24". Receivers return permerror.', permerror: true });
      return { domainLength: rest.length - 1, cidr4: undefined, cidr6: undefined };
    }
    return { domainLength: rest.length, cidr4: undefined, cidr6: undefined };
  }
  const start = match.index;
  const cidr4Text = match[1];
  const cidr6Text = match[2];
  const cidr4Offset = offset + start + 1;
  const cidr6Offset = offset + rest.length - (cidr6Text?.length ?? 0);
  const cidr4 = cidr4Text === undefined ? undefined : cidrLength(cidr4Text, cidr4Offset, 32, 'IPv4', problems);
  const cidr6 = cidr6Text === undefined ? undefined : cidrLength(cidr6Text, cidr6Offset, 128, 'IPv6', problems);
  return { domainLength: start, cidr4, cidr6 };
}

function cidrLength(digits: string, offset: number, max: number, family: string, problems: Problem[]): CidrLength | undefined {
  const span = { offset, length: digits.length };
  if (digits === '') {
    problems.push({ code: 'spf-invalid-cidr', offset: offset - 1, length: 1, message: `The ${family} prefix length is missing after "/". Receivers return permerror.`, permerror: true });
    return undefined;
  }
  const value = Number(digits);
  if (digits.length > 1 && digits.startsWith('0')) {
    problems.push({ code: 'spf-invalid-cidr', ...span, message: `"/${digits}" has a leading zero, which the SPF grammar does not allow; write "/${value}". Receivers return permerror.`, permerror: true, data: { replacement: String(value) } });
    return undefined;
  }
  if (value > max) {
    problems.push({ code: 'spf-invalid-cidr', ...span, message: `An ${family} prefix length is at most ${max}, not ${value}. Receivers return permerror.`, permerror: true });
    return undefined;
  }
  return { value, span };
}

type ParsedAddress = Pick<Mechanism, 'address' | 'cidr4' | 'cidr6'>;

function parseAddress(name: 'ip4' | 'ip6', rest: string, argOffset: number, token: string, termOffset: number, problems: Problem[]): ParsedAddress | undefined {
  const family = name === 'ip4' ? 'IPv4' : 'IPv6';
  if (!rest.startsWith(':') || rest.length === 1) {
    problems.push({
      code: 'spf-invalid-ip',
      offset: termOffset,
      length: token.length,
      message: `"${name}" needs an ${family} address, for example "${name}:${name === 'ip4' ? '192.0.2.0/24' : '2001:db8::/32'}". Receivers return permerror.`,
      permerror: true,
    });
    return undefined;
  }
  const body = rest.slice(1);
  const bodyOffset = argOffset + 1;
  const slash = body.indexOf('/');
  const addressText = slash < 0 ? body : body.slice(0, slash);
  const addressSpan: Span = { offset: bodyOffset, length: addressText.length };
  const cidrText = slash < 0 ? undefined : body.slice(slash + 1);

  const isV4 = isStrictIPv4(addressText);
  // ipaddr.js accepts zone indexes ("fe80::1%eth0"), which SPF does not.
  const isV6 = !isV4 && !addressText.includes('%') && ipaddr.IPv6.isValid(addressText);
  const fits = name === 'ip4' ? isV4 : isV6;
  if (!fits) {
    // Written with the other family's mechanism: say so, and offer the right name as the fix.
    const otherFamily = name === 'ip4' ? isV6 : isV4;
    const other = name === 'ip4' ? 'ip6' : 'ip4';
    problems.push({
      code: 'spf-invalid-ip',
      ...addressSpan,
      message: otherFamily
        ? `"${addressText}" is an ${name === 'ip4' ? 'IPv6' : 'IPv4'} address; list it with "${other}:", not "${name}:". Receivers return permerror.`
        : `"${addressText}" is not an ${family} address${name === 'ip4' ? ' (four numbers 0-255 without leading zeros, like 192.0.2.10)' : ''}. Receivers return permerror.`,
      permerror: true,
      data: otherFamily ? { replacement: other, span: { offset: termOffset + token.toLowerCase().indexOf(name), length: 3 } } : undefined,
    });
  }

  let prefix: CidrLength | undefined;
  if (cidrText !== undefined) {
    const cidrOffset = bodyOffset + slash + 1;
    if (cidrText.startsWith('/')) {
      problems.push({
        code: 'spf-invalid-cidr',
        offset: cidrOffset - 1,
        length: cidrText.length + 1,
        message: `"${name}" takes a single "/" before the prefix length; "//" is only for the IPv6 length of a and mx. Receivers return permerror.`,
        permerror: true,
        data: { replacement: `/${cidrText.slice(1)}` },
      });
    } else if (!/^\d*$/.test(cidrText)) {
      problems.push({ code: 'spf-invalid-cidr', offset: cidrOffset, length: cidrText.length, message: `"${cidrText}" is not a prefix length. Receivers return permerror.`, permerror: true });
    } else {
      prefix = cidrLength(cidrText, cidrOffset, name === 'ip4' ? 32 : 128, family, problems);
    }
  }
  if (name === 'ip4' && isV4 && prefix) checkHostBits(addressText, prefix, problems);
  if (name === 'ip6' && isV6 && prefix) checkHostBits(addressText, prefix, problems);
  const address = { text: addressText, span: addressSpan };
  return name === 'ip4' ? { address, cidr4: prefix, cidr6: undefined } : { address, cidr4: undefined, cidr6: prefix };
}

function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** ALPHA / DIGIT / "-" / "_" / "." (the characters of a modifier or mechanism name). */
function isNameChar(code: number): boolean {
  return isAsciiLetter(code) || (code >= 48 && code <= 57) || code === 45 || code === 95 || code === 46;
}

/** RFC 7208 §12 `ip4-network`: four decimal octets, no leading zeros. */
export function isStrictIPv4(text: string): boolean {
  return /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/.test(text);
}

/** The network address of `addressText`/`prefix` when host bits are set, else undefined. */
function networkIfHostBits(addressText: string, prefix: number): string | undefined {
  if (isStrictIPv4(addressText)) {
    // Plain arithmetic: this runs for every ip4 term of every record in large zones.
    const value = addressText.split('.').reduce((sum, octet) => sum * 256 + Number(octet), 0);
    const size = 2 ** (32 - prefix);
    const network = value - (value % size);
    if (network === value) return undefined;
    return [24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256).join('.');
  }
  const address = ipaddr.parse(addressText);
  const network = ipaddr.IPv6.networkAddressFromCIDR(`${addressText}/${prefix}`);
  return network.toString() === address.toString() ? undefined : network.toString();
}

function checkHostBits(addressText: string, prefix: CidrLength, problems: Problem[]): void {
  const replacement = networkIfHostBits(addressText, prefix.value);
  if (replacement === undefined) return;
  problems.push({
    code: 'spf-host-bits',
    offset: prefix.span.offset - addressText.length - 1,
    length: addressText.length + 1 + prefix.span.length,
    message: `${addressText}/${prefix.value} has bits set below the /${prefix.value} prefix; receivers treat it as ${replacement}/${prefix.value}. If you meant only the host, drop the prefix; if you meant the network, write ${replacement}/${prefix.value}.`,
    data: { replacement: `${replacement}/${prefix.value}` },
  });
}

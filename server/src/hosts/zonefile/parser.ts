// Records and directives of a master file, read the way BIND's dns_master_load reads them:
// [owner] [TTL] [class] type rdata, with TTL and class optional and in either order, a blank
// owner meaning "the previous owner", and $ORIGIN, $TTL and $INCLUDE. A problem makes the
// record (or directive) count as failed: it is reported once, skipped to the end of its logical
// line, and produces no HostRecord or SpfSource. Nothing here throws on any input.

import { looksLikeSpf } from '../../spf/version';
import { SourceMapBuilder, type CharacterString } from '../types';
import { maxIncludeDepth, maxIncludes, type ZoneContext } from './context';
import { Token, ZoneLexer } from './lexer';
import { absoluteName, nameProblem, originWireLength } from './names';
import { clip } from './messages';
import { genericRecordData, RdataTokens, readRdata, type RdataInput } from './rdata';
import { looksLikeTtl, maxTtl, parseClass, parseTtl, parseType } from './rrtypes';
import { decodeCharacterString, decodeGenericTxt, HexCollector, type DecodedString, type GenericBytes } from './strings';

/** The owner, TTL and class part of a record, once read. */
interface RecordHead {
  readonly start: number;
  readonly line: number;
  readonly owner: string | undefined;
  readonly ownerText: string;
  readonly ttl: number | undefined;
  /** The record's class is IN (written or implied): only those are served, so only those are reported. */
  readonly internet: boolean;
  readonly type: string;
  readonly typeStart: number;
  readonly typeEnd: number;
}

export class ZoneFileParser {
  private readonly lex: ZoneLexer;
  private origin: string | undefined;
  /** The last owner written, for lines that start with whitespace ("same owner"). */
  private ownerName: string | undefined;
  private ownerText: string | undefined;
  /** The current record or directive already has a problem. */
  private failed = false;
  private readonly rdata: RdataInput;
  private readonly reportSyntax = (offset: number, length: number, message: string): void => this.fail(offset, length, message);

  constructor(
    private readonly text: string,
    private readonly uri: string,
    origin: string | undefined,
    private readonly zone: ZoneContext,
    /** URIs of the files being read, outermost first, this one last. */
    private readonly includeChain: readonly string[],
  ) {
    this.origin = origin;
    this.rdata = { text, type: '', typeStart: 0, typeEnd: 0, origin, tokens: new RdataTokens() };
    this.lex = new ZoneLexer(text, (offset, length, message, always) => {
      if (always) {
        this.failed = true;
        this.zone.addProblem(this.uri, 'zone-syntax', 'error', offset, length, message);
      } else {
        this.fail(offset, length, message);
      }
    });
  }

  run(): void {
    const lex = this.lex;
    for (;;) {
      this.failed = false;
      const kind = lex.next();
      if (kind === Token.Eof) return;
      if (kind === Token.Eol) continue;
      if (kind === Token.Word && !lex.initialWs && this.text.charCodeAt(lex.start) === 0x24) this.directive();
      else this.record();
      this.skipLine();
    }
  }

  // ---- problems and tokens ----

  private fail(offset: number, length: number, message: string): void {
    if (this.failed) return;
    this.failed = true;
    this.zone.addProblem(this.uri, 'zone-syntax', 'error', offset, length, message);
  }

  private failAtToken(message: string): void {
    this.fail(this.lex.start, this.lex.end - this.lex.start, message);
  }

  private warn(offset: number, length: number, message: string): void {
    this.zone.addProblem(this.uri, 'zone-syntax', 'warning', offset, length, message);
  }

  private skipLine(): void {
    const lex = this.lex;
    while (lex.kind !== Token.Eol && lex.kind !== Token.Eof) lex.next();
  }

  private atString(): boolean {
    return this.lex.kind === Token.Word || this.lex.kind === Token.Quoted;
  }

  // A method, not `lex.kind === Token.Quoted`, because TypeScript keeps a narrowed lex.kind across lex.next().
  private atQuoted(): boolean {
    return this.lex.kind === Token.Quoted;
  }

  /** The current Word or Quoted token as written (a quoted one without its quotes). */
  private tokenText(): string {
    const lex = this.lex;
    if (lex.kind === Token.Quoted) return this.text.slice(lex.start + 1, lex.terminated ? lex.end - 1 : lex.end);
    return this.text.slice(lex.start, lex.end);
  }

  private tokenLength(): number {
    return this.lex.end - this.lex.start;
  }

  /** Fails on the current token unless it ends the line: "Unexpected ... after ...". */
  private expectEol(after: string): void {
    if (this.atString()) this.failAtToken(`Unexpected "${clip(this.tokenText())}" after ${after}. Remove it, or start a comment with ";".`);
  }

  // ---- directives ----

  private directive(): void {
    const lex = this.lex;
    const name = this.text.slice(lex.start, lex.end).toUpperCase();
    switch (name) {
      case '$ORIGIN':
        return this.originDirective();
      case '$TTL':
        return this.ttlDirective();
      case '$INCLUDE':
        return this.includeDirective();
      case '$GENERATE':
      case '$DATE':
        return; // accepted and not expanded: generated names are not SPF records
      default:
        this.failAtToken(`"${clip(this.tokenText())}" is not a zone-file directive. BIND knows $ORIGIN, $TTL, $INCLUDE, $GENERATE and $DATE; fix the spelling, or remove the "$" if this is an owner name.`);
    }
  }

  private originDirective(): void {
    const lex = this.lex;
    const directiveStart = lex.start;
    lex.next();
    if (!this.atString()) {
      this.fail(directiveStart, 7, '$ORIGIN needs a domain name. Write it after the directive, for example "$ORIGIN example.com.".');
      return;
    }
    const written = this.tokenText();
    const problem = nameProblem(written);
    if (problem) return this.failAtToken(problem);
    const origin = absoluteName(written, this.origin);
    lex.next();
    this.expectEol('the $ORIGIN name');
    if (!this.failed) this.origin = origin;
  }

  private ttlDirective(): void {
    const lex = this.lex;
    const directiveStart = lex.start;
    lex.next();
    if (!this.atString()) {
      this.fail(directiveStart, 4, '$TTL needs a time to live. Write it after the directive, for example "$TTL 3600" or "$TTL 1h".');
      return;
    }
    const ttl = this.readTtl(parseTtl(this.tokenText()));
    if (ttl === undefined) return;
    lex.next();
    this.expectEol('the $TTL value');
    if (!this.failed) this.zone.defaultTtl = ttl;
  }

  /** Checks a parsed TTL token (the current token), reporting bad or out-of-range values. */
  private readTtl(parsed: number | 'range' | undefined): number | undefined {
    if (parsed === undefined) {
      this.failAtToken(`"${clip(this.tokenText())}" is not a valid TTL. Write a number of seconds (3600) or a number with units w, d, h, m, s (1h30m).`);
      return undefined;
    }
    if (parsed === 'range') {
      this.failAtToken(`The TTL "${clip(this.tokenText())}" is more than 4294967295 seconds, which does not fit in a DNS TTL. Use a smaller value.`);
      return undefined;
    }
    if (parsed > maxTtl) {
      this.warn(this.lex.start, this.tokenLength(), `The TTL ${parsed} is above 2147483647 seconds; BIND and resolvers treat it as 0 (RFC 2181 §8). Use a smaller value.`);
      return 0;
    }
    return parsed;
  }

  private includeDirective(): void {
    const lex = this.lex;
    const directiveStart = lex.start;
    lex.next();
    if (!this.atString()) {
      this.fail(directiveStart, 8, '$INCLUDE needs a file name. Write it after the directive, for example "$INCLUDE spf.zone".');
      return;
    }
    const path = this.tokenText();
    const fileStart = lex.start;
    const fileLength = this.tokenLength();
    let origin = this.origin;
    lex.next();
    if (this.atString()) {
      const written = this.tokenText();
      const problem = nameProblem(written);
      if (problem) return this.failAtToken(problem);
      origin = absoluteName(written, this.origin);
      lex.next();
      this.expectEol('the $INCLUDE origin');
    }
    if (!this.failed) this.include(path, fileStart, fileLength, origin);
  }

  private include(path: string, offset: number, length: number, origin: string | undefined): void {
    const problem = (message: string): void => this.zone.addProblem(this.uri, 'zone-include', 'error', offset, length, message);
    const shown = clip(path);
    const target = resolveIncludeUri(path, this.uri);
    if (target === undefined) {
      return problem(`The $INCLUDE file "${shown}" cannot be located relative to this document (${this.uri}). Save the document first, or give an absolute path.`);
    }
    const cycleAt = this.includeChain.indexOf(target);
    if (cycleAt >= 0) {
      const cycle = [...this.includeChain.slice(cycleAt), target].map(baseName).join(' → ');
      return problem(`$INCLUDE "${shown}" includes a file that is already being read (${cycle}), so BIND would loop. Remove one of the $INCLUDE lines.`);
    }
    if (this.includeChain.length > maxIncludeDepth) {
      return problem(`$INCLUDE "${shown}" is nested more than ${maxIncludeDepth} files deep, which is almost certainly a mistake. Flatten the includes.`);
    }
    if (this.zone.includesRead >= maxIncludes) {
      return problem(`This zone reads more than ${maxIncludes} $INCLUDE files in total, so "${shown}" is not read. Check for files included many times.`);
    }
    let text: unknown;
    try {
      text = this.zone.readInclude?.(target);
    } catch {
      text = undefined;
    }
    if (typeof text !== 'string') {
      return problem(`The $INCLUDE file "${shown}" cannot be read (looked for ${target}). Check the path; it is resolved relative to this file.`);
    }
    this.zone.includesRead++;
    new ZoneFileParser(text, target, origin, this.zone, [...this.includeChain, target]).run();
  }

  // ---- records ----

  private record(): void {
    const head = this.recordHead();
    if (!head) return;
    this.lex.next();
    if (head.type === 'TXT' || head.type === 'SPF') this.txtRecord(head);
    else this.otherRecord(head);
  }

  /** Reads owner, TTL, class and type; on success the current token is the type. */
  private recordHead(): RecordHead | undefined {
    const lex = this.lex;
    const start = lex.start;
    const line = lex.line;
    let owner: string | undefined;
    let ownerText: string;
    if (!lex.initialWs) {
      ownerText = this.tokenText();
      const problem = nameProblem(ownerText, originWireLength(this.origin));
      if (problem) return void this.failAtToken(problem);
      owner = absoluteName(ownerText, this.origin);
      this.ownerName = owner;
      this.ownerText = ownerText;
      lex.next();
      if (!this.atString()) {
        return void this.fail(start, lex.contentEnd - start, `This line has only the owner name "${clip(ownerText)}". Add the record's type and data (for example IN TXT "v=spf1 -all"), or remove the line.`);
      }
    } else {
      if (this.ownerText === undefined) {
        return void this.failAtToken('This line starts with a space, which means "same owner as the previous record", but there is no previous record. Put the owner name (or @) at the start of the line.');
      }
      owner = this.ownerName;
      ownerText = this.ownerText;
    }

    // [class] [TTL] [class] type, as BIND tries them. A TTL always starts with a digit.
    let word = this.headWord();
    let rrclass = word === undefined ? undefined : parseClass(word);
    if (rrclass !== undefined) word = this.nextHeadWord();
    let ttl: number | undefined;
    if (word !== undefined && looksLikeTtl(word)) {
      ttl = this.readTtl(parseTtl(word));
      if (ttl === undefined) return undefined;
      this.zone.lastTtl = ttl;
      word = this.nextHeadWord();
    }
    if (rrclass === undefined && word !== undefined) {
      rrclass = parseClass(word);
      if (rrclass !== undefined) word = this.nextHeadWord();
    }
    if (!this.atString()) {
      return void this.fail(start, lex.contentEnd - start, 'This record has no type. Add a type such as TXT, A or MX after the owner, TTL and class, followed by its data.');
    }
    const type = word === undefined ? undefined : parseType(word);
    if (type === undefined) return void this.failAtToken(this.notATypeMessage(this.tokenText(), ttl !== undefined, rrclass !== undefined));

    if (rrclass !== undefined) this.zone.zoneClass ??= rrclass;
    const zoneClass = this.zone.zoneClass ?? 'IN';
    if (rrclass !== undefined && rrclass !== zoneClass) {
      return void this.fail(start, lex.end - start, `This record's class ${rrclass} differs from the zone's class ${zoneClass}, and BIND rejects it. Use ${zoneClass} (or leave the class out).`);
    }
    return {
      start, line, owner, ownerText, ttl, internet: (rrclass ?? zoneClass) === 'IN',
      type, typeStart: lex.start, typeEnd: lex.end,
    };
  }

  /** The current token's text if it is a Word ("IN" without a copy: nearly every record has it). */
  private headWord(): string | undefined {
    const lex = this.lex;
    if (lex.kind !== Token.Word) return undefined;
    if (lex.end - lex.start === 2 && this.text.startsWith('IN', lex.start)) return 'IN';
    return this.text.slice(lex.start, lex.end);
  }

  private nextHeadWord(): string | undefined {
    this.lex.next();
    return this.headWord();
  }

  private notATypeMessage(written: string, haveTtl: boolean, haveClass: boolean): string {
    const shown = clip(written);
    if (parseTtl(written) !== undefined && haveTtl) return `"${shown}" is a second TTL; a record has at most one. Remove one of them and make sure the type follows.`;
    if (parseClass(written) !== undefined && haveClass) return `"${shown}" is a second class; a record has at most one. Remove one of them and make sure the type follows.`;
    if (this.lex.kind === Token.Quoted) return `A quoted string stands where the record type belongs. Add the type (for example TXT) before "${shown}".`;
    return `"${shown}" is not a record type BIND knows. Use a type such as TXT, A, AAAA, MX or CNAME, or the generic form TYPEnnn; check the owner, TTL and class before it too.`;
  }

  /** The record's TTL when none is written: $TTL, else the last TTL, else (SOA) its minimum field. */
  private ttlFor(head: RecordHead, soaMinimum?: number): number {
    if (head.ttl !== undefined) return head.ttl;
    if (this.zone.defaultTtl !== undefined) return this.zone.defaultTtl;
    if (this.zone.lastTtl !== undefined) return this.zone.lastTtl;
    if (soaMinimum !== undefined) {
      this.zone.lastTtl = soaMinimum;
      return soaMinimum;
    }
    // BIND refuses a zone that starts without any TTL; a fragment meant for $INCLUDE is fine, so stay quiet.
    return 0;
  }

  private txtRecord(head: RecordHead): void {
    const lex = this.lex;
    const text = this.text;
    const map = new SourceMapBuilder();
    let strings: DecodedString[] = [];
    let rdataStart = lex.start;
    let rdataEnd = lex.start;
    let tooLong: { start: number; end: number; octets: number } | undefined;

    if (this.atGenericMarker()) {
      const generic = this.genericRdata();
      if (!generic) return;
      const decoded = decodeGenericTxt(generic.bytes, map);
      if (!decoded) {
        return void this.fail(generic.start, generic.end - generic.start, `This generic rdata is not valid ${head.type} data: it must be one or more character-strings, each a length octet followed by that many octets. Check the hex.`);
      }
      strings = decoded;
      rdataStart = generic.start;
      rdataEnd = generic.end;
    } else {
      while (lex.kind === Token.Word || lex.kind === Token.Quoted) {
        const quoted = lex.kind === Token.Quoted;
        const start = quoted ? lex.start + 1 : lex.start;
        const end = quoted && lex.terminated ? lex.end - 1 : lex.end;
        const decoded = decodeCharacterString(text, start, end, lex.escaped, lex.nonAscii, map, this.reportSyntax);
        if (decoded.octets > 255 && !tooLong) tooLong = { start: lex.start, end: lex.end, octets: decoded.octets };
        strings.push(decoded);
        rdataEnd = lex.end;
        lex.next();
      }
      if (strings.length === 0) {
        return void this.fail(head.typeStart, head.typeEnd - head.typeStart, `This ${head.type} record has no text. Add one or more quoted strings after ${head.type}, for example ${head.type} "v=spf1 -all".`);
      }
    }
    const recordEnd = lex.contentEnd;

    const characterStrings: CharacterString[] = [];
    let offset = 0;
    for (const string of strings) {
      characterStrings.push({ offset, length: string.text.length, octets: string.octets });
      offset += string.text.length;
    }
    const spfText = strings.length === 1 ? strings[0].text : strings.map((s) => s.text).join('');
    const isSpf = looksLikeSpf(spfText);
    if (tooLong && !isSpf) {
      // For SPF texts the SPF checks report this with more context (spf-string-too-long).
      this.fail(tooLong.start, tooLong.end - tooLong.start, `This character-string is ${tooLong.octets} octets long, but DNS allows at most 255. Split it into several quoted strings.`);
    }
    if (this.failed) return;

    const ttl = this.ttlFor(head);
    if (!head.internet) return;
    if (head.owner !== undefined && this.zone.collectRecords) {
      this.zone.records.push({ uri: this.uri, line: head.line, owner: head.owner, type: head.type, ttl, data: strings.map((s) => s.text) });
    }
    if (isSpf) {
      this.zone.spf.push({
        uri: this.uri,
        text: spfText,
        map: map.build(),
        strings: characterStrings,
        owner: head.owner,
        ownerText: head.ownerText,
        rrtype: head.type as 'TXT' | 'SPF',
        recordRange: { start: head.start, end: Math.max(recordEnd, rdataEnd) },
        rdataRange: { start: rdataStart, end: rdataEnd },
      });
    }
  }

  private atGenericMarker(): boolean {
    const lex = this.lex;
    return lex.kind === Token.Word && lex.end - lex.start === 2 && this.text.startsWith('\\#', lex.start);
  }

  /** Reads RFC 3597 `\# length hex...` from the marker to the end of the line. */
  private genericRdata(): { bytes: GenericBytes; start: number; end: number } | undefined {
    const lex = this.lex;
    const start = lex.start;
    lex.next();
    if (lex.kind !== Token.Word) {
      return void this.fail(start, 2, 'Generic rdata "\\#" must be followed by the data length in octets and the data in hex, for example \\# 4 C0000201.');
    }
    const lengthText = this.tokenText();
    const declared = /^[0-9]{1,5}$/.test(lengthText) ? Number(lengthText) : -1;
    if (declared < 0 || declared > 65535) {
      return void this.failAtToken(`"${clip(lengthText)}" is not a valid generic rdata length. Write the number of octets of data (0 to 65535) after "\\#".`);
    }
    const hex = new HexCollector(declared);
    let end = lex.end;
    lex.next();
    while (this.atString()) {
      if (this.atQuoted()) return void this.failAtToken('Generic rdata must be hex digits, not a quoted string. Remove the quotes.');
      const bad = hex.add(this.text, lex.start, lex.end);
      if (bad >= 0) return void this.fail(bad, 1, `"${this.text[bad]}" is not a hex digit. Generic rdata after "\\# length" must be hex (0-9, a-f).`);
      end = lex.end;
      lex.next();
    }
    if (hex.halfByte) return void this.fail(start, end - start, 'This generic rdata has an odd number of hex digits. Each octet needs two digits.');
    if (hex.length !== declared) {
      return void this.fail(start, end - start, `This generic rdata declares ${declared} octets but its hex gives ${hex.length}. Make the length match the data.`);
    }
    return { bytes: hex.result(), start, end };
  }

  private otherRecord(head: RecordHead): void {
    const lex = this.lex;
    let data: string[];
    let soaMinimum: number | undefined;
    if (this.atGenericMarker()) {
      const generic = this.genericRdata();
      if (!generic) return;
      data = genericRecordData(head.type, generic.bytes);
    } else {
      const input = this.rdata;
      const tokens = input.tokens;
      tokens.count = 0;
      while (this.atString()) {
        const quoted = lex.kind === Token.Quoted;
        tokens.add(quoted ? lex.start + 1 : lex.start, quoted && lex.terminated ? lex.end - 1 : lex.end);
        lex.next();
      }
      input.type = head.type;
      input.typeStart = head.typeStart;
      input.typeEnd = head.typeEnd;
      input.origin = this.origin;
      const result = readRdata(input);
      if (!result.ok) return this.fail(result.start, result.end - result.start, result.message);
      data = result.data;
      soaMinimum = result.soaMinimum;
    }
    if (this.failed) return;
    const ttl = this.ttlFor(head, soaMinimum);
    if (head.internet && head.owner !== undefined && this.zone.collectRecords) {
      this.zone.records.push({ uri: this.uri, line: head.line, owner: head.owner, type: head.type, ttl, data });
    }
  }
}

/** The URI an $INCLUDE path names, relative to the including document; undefined when it cannot be formed. */
export function resolveIncludeUri(path: string, base: string): string | undefined {
  try {
    // A Windows drive path is not a URL scheme.
    if (/^[a-zA-Z]:[\\/]/.test(path)) return new URL(`file:///${path.replace(/\\/g, '/')}`).href;
    return new URL(path, base).href;
  } catch {
    return undefined;
  }
}

function baseName(uri: string): string {
  return uri.slice(uri.lastIndexOf('/') + 1) || uri;
}

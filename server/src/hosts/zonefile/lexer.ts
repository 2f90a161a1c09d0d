// Tokens of an RFC 1035 §5 master file as BIND's lexer produces them: words, quoted strings,
// and logical line ends. Parentheses are handled here (newlines inside them are whitespace),
// comments are skipped, and every token keeps its document offsets. One pass, no regexes,
// no per-character string building: the parser slices or decodes tokens only when it needs them.

export enum Token {
  /** An unquoted run of characters (may contain `\X` escapes). */
  Word,
  /** A `"..."` string; `start`/`end` include the quotes (an unterminated one ends at the line end). */
  Quoted,
  /** The end of a logical line: a newline outside parentheses, or the end of the text. */
  Eol,
  Eof,
}

/** Receives the lexer's problems; `always` marks one that must be shown even if the record already has one. */
export type LexProblemSink = (offset: number, length: number, message: string, always: boolean) => void;

// Character classes for ASCII; everything from U+0080 up is a word character.
const WORD = 0;
const SPACE = 1;
const NEWLINE = 2;
const COMMENT = 3;
const OPEN = 4;
const CLOSE = 5;
const QUOTE = 6;
const BACKSLASH = 7;

const charClass = new Uint8Array(128);
charClass[0x20] = SPACE;
charClass[0x09] = SPACE;
charClass[0x0d] = SPACE; // CR of a CRLF line end
charClass[0x0a] = NEWLINE;
charClass[0x3b] = COMMENT;
charClass[0x28] = OPEN;
charClass[0x29] = CLOSE;
charClass[0x22] = QUOTE;
charClass[0x5c] = BACKSLASH;

const NL = 0x0a;
const BOM = 0xfeff;

export class ZoneLexer {
  kind: Token = Token.Eol;
  /** Document offsets of the current token. */
  start = 0;
  end = 0;
  /** Zero-based line of the current token. */
  line = 0;
  /** The current token is the first of a line that begins with a space or tab (BIND's "initial whitespace"). */
  initialWs = false;
  /** The current token contains a backslash escape. */
  escaped = false;
  /** The current token contains characters from U+0080 up. */
  nonAscii = false;
  /** For `Quoted`: the closing quote was found. */
  terminated = true;
  /** End of the last token or parenthesis read, so a record's range can include its closing `)`. */
  contentEnd = 0;

  private pos: number;
  private currentLine = 0;
  private atLineStart = true;
  private eofSeen = false;
  private depth = 0;
  private openParen = 0;
  /** Where to resume if the open parenthesis is never closed: the first later line that starts like a record. */
  private resumeAt = -1;
  private resumeLine = 0;
  /** Characters read a second time after such resumptions; bounded so the total stays linear. */
  private reread = 0;

  constructor(
    private readonly text: string,
    private readonly report: LexProblemSink,
  ) {
    // Offsets stay relative to the original text, so a byte order mark is skipped, not removed.
    this.pos = text.charCodeAt(0) === BOM ? 1 : 0;
  }

  next(): Token {
    const text = this.text;
    const n = text.length;
    let pos = this.pos;
    let initialWs = false;
    if (this.atLineStart) {
      this.atLineStart = false;
      const c = text.charCodeAt(pos);
      initialWs = c === 0x20 || c === 0x09;
    }
    for (;;) {
      if (pos >= n) return this.endOfText();
      const c = text.charCodeAt(pos);
      const cls = c < 128 ? charClass[c] : WORD;
      switch (cls) {
        case SPACE:
          pos++;
          continue;
        case NEWLINE:
          pos++;
          this.currentLine++;
          if (this.depth > 0) {
            if (this.resumeAt < 0 && pos < n && startsLikeRecord(text.charCodeAt(pos))) {
              this.resumeAt = pos;
              this.resumeLine = this.currentLine;
            }
            continue;
          }
          this.pos = pos;
          this.atLineStart = true;
          return this.emit(Token.Eol, pos - 1, pos - 1, this.currentLine - 1, initialWs);
        case COMMENT: {
          const eol = text.indexOf('\n', pos);
          pos = eol < 0 ? n : eol;
          continue;
        }
        case OPEN:
          if (this.depth === 0) {
            this.openParen = pos;
            this.resumeAt = -1;
          }
          this.depth++;
          pos++;
          this.contentEnd = pos;
          continue;
        case CLOSE:
          if (this.depth === 0) {
            this.report(pos, 1, 'This ")" has no matching "(". Remove it, or add the "(" where the record should start continuing across lines.', false);
          } else {
            this.depth--;
          }
          pos++;
          this.contentEnd = pos;
          continue;
        case QUOTE:
          return this.quoted(pos, initialWs);
        default:
          return this.word(pos, initialWs);
      }
    }
  }

  private word(start: number, initialWs: boolean): Token {
    const text = this.text;
    const n = text.length;
    const line = this.currentLine;
    let escaped = false;
    let nonAscii = false;
    let pos = start;
    for (; pos < n; pos++) {
      const c = text.charCodeAt(pos);
      if (c >= 128) {
        nonAscii = true;
        continue;
      }
      const cls = charClass[c];
      if (cls === WORD) continue;
      if (cls !== BACKSLASH) break;
      // `\X` keeps X in the word, even a delimiter or a newline.
      escaped = true;
      if (pos + 1 < n) {
        pos++;
        const x = text.charCodeAt(pos);
        if (x === NL) this.currentLine++;
        else if (x >= 128) nonAscii = true;
      }
    }
    this.pos = pos;
    this.contentEnd = pos;
    this.escaped = escaped;
    this.nonAscii = nonAscii;
    this.terminated = true;
    return this.emit(Token.Word, start, pos, line, initialWs);
  }

  private quoted(start: number, initialWs: boolean): Token {
    const text = this.text;
    const n = text.length;
    const line = this.currentLine;
    let escaped = false;
    let nonAscii = false;
    let terminated = false;
    let pos = start + 1;
    for (; pos < n; pos++) {
      const c = text.charCodeAt(pos);
      if (c === 0x22) {
        pos++;
        terminated = true;
        break;
      }
      if (c === 0x5c) {
        escaped = true;
        if (pos + 1 < n) {
          pos++;
          const x = text.charCodeAt(pos);
          if (x === NL) this.currentLine++;
          else if (x >= 128) nonAscii = true;
        }
        continue;
      }
      if (c === NL) break; // BIND does not let a quoted string run onto the next line
      if (c >= 128) nonAscii = true;
    }
    let end = pos;
    if (!terminated) {
      if (end > start + 1 && text.charCodeAt(end - 1) === 0x0d) end--;
      this.report(start, end - start, 'This quoted string is not closed before the end of the line. Add the closing " (a quoted string cannot continue onto the next line; use parentheses and a second string instead).', false);
    }
    this.pos = pos;
    this.contentEnd = end;
    this.escaped = escaped;
    this.nonAscii = nonAscii;
    this.terminated = terminated;
    return this.emit(Token.Quoted, start, end, line, initialWs);
  }

  private endOfText(): Token {
    const n = this.text.length;
    if (this.depth > 0) {
      this.report(this.openParen, 1, 'This "(" is never closed, so BIND reads the rest of the file as part of this record. Add ")" where the record ends.', true);
      this.depth = 0;
      // Carry on with the first line that looks like the next record, unless that would
      // re-read more than the text's length in total (many unclosed parentheses).
      if (this.resumeAt >= 0 && this.reread + (n - this.resumeAt) <= n) {
        this.reread += n - this.resumeAt;
        this.pos = this.resumeAt;
        this.currentLine = this.resumeLine;
        this.resumeAt = -1;
        this.atLineStart = true;
        return this.emit(Token.Eol, n, n, this.currentLine, false);
      }
      this.resumeAt = -1;
    }
    this.pos = n;
    if (!this.eofSeen) {
      // End the last logical line first, so the parser finishes its record the usual way.
      this.eofSeen = true;
      return this.emit(Token.Eol, n, n, this.currentLine, false);
    }
    return this.emit(Token.Eof, n, n, this.currentLine, false);
  }

  private emit(kind: Token, start: number, end: number, line: number, initialWs: boolean): Token {
    this.kind = kind;
    this.start = start;
    this.end = end;
    this.line = line;
    this.initialWs = initialWs;
    if (kind !== Token.Word && kind !== Token.Quoted) {
      this.escaped = false;
      this.nonAscii = false;
      this.terminated = true;
    }
    return kind;
  }
}

/** A line inside an unclosed parenthesis that starts in column 0 with what could be an owner name or directive. */
function startsLikeRecord(c: number): boolean {
  if (c >= 0x30 && c <= 0x39) return false; // SOA numbers are often written in column 0
  if (c >= 128) return true;
  const cls = charClass[c];
  return cls === WORD || cls === BACKSLASH;
}

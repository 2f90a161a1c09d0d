// Writing SPF text back into a zone file: escaping inside a quoted character-string, and
// splitting a record into strings of at most 255 octets (RFC 7208 §3.3).

const maxStringOctets = 255;

/** Escapes text for use inside a quoted zone-file string. */
export function escapeZoneString(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '"' || char === '\\') out += `\\${char}`;
    else if (code < 0x20 || code === 0x7f) out += `\\${String(code).padStart(3, '0')}`;
    else out += char;
  }
  return out;
}

/**
 * Splits `text` into pieces of at most 255 octets, breaking after a space where one is close,
 * so every piece stays readable. Joining the pieces gives `text` back exactly.
 */
export function splitCharacterStrings(text: string, maxOctets = maxStringOctets): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (Buffer.byteLength(rest, 'utf8') > maxOctets) {
    let cut = 0;
    let octets = 0;
    for (const char of rest) {
      const size = Buffer.byteLength(char, 'utf8');
      if (octets + size > maxOctets) break;
      octets += size;
      cut += char.length;
    }
    const space = rest.lastIndexOf(' ', cut - 1);
    // Break after the last space in the piece unless that would leave a tiny piece.
    if (space >= cut / 2) cut = space + 1;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  pieces.push(rest);
  return pieces;
}

/** The rdata of a TXT record holding `text`: one or more quoted strings separated by spaces. */
export function encodeZoneTxt(text: string): string {
  return splitCharacterStrings(text).map((piece) => `"${escapeZoneString(piece)}"`).join(' ');
}

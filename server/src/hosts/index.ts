// Chooses the host format for a document and gives the rest of the server one way to read
// SPF records out of it and to write SPF text back into it.

import type { HostDocument } from './types';
import { encodeZoneTxt, escapeZoneString } from './zonefile/encode';
import { parseZoneFile } from './zonefile/index';

export type HostKind = 'zone';

export interface HostEnvironment {
  /** Reads another file (an $INCLUDE) by absolute URI; undefined when it cannot be read. */
  readFile(uri: string): string | undefined;
  /** Collect the document's DNS records for the workspace overlay (default true). */
  readonly collectRecords?: boolean;
}

export interface HostFormat {
  readonly kind: HostKind;
  parse(uri: string, text: string, env: HostEnvironment): HostDocument;
  /** Escapes SPF text for insertion inside one existing string of this format. */
  escape(text: string): string;
  /** The complete rdata/value for a record holding `text`, split as the format requires. */
  encode(text: string): string;
}

const zoneFormat: HostFormat = {
  kind: 'zone',
  parse: (uri, text, env) => parseZoneFile(text, { uri, readInclude: (includeUri) => env.readFile(includeUri), records: env.collectRecords }),
  escape: escapeZoneString,
  encode: encodeZoneTxt,
};

/** The language ids and file names spf-lens reads. */
export const zoneLanguageId = 'dns-zone';

/**
 * What editors call zone files: VS Code with spf-lens says dns-zone; Vim and Neovim's filetype is
 * bindzone; Emacs's dns-mode becomes "dns" in eglot. Other clients send the filetype they have,
 * so the server must know these or it would check nothing there.
 */
export const zoneLanguageIds: readonly string[] = [zoneLanguageId, 'bindzone', 'dns', 'zone'];

export function isZoneFileName(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  return name.endsWith('.zone') || name.endsWith('.db') || name.startsWith('db.');
}

export function hostFormatFor(uri: string, languageId?: string): HostFormat | undefined {
  if (languageId !== undefined && zoneLanguageIds.includes(languageId)) return zoneFormat;
  if (languageId === undefined || languageId === 'plaintext') {
    let path = uri;
    try {
      path = decodeURIComponent(new URL(uri).pathname);
    } catch {
      // Not a URL: treat it as a path.
    }
    if (isZoneFileName(path)) return zoneFormat;
  }
  return undefined;
}

// The BIND zone-file host: finds the SPF records (and every other record) of an RFC 1035 §5
// master file, with maps from SPF text offsets back to the document, and reports what BIND
// would reject. Pure: files named by $INCLUDE are read through the caller's `readInclude`.

import type { HostDocument } from '../types';
import { normalizeOrigin, originFromFileName } from './names';
import { ZoneContext } from './context';
import { ZoneFileParser } from './parser';

export { originFromFileName } from './names';

export interface ZoneFileOptions {
  /** The document's URI (file:///... or untitled:...); $INCLUDE paths are resolved against it. */
  uri: string;
  /** Initial $ORIGIN if known (no trailing dot needed). Without it, the file name may give one. */
  origin?: string;
  /** Reads an $INCLUDE file by absolute URI; undefined means it cannot be read. */
  readInclude?: (uri: string) => string | undefined;
  /** Collect every record for the DNS overlay (default true); a lint that sends no query can skip it. */
  records?: boolean;
}

/**
 * Parses a zone file. Never throws: syntax problems come back as `zone-syntax` and unreadable
 * $INCLUDE files as `zone-include` problems, each in the document (URI) where it is written.
 */
export function parseZoneFile(text: string, options: ZoneFileOptions): HostDocument {
  const zone = new ZoneContext(options.readInclude, options.records ?? true);
  const origin = options.origin !== undefined ? normalizeOrigin(options.origin) : originFromFileName(options.uri);
  new ZoneFileParser(text, options.uri, origin, zone, [options.uri]).run();
  return { spf: zone.spf, records: zone.records, problems: zone.problems };
}

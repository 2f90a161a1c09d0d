// The DNS records defined in the workspace's zone files, for the resolver's workspace overlay.
// Open documents count as the user sees them; other zone files as they are on disk.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { HostRecord } from './hosts/types';
import { isZoneFileName } from './hosts/index';

export class WorkspaceRecords {
  private readonly byUri = new Map<string, readonly HostRecord[]>();
  private snapshot: readonly HostRecord[] | undefined;

  /** Replaces the records a file defines; returns true when anything changed. */
  set(uri: string, records: readonly HostRecord[]): boolean {
    const before = this.byUri.get(uri);
    if (before && sameRecords(before, records)) return false;
    this.byUri.set(uri, records);
    this.snapshot = undefined;
    return true;
  }

  delete(uri: string): boolean {
    const had = this.byUri.delete(uri);
    if (had) this.snapshot = undefined;
    return had;
  }

  /** All records; the same array until something changes (the overlay re-indexes on a new array). */
  records = (): readonly HostRecord[] => {
    this.snapshot ??= [...this.byUri.values()].flat();
    return this.snapshot;
  };
}

function sameRecords(a: readonly HostRecord[], b: readonly HostRecord[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((record, i) => {
    const other = b[i];
    return record.owner === other.owner && record.type === other.type && record.uri === other.uri && record.line === other.line && record.data.join('\0') === other.data.join('\0');
  });
}

/** Zone files under a folder URI, bounded so a huge workspace cannot stall the server. */
export function findZoneFiles(folderUri: string, limits = { maxFiles: 500, maxDepth: 8 }): string[] {
  if (!folderUri.startsWith('file:')) return [];
  const found: string[] = [];
  const visit = (directory: string, depth: number): void => {
    if (depth > limits.maxDepth || found.length >= limits.maxFiles) return;
    let entries;
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (found.length >= limits.maxFiles) return;
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = join(directory, entry.name);
      if (entry.isDirectory()) visit(path, depth + 1);
      else if (entry.isFile() && isZoneFileName(entry.name)) found.push(pathToFileURL(path).href);
    }
  };
  visit(fileURLToPath(folderUri), 0);
  return found;
}

// The DNS records defined in the workspace's zone files, for the resolver's workspace overlay.
// Open documents count as the user sees them; other zone files as they are on disk.

import { readdirSync } from 'node:fs';
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

export interface SearchLimits {
  readonly maxFiles: number;
  readonly maxDepth: number;
}

/**
 * Zone files (*.zone, *.db, db.*) under a directory, in name order, skipping hidden folders and
 * node_modules, and folders that cannot be read. Paths are the directory as given plus names.
 */
export function findZoneFilePaths(directory: string, limits: SearchLimits = { maxFiles: Infinity, maxDepth: Infinity }): string[] {
  const found: string[] = [];
  const visit = (folder: string, depth: number): void => {
    if (depth > limits.maxDepth || found.length >= limits.maxFiles) return;
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    } catch {
      return;
    }
    for (const entry of entries) {
      if (found.length >= limits.maxFiles) return;
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = `${folder.replace(/\/+$/, '')}/${entry.name}`;
      if (entry.isDirectory()) visit(path, depth + 1);
      else if (entry.isFile() && isZoneFileName(entry.name)) found.push(path);
    }
  };
  visit(directory, 0);
  return found;
}

/** Zone files under a workspace folder URI, bounded so a huge workspace cannot stall the server. */
export function findZoneFiles(folderUri: string, limits: SearchLimits = { maxFiles: 500, maxDepth: 8 }): string[] {
  if (!folderUri.startsWith('file:')) return [];
  return findZoneFilePaths(fileURLToPath(folderUri), limits).map((path) => pathToFileURL(path).href);
}

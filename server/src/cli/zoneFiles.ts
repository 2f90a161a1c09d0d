// Zone files named on the command line: found in directories, read, and offered to the
// resolver's workspace overlay so undeployed records answer first.

import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DocumentAnalysis } from '../features/analysis';
import { SpfService, readFileUri } from '../service';
import { WorkspaceRecords, findZoneFilePaths } from '../workspaceRecords';
import { UsageError } from './args';

/** Files and directories (searched for *.zone, *.db, db.*) as a list of files; a missing one is an I/O error. */
export function expandZonePaths(targets: readonly string[]): string[] {
  const files: string[] = [];
  for (const target of targets) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(target).isDirectory();
    } catch (error) {
      throw new ZoneFileError(`cannot read ${target}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (error as Error).message}`);
    }
    if (isDirectory) files.push(...findZoneFilePaths(target));
    else files.push(target);
  }
  return files;
}

/** A zone file that cannot be read: exit 2. */
export class ZoneFileError extends Error {}

export interface ReadZone {
  readonly file: string;
  readonly uri: string;
  readonly analysis: DocumentAnalysis;
}

/** Reads and analyses zone files; files named on the command line are zone files whatever their name. */
export function readZoneFiles(files: readonly string[], options: { collectRecords?: boolean } = {}): { zones: ReadZone[]; records: WorkspaceRecords } {
  const service = new SpfService({ readFile: readFileUri, collectRecords: options.collectRecords });
  const records = new WorkspaceRecords();
  const zones: ReadZone[] = [];
  for (const file of files) {
    const uri = pathToFileURL(resolve(file)).href;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new ZoneFileError(`cannot read ${file}: ${(error as Error).message}`);
    }
    const analysis = service.analyze(uri, 'dns-zone', 0, text);
    service.forget(uri);
    if (!analysis) continue;
    records.set(uri, analysis.host.records);
    zones.push({ file, uri, analysis });
  }
  return { zones, records };
}

export const zoneOption = { zone: { type: 'string', multiple: true } } as const;

/** The overlay for --zone FILE_OR_DIR (repeatable). */
export function zoneOverlay(paths: readonly string[] | undefined): WorkspaceRecords {
  if (!paths?.length) return new WorkspaceRecords();
  const files = expandZonePaths(paths);
  if (files.length === 0) throw new UsageError(`--zone found no zone files in ${paths.join(', ')}`);
  return readZoneFiles(files).records;
}

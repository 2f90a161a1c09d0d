// The analysis service shared by the language server and the CLI: it reads host documents,
// keeps one analysis per document version, and is the one place the layers are joined.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DocumentAnalysis } from './features/analysis';
import { analyzeDocument } from './features/analysis';
import type { HostEnvironment } from './hosts/index';

export interface Logger {
  info(message: string): void;
  error(message: string): void;
}

export const nullLogger: Logger = { info: () => undefined, error: () => undefined };

/** Reads file: URIs from disk; other schemes cannot be read. */
export function readFileUri(uri: string): string | undefined {
  try {
    if (!uri.startsWith('file:')) return undefined;
    return readFileSync(fileURLToPath(uri), 'utf8');
  } catch {
    return undefined;
  }
}

interface CachedAnalysis {
  readonly version: number;
  readonly analysis: DocumentAnalysis | undefined;
}

export class SpfService {
  private readonly cache = new Map<string, CachedAnalysis>();

  constructor(
    private readonly env: HostEnvironment = { readFile: readFileUri },
    private readonly logger: Logger = nullLogger,
  ) {}

  /** The analysis of one document version; computed once, and undefined for documents spf-lens does not read. */
  analyze(uri: string, languageId: string | undefined, version: number, text: string): DocumentAnalysis | undefined {
    const cached = this.cache.get(uri);
    if (cached && cached.version === version) return cached.analysis;
    let analysis: DocumentAnalysis | undefined;
    try {
      analysis = analyzeDocument(uri, languageId, text, this.env);
    } catch (error) {
      // A bug must not take the server down: log it and treat the document as having nothing to say.
      this.logger.error(`analysis of ${uri} failed: ${error instanceof Error ? error.stack : String(error)}`);
      analysis = undefined;
    }
    this.cache.set(uri, { version, analysis });
    return analysis;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}

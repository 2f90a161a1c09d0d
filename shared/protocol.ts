// Custom requests between the VS Code client and the spf-lens server. Method names are a
// contract with other clients too: add, never rename.

/** Where a record is: the document and the record's index in the server's analysis. */
export interface RecordLocation {
  readonly uri: string;
  readonly recordIndex: number;
}

export namespace LookupTreeRequest {
  export const method = 'spfLens/lookupTree';
  export type Params = RecordLocation;
  /** Markdown, or undefined when the record has no live result (yet). */
  export type Result = { readonly domain: string; readonly markdown: string } | null;
}

/** The commands the server's code lenses invoke; the client implements them. */
export const clientCommands = {
  showLookups: 'spfLens.showLookups',
  checkSenderIp: 'spfLens.checkSenderIp',
} as const;

/** Evaluate check_host() for a sender, as a receiver would, with live DNS plus workspace records. */
export namespace CheckHostRequest {
  export const method = 'spfLens/checkHost';
  export interface Params {
    readonly ip: string;
    /** MAIL FROM address; '' is the null reverse-path (bounces), which checks postmaster@HELO. */
    readonly sender: string;
    readonly helo: string;
    readonly identity?: 'mailfrom' | 'helo';
    /** The document the command was started from, for its settings. */
    readonly uri?: string;
  }
  export type Result =
    | {
        readonly kind: 'result';
        readonly result: 'none' | 'neutral' | 'pass' | 'fail' | 'softfail' | 'temperror' | 'permerror';
        readonly reason: string;
        readonly explanation: string | null;
        readonly identity: 'mailfrom' | 'helo';
        readonly domain: string;
        readonly lookups: number;
        readonly voidLookups: number;
        /** The readable report: headline, notes and the step-by-step trace. */
        readonly markdown: string;
        /** The trace as the CLI's `check --format json` prints it. */
        readonly json: unknown;
      }
    /** The input cannot be checked; each message names the field. */
    | { readonly kind: 'invalid'; readonly problems: readonly { readonly field: 'ip' | 'sender' | 'helo'; readonly message: string }[] };
}

/** The SPF records of a document, for pickers. */
export namespace RecordsRequest {
  export const method = 'spfLens/records';
  export interface Params {
    readonly uri: string;
  }
  export type Result = readonly { readonly recordIndex: number; readonly domain: string | null; readonly line: number; readonly text: string }[];
}

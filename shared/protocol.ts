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

// Fixture markers for tests: constants interpolated into template literals. They use characters
// that cannot occur in zone, HCL or YAML text, so a fixture never collides with its markers.

export const CARET = '⟨|⟩';
export const RANGE_START = '⟦';
export const RANGE_END = '⟧';

export interface MarkedText {
  /** The text with every marker removed. */
  readonly text: string;
  /** Offsets of each CARET, in order. */
  readonly carets: readonly number[];
  /** Offset ranges between each RANGE_START and its RANGE_END, in order of their starts. */
  readonly ranges: readonly { readonly start: number; readonly end: number }[];
}

/** Strips markers from `marked`. Ranges may nest; an unbalanced marker throws. */
export function parseMarkers(marked: string): MarkedText {
  let text = '';
  const carets: number[] = [];
  const ranges: { start: number; end: number }[] = [];
  const open: { start: number; end: number }[] = [];
  for (let i = 0; i < marked.length; ) {
    if (marked.startsWith(CARET, i)) {
      carets.push(text.length);
      i += CARET.length;
    } else if (marked.startsWith(RANGE_START, i)) {
      const range = { start: text.length, end: -1 };
      ranges.push(range);
      open.push(range);
      i += RANGE_START.length;
    } else if (marked.startsWith(RANGE_END, i)) {
      const range = open.pop();
      if (!range) throw new Error(`${RANGE_END} without ${RANGE_START} in ${JSON.stringify(marked)}`);
      range.end = text.length;
      i += RANGE_END.length;
    } else {
      text += marked[i];
      i += 1;
    }
  }
  if (open.length) throw new Error(`${RANGE_START} without ${RANGE_END} in ${JSON.stringify(marked)}`);
  return { text, carets, ranges };
}

/** Like parseMarkers, but requires exactly one caret. */
export function parseCaret(marked: string): { text: string; offset: number } {
  const { text, carets } = parseMarkers(marked);
  if (carets.length !== 1) throw new Error(`expected one ${CARET} in ${JSON.stringify(marked)}, found ${carets.length}`);
  return { text, offset: carets[0] };
}

export function joinLines(...lines: string[]): string {
  return lines.join('\n');
}

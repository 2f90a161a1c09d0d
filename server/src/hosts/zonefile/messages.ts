// Helpers for problem messages.

/** Keeps quoted tokens short, so a 1 MB junk token cannot become a 1 MB message. */
export function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

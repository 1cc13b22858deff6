/**
 * Bounds on stored text: a worker may print megabytes on one line, a subject on the embedded
 * queue may be as long as a body, and a DynamoDB item holds at most 400 KB. Long lines are cut
 * and the oldest lines dropped until the tail fits; subjects and details are cut.
 */

/** The most characters kept of one output line. */
export const maxOutputLineLength = 2_000;

/** The most characters kept of one event's whole output tail. */
export const maxOutputTailLength = 32_000;

/** The most characters kept of a subject or a detail line. */
export const maxTextLength = 1_000;

function cut(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit)}… [${text.length - limit} more characters]` : text;
}

function cutLine(line: string): string {
  return cut(line, maxOutputLineLength);
}

/** `text` cut to {@link maxTextLength} characters, with a note of how many were left out. */
export function limitText(text: string): string {
  return cut(text, maxTextLength);
}

/** The newest lines of `lines` that fit the bounds, each cut to {@link maxOutputLineLength}; oldest first. */
export function limitOutputTail(lines: readonly string[]): string[] {
  const kept: string[] = [];
  let total = 0;
  for (let index = lines.length - 1; index >= 0; index--) {
    const line = cutLine(String(lines[index]));
    total += line.length + 1;
    if (total > maxOutputTailLength) break;
    kept.push(line);
  }
  return kept.reverse();
}

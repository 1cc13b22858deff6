/** Keeps the last N lines of a worker's output, for failure notifications and job history. */

/** A bounded buffer of the most recent lines. */
export interface OutputTail {
  /** Adds a line, dropping the oldest once `maxLines` are held. */
  push(line: string): void;
  /** The lines held, oldest first. */
  lines(): string[];
}

/** Longest line kept, in characters; longer lines are cut (a notification is not a log store). */
const maxLineChars = 1000;

/** Creates a tail that holds at most `maxLines` lines. */
export function createOutputTail(maxLines: number): OutputTail {
  const held: string[] = [];
  return {
    push(line) {
      if (maxLines === 0) return;
      held.push(line.length > maxLineChars ? `${line.slice(0, maxLineChars)}…` : line);
      if (held.length > maxLines) held.shift();
    },
    lines: () => [...held],
  };
}

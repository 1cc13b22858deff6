/** Splits a stream of text chunks into lines, for tagging worker output line by line. */

/** Longest line held before it is passed on unfinished, in characters: a worker that never writes a newline must not grow memory without bound. */
const maxLineChars = 64 * 1024;

/** Feeds chunks in; calls `onLine` for each complete line (without its newline). */
export interface LineSplitter {
  /** Adds a chunk of text. */
  write(chunk: string): void;
  /** Passes on whatever is left as a last line. */
  end(): void;
}

/** Creates a splitter that calls `onLine` per line; a trailing "\r" is dropped. */
export function createLineSplitter(onLine: (line: string) => void): LineSplitter {
  let pending = '';
  const emit = (line: string): void => onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
  return {
    write(chunk) {
      pending += chunk;
      let newline = pending.indexOf('\n');
      while (newline !== -1) {
        emit(pending.slice(0, newline));
        pending = pending.slice(newline + 1);
        newline = pending.indexOf('\n');
      }
      while (pending.length > maxLineChars) {
        emit(pending.slice(0, maxLineChars));
        pending = pending.slice(maxLineChars);
      }
    },
    end() {
      if (pending !== '') emit(pending);
      pending = '';
    },
  };
}

/**
 * `send --from`: one message per non-blank line of a file or of standard input. Lines may end
 * in LF or CRLF; the line break is not part of the message.
 */
import { checkBodySize, notUtf8 } from './message-body.js';

const fatalDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Splits `bytes` into message bodies, one per non-blank line.
 * @param source where the bytes came from, for messages, e.g. `--from jobs.txt`.
 * @throws WatchbotError INVALID_OPTION naming the first line that is not UTF-8 or is over 1 MiB.
 */
export function toLineMessages(bytes: Uint8Array, source: string): string[] {
  let text: string;
  try {
    text = fatalDecoder.decode(bytes);
  } catch (error) {
    throw notUtf8(`${source} line ${findBadLine(bytes)}`, error);
  }
  const messages: string[] = [];
  const lines = text.split('\n');
  for (const [index, rawLine] of lines.entries()) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line.trim() === '') continue;
    checkBodySize(Buffer.byteLength(line, 'utf8'), `${source} line ${index + 1}`);
    messages.push(line);
  }
  return messages;
}

/** The 1-based number of the first line that is not valid UTF-8 (only called when one is not). */
function findBadLine(bytes: Uint8Array): number {
  let start = 0;
  for (let line = 1; start <= bytes.length; line++) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline === -1 ? bytes.length : newline;
    try {
      fatalDecoder.decode(bytes.subarray(start, end));
    } catch {
      return line;
    }
    start = end + 1;
  }
  return 1;
}

/**
 * Message bodies as stored: UTF-8 bytes in a BLOB column. BLOB rather than TEXT because
 * every byte round-trips (NUL included) and a body another program wrote in some other
 * encoding can be detected on the way out instead of being silently mangled.
 */
import { WatchbotError, errorCodes } from '@watchbot/core';

// ignoreBOM keeps a leading U+FEFF in the body, so a body that starts with one round-trips exactly.
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lossyDecoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** A stored body decoded to text, with what went wrong on the way. */
export interface DecodedBody {
  /** The text; invalid bytes replaced with U+FFFD when there were any. */
  readonly body: string;
  /** Set when the stored bytes were not valid UTF-8 (or not bytes at all). */
  readonly warnings?: readonly string[];
}

/**
 * The UTF-8 bytes of message `index` of a send, after checking it: a body with lone
 * surrogates (not encodable as UTF-8) fails with INVALID_MESSAGE, one over `maxBodyBytes`
 * (counted in UTF-8 bytes) with MESSAGE_TOO_LARGE.
 */
export function encodeBody(body: string, maxBodyBytes: number, index: number): Uint8Array {
  if (typeof body !== 'string' || !body.isWellFormed()) {
    throw new WatchbotError(errorCodes.INVALID_MESSAGE, `message ${index + 1}: the body is not well-formed Unicode text (it has a lone surrogate), so it cannot be stored as UTF-8`);
  }
  const bytes = Buffer.from(body, 'utf8');
  if (bytes.byteLength > maxBodyBytes) {
    throw new WatchbotError(errorCodes.MESSAGE_TOO_LARGE, `message ${index + 1}: the body is ${bytes.byteLength} bytes; the queue accepts at most ${maxBodyBytes}`);
  }
  return bytes;
}

/** Decodes a stored body; never throws: bytes that are not UTF-8 are decoded lossily, with a warning. */
export function decodeBody(stored: unknown): DecodedBody {
  if (typeof stored === 'string') return { body: stored };
  if (!(stored instanceof Uint8Array)) {
    return { body: stored === null || stored === undefined ? '' : String(stored), warnings: [`the stored body was ${stored === null ? 'NULL' : typeof stored}, not bytes; it was converted to text`] };
  }
  try {
    return { body: strictDecoder.decode(stored) };
  } catch {
    return {
      body: lossyDecoder.decode(stored),
      warnings: [`the stored body (${stored.byteLength} bytes) is not valid UTF-8; invalid bytes were replaced with U+FFFD`],
    };
  }
}

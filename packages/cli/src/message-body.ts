/**
 * What a message body may be: UTF-8 text of 1 byte to 1 MiB (SQS's limit, which every queue
 * honours). Checked before anything is sent, so a bad body is refused in one line and
 * nothing half-sent is left behind.
 */
import { WatchbotError, errorCodes } from '@watchbot/core';

/** The largest body accepted, in bytes of UTF-8: 1 MiB, as on SQS. */
export const maxBodyBytes = 1_048_576;

const fatalDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes `bytes` as one message body.
 * @param source where the bytes came from, for the message, e.g. `--body-file data.bin`.
 * @throws WatchbotError INVALID_OPTION when the bytes are not UTF-8, are empty, or exceed {@link maxBodyBytes}.
 */
export function decodeMessageBody(bytes: Uint8Array, source: string): string {
  checkBodySize(bytes.byteLength, source);
  try {
    return fatalDecoder.decode(bytes);
  } catch (error) {
    throw notUtf8(source, error);
  }
}

/**
 * Checks a body's size.
 * @param bytes the body's size in bytes of UTF-8.
 * @throws WatchbotError INVALID_OPTION when it is empty or larger than {@link maxBodyBytes}.
 */
export function checkBodySize(bytes: number, source: string): void {
  if (bytes === 0) throw invalidBody(source, 'the body is empty; a message needs at least 1 byte');
  if (bytes > maxBodyBytes) {
    throw invalidBody(source, `the body is ${bytes} bytes; a message may be at most ${maxBodyBytes} bytes (1 MiB)`);
  }
}

/** The one-line error for bytes that are not UTF-8 text. */
export function notUtf8(source: string, cause?: unknown): WatchbotError {
  return invalidBody(source, 'the body is not valid UTF-8 text; base64-encode binary data before sending it', cause);
}

function invalidBody(source: string, problem: string, cause?: unknown): WatchbotError {
  return new WatchbotError(errorCodes.INVALID_OPTION, `${source}: ${problem}`, cause === undefined ? undefined : { cause });
}

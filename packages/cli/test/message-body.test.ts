import { describe, expect, it } from 'vitest';
import { isWatchbotError } from '@watchbot/core';
import { decodeMessageBody, maxBodyBytes } from '../src/message-body.js';

describe('decodeMessageBody', () => {
  it('accepts UTF-8 text up to exactly 1 MiB, NUL bytes included', () => {
    expect(decodeMessageBody(Buffer.from('a\0b é'), 'x')).toBe('a\0b é');
    expect(decodeMessageBody(Buffer.alloc(maxBodyBytes, 0x61), 'x')).toHaveLength(maxBodyBytes);
  });

  it('refuses one byte over 1 MiB as a usage error naming the size and the limit', () => {
    try {
      decodeMessageBody(Buffer.alloc(maxBodyBytes + 1, 0x61), '--body-file big');
      expect.unreachable();
    } catch (error) {
      expect(isWatchbotError(error, 'INVALID_OPTION')).toBe(true);
      expect((error as Error).message).toBe('--body-file big: the body is 1048577 bytes; a message may be at most 1048576 bytes (1 MiB)');
    }
  });

  it('refuses invalid UTF-8, a lone surrogate encoding included, saying to base64-encode it', () => {
    expect(() => decodeMessageBody(Buffer.from([0xed, 0xa0, 0x80]), 'b')).toThrow(/not valid UTF-8 text; base64-encode binary data/);
  });

  it('refuses an empty body', () => {
    expect(() => decodeMessageBody(Buffer.alloc(0), 'b')).toThrow('b: the body is empty; a message needs at least 1 byte');
  });
});

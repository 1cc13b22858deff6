import { describe, expect, it } from 'vitest';
import { toLineMessages } from '../src/message-lines.js';

describe('toLineMessages', () => {
  it('makes one message per non-blank line, without the LF or CRLF line break', () => {
    expect(toLineMessages(Buffer.from('one\r\ntwo\n\n  \nthree'), '--from f')).toEqual(['one', 'two', 'three']);
  });

  it('keeps the spaces inside and around a non-blank line', () => {
    expect(toLineMessages(Buffer.from('  padded  \n'), '--from f')).toEqual(['  padded  ']);
  });

  it('gives no messages for an empty input', () => {
    expect(toLineMessages(Buffer.alloc(0), '--from -')).toEqual([]);
  });

  it('names the first line that is not UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from('ok\nok\n'), Buffer.from([0xff]), Buffer.from('\n')]);
    expect(() => toLineMessages(bytes, '--from f')).toThrow('--from f line 3: the body is not valid UTF-8 text; base64-encode binary data before sending it');
  });

  it('names a line over 1 MiB with its size and the limit', () => {
    const bytes = Buffer.from(`small\n${'x'.repeat(1_048_577)}\n`);
    expect(() => toLineMessages(bytes, '--from f')).toThrow('--from f line 2: the body is 1048577 bytes; a message may be at most 1048576 bytes (1 MiB)');
  });
});

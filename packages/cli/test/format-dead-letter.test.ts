/** How dead letters are shown: one-line previews that cannot mangle a terminal, details, JSON records. */
import { describe, expect, it } from 'vitest';
import { formatDeadLetterDetails, formatDeadLetterTable, previewBody, toDeadLetterRecord } from '../src/format-dead-letter.js';

const letter = { id: 'm-1', body: 'line one\nline two', sentAtMs: Date.UTC(2026, 0, 2, 3, 4, 5, 678), receiveCount: 4 };

describe('showing dead letters', () => {
  it('previews a body on one line, escaping control characters and cutting long bodies with an ellipsis', () => {
    expect(previewBody('tab\there\r\n\u001b[2Jgone')).toBe('tab\\there\\r\\n\\u001b[2Jgone');
    expect(previewBody('{"quotes": "stay as they are"}')).toBe('{"quotes": "stay as they are"}');
    expect(previewBody('x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`);
  });

  it('aligns the table and shows "-" where the queue records no time of dead-lettering or no subject', () => {
    const table = formatDeadLetterTable([letter, { ...letter, id: 'a-much-longer-id', subject: 'resize', deadLetteredAtMs: Date.UTC(2026, 0, 3) }]);
    expect(table).toBe(
      [
        'ID                SENT                  RECEIVES  DEAD-LETTERED         SUBJECT  BODY',
        'm-1               2026-01-02T03:04:05Z  4         -                     -        line one\\nline two',
        'a-much-longer-id  2026-01-02T03:04:05Z  4         2026-01-03T00:00:00Z  resize   line one\\nline two',
        '',
      ].join('\n'),
    );
  });

  it('shows a letter in full, cutting a body only when asked, and saying so', () => {
    expect(formatDeadLetterDetails({ ...letter, groupId: 'g' })).toBe(
      'id             m-1\nsent           2026-01-02T03:04:05Z\nreceives       4\ndead-lettered  -\ngroup          g\nbody (17 bytes):\nline one\nline two\n',
    );
    expect(formatDeadLetterDetails({ ...letter, body: 'é'.repeat(10) }, 3)).toMatch(/body \(20 bytes, first 3 characters shown\):\nééé…\n$/);
  });

  it('records a letter for JSON with ISO times and only the fields it has', () => {
    expect(toDeadLetterRecord(letter)).toEqual({ id: 'm-1', sent: '2026-01-02T03:04:05.678Z', receiveCount: 4, body: 'line one\nline two' });
    expect(toDeadLetterRecord({ ...letter, subject: 's', deadLetteredAtMs: 0, firstReceivedAtMs: 1 })).toMatchObject({ subject: 's', deadLettered: '1970-01-01T00:00:00.000Z', firstReceived: '1970-01-01T00:00:00.001Z' });
  });
});

/**
 * How `watchbot dead-letter` shows dead letters: an aligned table with a one-line body preview,
 * a detailed view with the whole body, and one JSON record per letter (for --json and write-out).
 */
import type { DeadLetter } from '@watchbot/core';

/** A dead letter as JSON: times as ISO-8601, the body whole. */
export interface DeadLetterRecord {
  readonly id: string;
  readonly sent: string;
  readonly firstReceived?: string;
  readonly receiveCount: number;
  readonly deadLettered?: string;
  readonly subject?: string;
  readonly groupId?: string;
  readonly body: string;
}

/** The record for `letter`: what `--json` prints and `write-out` writes, one per line. */
export function toDeadLetterRecord(letter: DeadLetter): DeadLetterRecord {
  return {
    id: letter.id,
    sent: new Date(letter.sentAtMs).toISOString(),
    ...(letter.firstReceivedAtMs !== undefined && { firstReceived: new Date(letter.firstReceivedAtMs).toISOString() }),
    receiveCount: letter.receiveCount,
    ...(letter.deadLetteredAtMs !== undefined && { deadLettered: new Date(letter.deadLetteredAtMs).toISOString() }),
    ...(letter.subject !== undefined && { subject: letter.subject }),
    ...(letter.groupId !== undefined && { groupId: letter.groupId }),
    body: letter.body,
  };
}

/** A time to the second, in UTC: `2026-01-01T00:00:00Z`. */
function toSecond(ms: number | undefined): string {
  return ms === undefined ? '-' : `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

const escapes: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** The body on one line: control characters escaped (\n, \t, \u0000 …), cut to `maxChars` with an ellipsis. */
export function previewBody(body: string, maxChars = 48): string {
  // Control characters must not reach the terminal raw (a stray escape sequence could rewrite the screen).
  const oneLine = body.replace(/[\u0000-\u001f\u007f]/g, (char) => escapes[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return oneLine.length <= maxChars ? oneLine : `${oneLine.slice(0, maxChars - 1)}…`;
}

/** The dead letters as a table: id, sent, receives, dead-lettered at, subject, body preview. */
export function formatDeadLetterTable(letters: readonly DeadLetter[]): string {
  const rows = [
    ['ID', 'SENT', 'RECEIVES', 'DEAD-LETTERED', 'SUBJECT', 'BODY'],
    ...letters.map((letter) => [letter.id, toSecond(letter.sentAtMs), String(letter.receiveCount), toSecond(letter.deadLetteredAtMs), letter.subject ?? '-', previewBody(letter.body)]),
  ];
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return `${rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join('  ')).join('\n')}\n`;
}

/** One dead letter in full, for `show` and triage; a body longer than `maxBodyChars` is cut, saying so. */
export function formatDeadLetterDetails(letter: DeadLetter, maxBodyChars = Number.POSITIVE_INFINITY): string {
  const lines = [
    `id             ${letter.id}`,
    `sent           ${toSecond(letter.sentAtMs)}`,
    ...(letter.firstReceivedAtMs === undefined ? [] : [`first received ${toSecond(letter.firstReceivedAtMs)}`]),
    `receives       ${letter.receiveCount}`,
    `dead-lettered  ${toSecond(letter.deadLetteredAtMs)}`,
    ...(letter.subject === undefined ? [] : [`subject        ${letter.subject}`]),
    ...(letter.groupId === undefined ? [] : [`group          ${letter.groupId}`]),
  ];
  const bytes = Buffer.byteLength(letter.body, 'utf8');
  const cut = letter.body.length > maxBodyChars;
  lines.push(`body (${bytes.toLocaleString('en-US')} bytes${cut ? `, first ${maxBodyChars.toLocaleString('en-US')} characters shown` : ''}):`);
  lines.push(cut ? `${letter.body.slice(0, maxBodyChars)}…` : letter.body);
  return `${lines.join('\n')}\n`;
}

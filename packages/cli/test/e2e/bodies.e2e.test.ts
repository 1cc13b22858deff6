/** Bodies the environment cannot carry, and SNS envelopes, end to end. */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, readStatus, runCli, sendMessages, writeWorker } from './cli-process.js';

let dir: { path: string; remove: () => Promise<void> };
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(async () => {
  await dir.remove();
});

/** A worker that exits 0 only when MessageFile matches expected.bin byte for byte and Message is empty. */
const verifyFileWorker = [
  'cmp -s "$MessageFile" expected.bin || { echo "MessageFile differs" >&2; exit 1; }',
  '[ -z "$Message" ] || { echo "Message is not empty" >&2; exit 1; }',
  '[ "$MessageOnlyInFile" = true ] || { echo "MessageOnlyInFile is not true" >&2; exit 1; }',
  'echo verified',
].join('\n');

describe('message bodies', () => {
  it('hands a 1 MiB body to the worker intact in MessageFile, with Message empty and MessageOnlyInFile "true"', async () => {
    const line = 'abcdefghijklmnopqrstuvwxyz0123456789-é\n';
    const body = Buffer.from(line.repeat(Math.ceil(1_048_576 / Buffer.byteLength(line)))).subarray(0, 1_048_576);
    // Cut at a character boundary: the last bytes must not split "é".
    const exact = Buffer.concat([body.subarray(0, 1_048_576 - 8), Buffer.from('12345678')]);
    expect(exact.byteLength).toBe(1_048_576);
    await writeFile(join(dir.path, 'expected.bin'), exact);
    const worker = await writeWorker(dir.path, 'worker.sh', verifyFileWorker);
    await sendMessages(dir.path, ['--body-file', 'expected.bin']);
    const result = await runCli(['run', '--exit-when-empty', '--max-receives', '1', '--', worker], { cwd: dir.path });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('verified');
    expect(await readStatus(dir.path)).toMatchObject({ visible: 0, deadLettered: 0, notifications: [] });
  });

  it('refuses a body over 1 MiB in one line naming its size and the limit, sending nothing', async () => {
    await writeFile(join(dir.path, 'big.txt'), 'x'.repeat(1_048_577));
    const result = await runCli(['send', '--body-file', 'big.txt'], { cwd: dir.path });
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe('watchbot: --body-file big.txt: the body is 1048577 bytes; a message may be at most 1048576 bytes (1 MiB)');
    expect((await readStatus(dir.path)).visible).toBe(0);
  });

  it('refuses a body that is not UTF-8, saying to base64-encode binary data', async () => {
    await writeFile(join(dir.path, 'binary.bin'), Buffer.from([0x66, 0xff, 0xfe, 0x00]));
    const result = await runCli(['send', '--body-file', 'binary.bin'], { cwd: dir.path });
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toMatch(/^watchbot: --body-file binary.bin: .*not valid UTF-8.*base64-encode binary data/);
  });

  it('hands a body with a NUL byte to the worker intact in MessageFile, and the watcher settles it normally', async () => {
    await writeFile(join(dir.path, 'expected.bin'), Buffer.from('before\0after', 'utf8'));
    const worker = await writeWorker(dir.path, 'worker.sh', verifyFileWorker);
    const [id] = await sendMessages(dir.path, ['--body-file', 'expected.bin']);
    const result = await runCli(['run', '--exit-when-empty', '--max-receives', '1', '--', worker], { cwd: dir.path });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('verified');
    // A clear log line says why Message is empty.
    expect(result.stdout).toContain('NUL byte');
    // The outcome is the worker's: it verified the bytes and exited 0, so the message is deleted.
    const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { event?: string; messageId?: string });
    expect(lines).toContainEqual(expect.objectContaining({ event: 'succeeded', messageId: id }));
    expect(await readStatus(dir.path)).toMatchObject({ visible: 0, deadLettered: 0 });
  });
});

describe('SNS envelopes', () => {
  const envelope = (fields: Record<string, string>): string =>
    JSON.stringify({
      Type: 'Notification',
      MessageId: '2f1b3c4d-0000-4000-8000-000000000001',
      TopicArn: 'arn:aws:sns:us-east-1:123456789012:t',
      ...fields,
      Timestamp: '2026-01-01T00:00:00.000Z',
    });
  const recordWorker = 'printf "%s|%s\\n" "$Message" "${Subject-<unset>}" >> received.txt';

  it('hands the worker the inner Message of an envelope without a Subject', async () => {
    const worker = await writeWorker(dir.path, 'worker.sh', recordWorker);
    await sendMessages(dir.path, [envelope({ Message: 'inner payload' })]);
    const result = await runCli(['run', '--exit-when-empty', '--', worker], { cwd: dir.path });
    expect(result.code).toBe(0);
    expect(await readFile(join(dir.path, 'received.txt'), 'utf8')).toBe('inner payload|<unset>\n');
  });

  it('hands the worker the Subject of an envelope that has one', async () => {
    const worker = await writeWorker(dir.path, 'worker.sh', recordWorker);
    await sendMessages(dir.path, [envelope({ Subject: 'resize', Message: 'photo-1.jpg' })]);
    const result = await runCli(['run', '--exit-when-empty', '--', worker], { cwd: dir.path });
    expect(result.code).toBe(0);
    expect(await readFile(join(dir.path, 'received.txt'), 'utf8')).toBe('photo-1.jpg|resize\n');
  });
});

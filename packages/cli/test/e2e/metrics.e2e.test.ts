/** CloudWatch Embedded Metric Format lines in the watcher's output: metrics without API calls. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, runCli, sendMessages, writeWorker } from './cli-process.js';

let dir: { path: string; remove: () => Promise<void> };
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(async () => {
  await dir.remove();
});

interface EmfLine {
  readonly _aws: {
    readonly Timestamp: number;
    readonly CloudWatchMetrics: readonly { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[];
  };
  readonly [member: string]: unknown;
}

/** The EMF documents among stdout's JSON lines, checked the way CloudWatch reads them. */
function readEmfLines(stdout: string): EmfLine[] {
  const documents = stdout
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((document): document is EmfLine => '_aws' in document);
  for (const document of documents) {
    const [directive, ...others] = document._aws.CloudWatchMetrics;
    expect(others).toEqual([]);
    expect(directive).toMatchObject({ Namespace: 'Watchbot', Dimensions: [['QueueName']] });
    expect(document.QueueName).toEqual(expect.any(String));
    for (const metric of directive!.Metrics) expect(document[metric.Name]).toEqual(expect.any(Number));
  }
  return documents;
}

function sum(documents: readonly EmfLine[], metric: string): number {
  return documents.reduce((total, document) => total + (typeof document[metric] === 'number' ? document[metric] : 0), 0);
}

describe('watchbot metrics', () => {
  it('run --metrics writes EMF lines that count receives, processed messages, worker errors and dead letters', async () => {
    const worker = await writeWorker(dir.path, 'worker.sh', '[ "$Message" = bad ] && exit 1\nexit 0');
    await sendMessages(dir.path, ['ok-1', 'bad', 'ok-2']);
    const startedAtMs = Date.now();
    const result = await runCli(['run', '--metrics', '--log-format', 'json', '--max-receives', '1', '--exit-when-empty', '--', worker], { cwd: dir.path });
    expect(result.code).toBe(0);
    const documents = readEmfLines(result.stdout);
    expect(documents.every((document) => document.QueueName === 'default')).toBe(true);
    expect(sum(documents, 'MessageReceives')).toBe(3);
    expect(sum(documents, 'MessagesProcessed')).toBe(3);
    expect(sum(documents, 'WorkerErrors')).toBe(1);
    expect(sum(documents, 'DeadLetters')).toBe(1);
    const settled = documents.filter((document) => 'MessagesProcessed' in document);
    expect(settled.map((document) => document.Outcome).sort()).toEqual(['failed', 'succeeded', 'succeeded']);
    for (const document of settled) expect(document.WorkerDuration).toBeGreaterThanOrEqual(0);
    // Response time: only for the two deleted messages, from their send (before the run) to done.
    const responseTimes = settled.filter((document) => 'ResponseTime' in document).map((document) => document.ResponseTime as number);
    expect(responseTimes).toHaveLength(2);
    for (const ms of responseTimes) expect(ms).toBeGreaterThanOrEqual(0);
    for (const ms of responseTimes) expect(ms).toBeLessThan(Date.now() - startedAtMs + 60_000);
    for (const document of documents) expect(document._aws.Timestamp).toBeGreaterThanOrEqual(startedAtMs - 60_000);
  });

  it('run without --metrics writes no EMF line', async () => {
    const worker = await writeWorker(dir.path, 'worker.sh', 'exit 0');
    await sendMessages(dir.path, ['job']);
    const result = await runCli(['run', '--log-format', 'json', '--exit-when-empty', '--', worker], { cwd: dir.path });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('"_aws"');
  });

  it('listen with structuredLogging=true writes EMF lines with the queue name as the dimension', async () => {
    const worker = await writeWorker(dir.path, 'worker.sh', 'exit 0');
    await sendMessages(dir.path, ['--queue', 'jobs', 'one']);
    const result = await runCli(['listen', worker], { cwd: dir.path, env: { QueueUrl: 'jobs', writableFilesystem: 'true', structuredLogging: 'true' } });
    expect(result.code).toBe(0);
    const documents = readEmfLines(result.stdout);
    expect(documents.map((document) => document.QueueName)).toEqual(['jobs', 'jobs']);
    expect(sum(documents, 'MessagesProcessed')).toBe(1);
  });
});

// The queues the benchmark runs on: a fresh embedded SQLite queue file per run, or a fresh
// queue on the fauxqs SQS emulator, started in this process on 127.0.0.1. The emulator counts
// every HTTP request it serves, by SQS action, at the HTTP layer (node:diagnostics_channel),
// so the cost of a watcher in another process can be read without touching the watcher.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { join } from 'node:path';
import { GetQueueAttributesCommand, SendMessageBatchCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { openSqliteQueue } from '@watchbot/sqlite-adapter';
import { startSqsEmulator } from '@watchbot/testing';

/**
 * @typedef {object} BenchQueue
 * @property {'embedded' | 'sqs'} kind
 * @property {string} address the watcher's --queue value
 * @property {(bodies: string[]) => Promise<void>} fill sends the bodies (in batches), before a run
 * @property {(body: string) => Promise<void>} sendOne sends one message; resolves once the queue has it durably
 * @property {() => Promise<number>} remaining messages not yet deleted: visible, in flight, delayed or dead-lettered
 * @property {() => Promise<void>} close
 */

/**
 * A fresh embedded queue in `folder`.
 * @param {string} folder
 * @returns {BenchQueue}
 */
export function createEmbeddedQueue(folder) {
  const path = join(folder, 'bench.db');
  const queue = openSqliteQueue({ path });
  return {
    kind: 'embedded',
    address: path,
    async fill(bodies) {
      for (let start = 0; start < bodies.length; start += 500) {
        await queue.send(bodies.slice(start, start + 500).map((body) => ({ body })));
      }
    },
    async sendOne(body) {
      await queue.send([{ body }]);
    },
    async remaining() {
      const counts = await queue.getCounts();
      return counts.visible + counts.inFlight + counts.delayed + (counts.deadLettered ?? 0);
    },
    close: () => queue.close(),
  };
}

/**
 * @typedef {object} BenchEmulator
 * @property {NodeJS.ProcessEnv} env what a watcher needs to reach it (endpoint, region, fake credentials)
 * @property {(name: string) => Promise<BenchQueue>} createQueue
 * @property {() => void} startCounting zeroes the request counts and starts counting
 * @property {() => Record<string, number>} stopCounting stops counting; the requests served since startCounting, by action
 * @property {() => Promise<void>} stop
 */

/** Starts fauxqs in this process. @returns {Promise<BenchEmulator>} */
export async function startBenchEmulator() {
  const emulator = await startSqsEmulator();
  const client = emulator.sqsClient({ maxAttempts: 3 });
  /** @type {Record<string, number> | undefined} */
  let counts;
  // Every request the emulator's HTTP server receives; the AWS JSON protocol names the action in
  // the X-Amz-Target header ("AmazonSQS.ReceiveMessage").
  const onRequest = ({ request }) => {
    if (counts === undefined || request.socket.localPort !== emulator.port) return;
    const target = String(request.headers['x-amz-target'] ?? 'Unknown');
    const action = target.slice(target.lastIndexOf('.') + 1);
    counts[action] = (counts[action] ?? 0) + 1;
  };
  subscribe('http.server.request.start', onRequest);
  return {
    env: {
      AWS_ENDPOINT_URL: emulator.endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'bench',
      AWS_SECRET_ACCESS_KEY: 'bench',
    },
    async createQueue(name) {
      const { url } = await emulator.createQueue(name);
      return {
        kind: 'sqs',
        address: url,
        async fill(bodies) {
          const batches = [];
          for (let start = 0; start < bodies.length; start += 10) {
            const entries = bodies.slice(start, start + 10).map((body, index) => ({ Id: String(index), MessageBody: body }));
            batches.push(entries);
          }
          // Eight batches in flight at once: filling is not what is measured.
          for (let start = 0; start < batches.length; start += 8) {
            await Promise.all(batches.slice(start, start + 8).map((Entries) => client.send(new SendMessageBatchCommand({ QueueUrl: url, Entries }))));
          }
        },
        async sendOne(body) {
          await client.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body }));
        },
        async remaining() {
          const { Attributes = {} } = await client.send(
            new GetQueueAttributesCommand({
              QueueUrl: url,
              AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'],
            }),
          );
          return (
            Number(Attributes.ApproximateNumberOfMessages ?? 0) +
            Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0) +
            Number(Attributes.ApproximateNumberOfMessagesDelayed ?? 0)
          );
        },
        close: () => emulator.deleteQueue(url),
      };
    },
    startCounting() {
      counts = {};
    },
    stopCounting() {
      const counted = counts ?? {};
      counts = undefined;
      return counted;
    },
    async stop() {
      unsubscribe('http.server.request.start', onRequest);
      await emulator.stop();
    },
  };
}

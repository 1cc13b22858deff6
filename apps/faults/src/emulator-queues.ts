/**
 * SQS queues on the in-process emulator, set up as a user would on AWS: a work queue whose
 * redrive policy moves a message to its dead-letter queue after `maxReceives` receives.
 */
import { openSqsQueue } from '@watchbot/sqs-adapter';
import type { SqsQueue } from '@watchbot/sqs-adapter';
import type { SqsEmulator } from '@watchbot/testing';

/** A work queue and its dead-letter queue. */
export interface RedrivenQueue {
  readonly url: string;
  readonly deadLetterUrl: string;
}

/** The environment a `watchbot` child process needs to reach the emulator (the SDK's own variables). */
export function emulatorEnvironment(emulator: SqsEmulator): Record<string, string> {
  return { AWS_ENDPOINT_URL: emulator.endpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' };
}

/** Creates `<name>` and `<name>-dead`, with a redrive policy of `maxReceives`. */
export async function createRedrivenQueue(emulator: SqsEmulator, name: string, maxReceives: number): Promise<RedrivenQueue> {
  const dead = await emulator.createQueue(`${name}-dead`);
  const work = await emulator.createQueue(name, {
    RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dead.arn, maxReceiveCount: maxReceives }),
  });
  return { url: work.url, deadLetterUrl: dead.url };
}

/** Opens `url` through the SQS adapter in this process (to send, count and receive). */
export function openEmulatorQueue(emulator: SqsEmulator, url: string): Promise<SqsQueue> {
  return openSqsQueue({ queueUrl: url, client: emulator.sqsClient({ maxAttempts: 3 }), closeWaitMs: 0 });
}

/** The ids of every message in the dead-letter queue at `url` (receiving them, so call it last). */
export async function readDeadLetterIds(emulator: SqsEmulator, url: string): Promise<Set<string>> {
  const queue = await openEmulatorQueue(emulator, url);
  const ids = new Set<string>();
  try {
    for (;;) {
      const messages = await queue.receive(10, { waitMs: 0, visibilityTimeoutSeconds: 3_600 });
      if (messages.length === 0) return ids;
      for (const message of messages) ids.add(message.id);
    }
  } finally {
    await queue.close();
  }
}

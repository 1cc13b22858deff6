/**
 * The fauxqs emulator (SQS and SNS over the real AWS wire protocols), started in this process on
 * 127.0.0.1 and a free port by a test file, and stopped after. Clients point at it with static
 * fake credentials in us-east-1; queues, topics and subscriptions are made over the wire too.
 * For outage tests it can leave the network and come back on the same port with its state.
 */
import { findPackageJSON } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SNSClient } from '@aws-sdk/client-sns';
import { CreateQueueCommand, DeleteQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { buildApp } from 'fauxqs';

/** Options for the clients the tests build. */
export interface TestClientOptions {
  /** Attempts per call (default 1: a test that expects a failure should not wait for retries). */
  readonly maxAttempts?: number;
}

/** Options for {@link startSqsEmulator}. */
export interface SqsEmulatorOptions {
  /** The port to listen on, on 127.0.0.1. Default 0: a free port the system picks. */
  readonly port?: number;
}

/** A running emulator. */
export interface SqsEmulator {
  /** `http://127.0.0.1:<port>`. */
  readonly endpoint: string;
  /** The emulator's port. */
  readonly port: number;
  /** A new SQS client pointed at the emulator. */
  sqsClient(options?: TestClientOptions): SQSClient;
  /** A new SNS client pointed at the emulator. */
  snsClient(options?: TestClientOptions): SNSClient;
  /** Creates a queue; resolves with its URL and ARN. */
  createQueue(name: string, attributes?: Record<string, string>): Promise<{ url: string; arn: string }>;
  /** Deletes a queue (ending its pending long polls at once). */
  deleteQueue(url: string): Promise<void>;
  /**
   * Takes the emulator off the network, as an outage would: the port is closed, open
   * connections are cut and pending long polls end, while every queue and message (in-flight
   * messages and their receipt handles included) is kept in memory, as SQS keeps them.
   */
  goOffline(): Promise<void>;
  /** Listens again on the same port after {@link goOffline}, with the queues and messages it kept. */
  goOnline(): Promise<void>;
  /** Stops the emulator and destroys the clients it made. */
  stop(): Promise<void>;
}

/** Static fake credentials: fauxqs accepts any. */
export const testCredentials = { accessKeyId: 'test', secretAccessKey: 'test' } as const;

/** Imports one of fauxqs 2.4.1's internal modules (the package exports only its entry point). */
async function importFauxqsInternal<T>(path: string): Promise<T> {
  const packageJson = findPackageJSON('fauxqs', import.meta.url);
  if (packageJson === undefined) throw new Error('fauxqs is not installed');
  return (await import(pathToFileURL(join(dirname(packageJson), 'dist', path)).href)) as T;
}

/**
 * Two corrections to fauxqs 2.4.1, in this test process only, where it departs from SQS's
 * documented behaviour (README, "Testing on fauxqs"):
 * - it moves delayed and expired messages only when a receive or long poll on the queue runs,
 *   so its counts go stale while nothing receives; SQS keeps them current. A
 *   GetQueueAttributes call here first processes the queue's timers, as SQS would have;
 * - it refuses characters outside the Basic Multilingual Plane (emoji: #x10000–#x10FFFF),
 *   which SQS accepts; its body check here follows SQS's documented character set.
 */
async function correctEmulator(): Promise<void> {
  const store = await importFauxqsInternal<{ SqsQueue: { prototype: QueuePrototype } }>('sqs/sqsStore.js');
  const prototype = store.SqsQueue.prototype;
  const original = prototype.getAllAttributes;
  if (!('refreshes' in original)) {
    prototype.getAllAttributes = Object.assign(function (this: QueuePrototype, names: string[]) {
      this.processTimers();
      return original.call(this, names);
    }, { refreshes: true });
  }
  const types = await importFauxqsInternal<{ INVALID_MESSAGE_BODY_CHAR: RegExp }>('sqs/sqsTypes.js');
  const sqsRefused = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
  types.INVALID_MESSAGE_BODY_CHAR.test = (text: string) => sqsRefused.test(text);
}

interface QueuePrototype {
  getAllAttributes(names: string[]): unknown;
  processTimers(): void;
}

/** fauxqs's in-memory state: its SQS, SNS and S3 stores. */
type FauxqsStores = NonNullable<NonNullable<Parameters<typeof buildApp>[0]>['stores']>;

/** New, empty stores, held by the emulator so that a new server on the same port serves the same state. */
async function createStores(): Promise<FauxqsStores> {
  const { SqsStore } = await importFauxqsInternal<{ SqsStore: new () => FauxqsStores['sqsStore'] }>('sqs/sqsStore.js');
  const { SnsStore } = await importFauxqsInternal<{ SnsStore: new () => FauxqsStores['snsStore'] }>('sns/snsStore.js');
  const { S3Store } = await importFauxqsInternal<{ S3Store: new () => FauxqsStores['s3Store'] }>('s3/s3Store.js');
  return { sqsStore: new SqsStore(), snsStore: new SnsStore(), s3Store: new S3Store() };
}

/**
 * Starts the fauxqs emulator in this process on 127.0.0.1 (on `options.port`, else a free
 * port); `stop()` ends it.
 */
export async function startSqsEmulator(options: SqsEmulatorOptions = {}): Promise<SqsEmulator> {
  await correctEmulator();
  const stores = await createStores();
  let app: ReturnType<typeof buildApp> | undefined = buildApp({ logger: false, stores });
  const endpoint = await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  const port = Number(new URL(endpoint).port);
  const clients: { destroy(): void }[] = [];
  const config = (options: TestClientOptions = {}) => ({
    endpoint,
    region: 'us-east-1',
    credentials: testCredentials,
    maxAttempts: options.maxAttempts ?? 1,
    requestHandler: { connectionTimeout: 2_000, requestTimeout: 30_000, throwOnRequestTimeout: true },
  });
  const admin = new SQSClient(config());
  clients.push(admin);
  return {
    endpoint,
    port,
    sqsClient(options) {
      const client = new SQSClient(config(options));
      clients.push(client);
      return client;
    },
    snsClient(options) {
      const client = new SNSClient(config(options));
      clients.push(client);
      return client;
    },
    async createQueue(name, attributes) {
      const { QueueUrl: url = '' } = await admin.send(new CreateQueueCommand({ QueueName: name, ...(attributes !== undefined && { Attributes: attributes }) }));
      const { Attributes } = await admin.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
      return { url, arn: Attributes?.QueueArn ?? '' };
    },
    async deleteQueue(url) {
      await admin.send(new DeleteQueueCommand({ QueueUrl: url }));
    },
    async goOffline() {
      await app?.close();
      app = undefined;
    },
    async goOnline() {
      if (app !== undefined) return;
      const next = buildApp({ logger: false, stores });
      await next.listen({ port, host: '127.0.0.1' });
      app = next;
    },
    async stop() {
      await app?.close();
      app = undefined;
      for (const client of clients) client.destroy();
    },
  };
}

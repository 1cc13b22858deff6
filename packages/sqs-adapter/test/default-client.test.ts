/**
 * The client openSqsQueue builds when given none: the region from the queue URL, and an endpoint
 * from the standard environment variables that wins over the queue URL's host.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { configuredEndpoint, createSnsClient, createSqsClient } from '../src/aws-clients.js';
import { openSqsQueue } from '../src/index.js';
import { startEmulator, testCredentials } from './support/fauxqs-emulator.js';
import type { Emulator } from './support/fauxqs-emulator.js';

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator();
});

afterAll(async () => {
  await emulator.stop();
});

beforeEach(() => {
  // Credentials from the environment only: no profile files, never the instance metadata service.
  vi.stubEnv('AWS_ACCESS_KEY_ID', testCredentials.accessKeyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', testCredentials.secretAccessKey);
  vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
  vi.stubEnv('AWS_CONFIG_FILE', '/nonexistent/aws-config');
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', '/nonexistent/aws-credentials');
  vi.stubEnv('AWS_REGION', 'us-east-1');
  vi.stubEnv('AWS_ENDPOINT_URL', '');
  vi.stubEnv('AWS_ENDPOINT_URL_SQS', '');
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('the default SQS client', () => {
  it('takes its region from the queue URL', async () => {
    const client = createSqsClient('https://sqs.ap-south-1.amazonaws.com/123456789012/jobs');
    expect(await client.config.region()).toBe('ap-south-1');
    client.destroy();
  });

  it('takes the SNS region from the topic ARN', async () => {
    const client = createSnsClient('arn:aws:sns:eu-north-1:123456789012:alerts');
    expect(await client.config.region()).toBe('eu-north-1');
    client.destroy();
  });

  it('reads AWS_ENDPOINT_URL_SQS before AWS_ENDPOINT_URL, and neither when told to ignore them', () => {
    expect(configuredEndpoint('SQS', { AWS_ENDPOINT_URL: 'http://127.0.0.1:1', AWS_ENDPOINT_URL_SQS: 'http://127.0.0.1:2' })).toBe('http://127.0.0.1:2');
    expect(configuredEndpoint('SQS', { AWS_ENDPOINT_URL: 'http://127.0.0.1:1' })).toBe('http://127.0.0.1:1');
    expect(configuredEndpoint('SQS', { AWS_ENDPOINT_URL: 'http://127.0.0.1:1', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' })).toBeUndefined();
  });

  it('an AWS_ENDPOINT_URL_SQS endpoint wins over the queue URL host', async () => {
    const { url } = await emulator.createQueue('env-endpoint');
    // Same queue (fauxqs finds it by name), but the URL's own host would refuse the connection.
    const unreachableUrl = `http://127.0.0.1:1${new URL(url).pathname}`;
    vi.stubEnv('AWS_ENDPOINT_URL_SQS', emulator.endpoint);
    const queue = await openSqsQueue({ queueUrl: unreachableUrl });
    const [id] = await queue.send([{ body: 'through the configured endpoint' }]);
    expect(await queue.receive(1, { waitMs: 0, visibilityTimeoutSeconds: 30 })).toMatchObject([{ id }]);
    await queue.close();
  });

  it('without a configured endpoint, calls go to the queue URL host', async () => {
    const { url } = await emulator.createQueue('url-host');
    const unreachableUrl = `http://127.0.0.1:1${new URL(url).pathname}`;
    await expect(openSqsQueue({ queueUrl: unreachableUrl })).rejects.toMatchObject({ code: 'QUEUE_UNAVAILABLE', message: expect.stringMatching(/ECONNREFUSED/) });
  });
});

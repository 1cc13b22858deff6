/**
 * The SDK clients Watchbot builds when the caller passes none: the region from the queue URL
 * or topic ARN (else the SDK's own resolution: AWS_REGION, profile …), modest retries so an
 * outage reaches the watcher's backoff instead of hanging, and timeouts that outlast a 20-s
 * long poll but not a dead connection.
 */
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { regionFromArn } from './arn.js';
import { regionFromQueueUrl } from './queue-url.js';

/** Attempts per call, the first included: the SDK retries throttling and 5xx twice, with backoff. */
export const sdkMaxAttempts = 3;

/** How the default clients' HTTP requests are bounded, in ms. */
const requestHandler = {
  /** A connection not established within this is abandoned (and retried). */
  connectionTimeout: 5_000,
  /** A whole request, a 20-s long poll included, must finish within this. */
  requestTimeout: 35_000,
  throwOnRequestTimeout: true,
} as const;

/**
 * The endpoint the SDK will take from the standard environment variables
 * (`AWS_ENDPOINT_URL_<SERVICE>`, else `AWS_ENDPOINT_URL`), unless
 * `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` is true.
 */
export function configuredEndpoint(service: 'SQS' | 'SNS', env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS']?.toLowerCase() === 'true') return undefined;
  const endpoint = env[`AWS_ENDPOINT_URL_${service}`] || env['AWS_ENDPOINT_URL'];
  return endpoint === '' ? undefined : endpoint;
}

/**
 * An SQS client for `queueUrl`. When an endpoint is configured through the environment it wins
 * over the queue URL's host (the SDK would otherwise send each call to the host in the URL,
 * which for emulators such as fauxqs — `sqs.<region>.localhost` — does not resolve).
 */
export function createSqsClient(queueUrl: string): SQSClient {
  const region = regionFromQueueUrl(queueUrl);
  return new SQSClient({
    ...(region !== undefined && { region }),
    maxAttempts: sdkMaxAttempts,
    useQueueUrlAsEndpoint: configuredEndpoint('SQS') === undefined,
    requestHandler,
  });
}

/** An SNS client for `topicArn`, in the topic's region; endpoints from the environment apply as usual. */
export function createSnsClient(topicArn: string): SNSClient {
  const region = regionFromArn(topicArn);
  return new SNSClient({ ...(region !== undefined && { region }), maxAttempts: sdkMaxAttempts, requestHandler });
}

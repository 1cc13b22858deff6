/**
 * The translation table at the edge, fed SDK-shaped errors (name, Code, $metadata.httpStatusCode,
 * Node's code): bad credentials, throttling and outages cannot be produced by the emulator.
 */
import { describe, expect, it } from 'vitest';
import { toEntryError, toWatchbotError } from '../src/to-watchbot-error.js';

/** An error shaped like the SDK's service exceptions. */
function sdkError(name: string, status: number, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(`${name} happened`), { name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, ...extra });
}

/** An error shaped like Node's socket errors. */
function systemError(code: string, message = `connect ${code} 127.0.0.1:9`): Error {
  return Object.assign(new Error(message), { code });
}

describe('toWatchbotError', () => {
  it.each([
    ['QueueDoesNotExist (JSON protocol)', sdkError('QueueDoesNotExist', 400, { Code: 'AWS.SimpleQueueService.NonExistentQueue' })],
    ['AWS.SimpleQueueService.NonExistentQueue (query protocol)', sdkError('AWS.SimpleQueueService.NonExistentQueue', 400)],
    ['an SNS NotFound', sdkError('NotFoundException', 404)],
  ])('%s is QUEUE_NOT_FOUND', (_, error) => {
    expect(toWatchbotError(error, 'receive from q')).toMatchObject({ code: 'QUEUE_NOT_FOUND', cause: error });
  });

  it.each([
    ['AccessDenied', sdkError('AccessDenied', 403)],
    ['AccessDeniedException', sdkError('AccessDeniedException', 400)],
    ['InvalidClientTokenId', sdkError('InvalidClientTokenId', 403)],
    ['SignatureDoesNotMatch', sdkError('SignatureDoesNotMatch', 403)],
    ['UnrecognizedClientException', sdkError('UnrecognizedClientException', 400)],
    ['ExpiredToken', sdkError('ExpiredToken', 400)],
    ['a KMS key the role may not use', sdkError('KmsAccessDenied', 400)],
    ['an unnamed 403', sdkError('Error', 403)],
    ['missing credentials', Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' })],
    ['a missing region', new Error('Region is missing')],
  ])('%s is QUEUE_ACCESS_DENIED', (_, error) => {
    expect(toWatchbotError(error, 'open q')).toMatchObject({ code: 'QUEUE_ACCESS_DENIED', retryable: false, cause: error });
  });

  it.each([
    ['ThrottlingException', sdkError('ThrottlingException', 400)],
    ['RequestThrottled', sdkError('RequestThrottled', 403)],
    ['OverLimit', sdkError('OverLimit', 403)],
    ['a 429', sdkError('TooManyRequests', 429)],
    ['a 500', sdkError('InternalError', 500)],
    ['a 503', sdkError('ServiceUnavailable', 503)],
    ['ECONNREFUSED', systemError('ECONNREFUSED')],
    ['ECONNRESET', systemError('ECONNRESET', 'read ECONNRESET')],
    ['ETIMEDOUT', systemError('ETIMEDOUT')],
    ['socket hang up', new Error('socket hang up')],
    ['the SDK request timeout', Object.assign(new Error('a request has exceeded the configured 35000 ms requestTimeout'), { name: 'TimeoutError', code: 'ETIMEDOUT' })],
    ['an AggregateError of refused connections', new AggregateError([systemError('ECONNREFUSED'), systemError('ECONNREFUSED')], 'connect failed')],
    ['an error nobody expected', new Error('something odd')],
  ])('%s is QUEUE_UNAVAILABLE, which the watcher retries', (_, error) => {
    expect(toWatchbotError(error, 'receive from q')).toMatchObject({ code: 'QUEUE_UNAVAILABLE', retryable: true, cause: error });
  });

  it('an endpoint host that does not resolve is QUEUE_NOT_FOUND when opening, QUEUE_UNAVAILABLE afterwards', () => {
    const error = systemError('ENOTFOUND', 'getaddrinfo ENOTFOUND sqs.us-esat-1.amazonaws.com');
    expect(toWatchbotError(error, 'open q', { opening: true })).toMatchObject({ code: 'QUEUE_NOT_FOUND', message: expect.stringMatching(/region/) });
    expect(toWatchbotError(error, 'receive from q')).toMatchObject({ code: 'QUEUE_UNAVAILABLE' });
  });

  it('the message is one line naming the action, the condition and the SDK error', () => {
    const error = sdkError('AccessDenied', 403);
    error.message = 'User: arn:aws:iam::123456789012:user/ci is not authorized\nto perform: sqs:receivemessage';
    const translated = toWatchbotError(error, 'receive from https://sqs.us-east-1.amazonaws.com/123456789012/jobs');
    expect(translated.message).toBe(
      'receive from https://sqs.us-east-1.amazonaws.com/123456789012/jobs: access was refused (check the credentials, the region and the IAM permissions) (AccessDenied: User: arn:aws:iam::123456789012:user/ci is not authorized to perform: sqs:receivemessage)',
    );
  });
});

describe('toEntryError', () => {
  it.each([
    ['ReceiptHandleIsInvalid', 'RECEIPT_EXPIRED', { Code: 'ReceiptHandleIsInvalid', Message: 'The input receipt handle is invalid.', SenderFault: true }],
    ['an expired FIFO receipt', 'RECEIPT_EXPIRED', { Code: 'InvalidParameterValue', Message: 'Value x for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.', SenderFault: true }],
    ['a message no longer in flight', 'RECEIPT_EXPIRED', { Code: 'InvalidParameterValue', Message: 'Message does not exist or is not available for visibility timeout change.', SenderFault: true }],
    ['InvalidMessageContents', 'INVALID_MESSAGE', { Code: 'InvalidMessageContents', Message: 'Invalid characters found.', SenderFault: true }],
    ['a message too long', 'MESSAGE_TOO_LARGE', { Code: 'InvalidParameterValue', Message: 'Message must be shorter than 1048576 bytes.', SenderFault: true }],
    ['a failure on the service side', 'QUEUE_UNAVAILABLE', { Code: 'InternalError', Message: 'oops', SenderFault: false }],
  ])('%s fails its entry with %s', (_, code, failure) => {
    expect(toEntryError(failure, 'delete from q', 'INVALID_MESSAGE')).toMatchObject({ code, cause: failure });
  });
});

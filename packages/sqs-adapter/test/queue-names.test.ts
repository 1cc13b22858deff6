/** Recognising queue URLs and reading regions out of queue URLs and ARNs. */
import { describe, expect, it } from 'vitest';
import { isSqsQueueUrl, regionFromArn, regionFromQueueUrl } from '../src/index.js';

describe('isSqsQueueUrl', () => {
  it.each([
    'https://sqs.us-east-1.amazonaws.com/123456789012/jobs',
    'https://sqs.eu-west-1.amazonaws.com/123456789012/jobs.fifo',
    'https://eu-west-1.queue.amazonaws.com/123456789012/jobs_2',
    'https://vpce-0abc-xyz.sqs.us-west-2.vpce.amazonaws.com/123456789012/jobs',
    'http://sqs.us-east-1.localhost:4566/000000000000/jobs',
    'http://127.0.0.1:4566/000000000000/jobs',
  ])('accepts %s', (url) => {
    expect(isSqsQueueUrl(url)).toBe(true);
  });

  it.each([
    './queue.db',
    '/var/lib/watchbot/queue.db',
    'queue.db',
    'arn:aws:sqs:us-east-1:123456789012:jobs',
    'ftp://sqs.us-east-1.amazonaws.com/123456789012/jobs',
    'https://sqs.us-east-1.amazonaws.com/12345/jobs',
    'https://sqs.us-east-1.amazonaws.com/123456789012/',
    'https://sqs.us-east-1.amazonaws.com/123456789012/jobs/extra',
    'https://sqs.us-east-1.amazonaws.com/123456789012/has space',
    'https://sqs.us-east-1.amazonaws.com/123456789012/jobs?Action=ReceiveMessage',
  ])('refuses %s', (value) => {
    expect(isSqsQueueUrl(value)).toBe(false);
  });
});

describe('regionFromQueueUrl', () => {
  it.each([
    ['https://sqs.us-east-1.amazonaws.com/123456789012/jobs', 'us-east-1'],
    ['https://sqs.cn-north-1.amazonaws.com.cn/123456789012/jobs', 'cn-north-1'],
    ['https://sqs.us-gov-west-1.amazonaws.com/123456789012/jobs', 'us-gov-west-1'],
    ['https://ap-southeast-2.queue.amazonaws.com/123456789012/jobs', 'ap-southeast-2'],
    ['https://vpce-0abc-xyz.sqs.eu-central-1.vpce.amazonaws.com/123456789012/jobs', 'eu-central-1'],
    ['http://sqs.eu-west-1.localhost:4566/000000000000/jobs', 'eu-west-1'],
    ['http://127.0.0.1:4566/000000000000/jobs', undefined],
    ['https://queue.example.com/123456789012/jobs', undefined],
    ['not a url', undefined],
  ])('%s names %s', (url, region) => {
    expect(regionFromQueueUrl(url)).toBe(region);
  });
});

describe('regionFromArn', () => {
  it.each([
    ['arn:aws:sns:us-east-1:123456789012:work', 'us-east-1'],
    ['arn:aws:sns:eu-west-2:123456789012:work.fifo', 'eu-west-2'],
    ['arn:aws-us-gov:sqs:us-gov-east-1:123456789012:jobs', 'us-gov-east-1'],
    ['arn:aws:sns::123456789012:work', undefined],
    ['work', undefined],
  ])('%s names %s', (arn, region) => {
    expect(regionFromArn(arn)).toBe(region);
  });
});

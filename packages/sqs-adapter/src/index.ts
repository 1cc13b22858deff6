/**
 * @watchbot/sqs-adapter — Watchbot's queue port over Amazon SQS, and its publisher and notifier
 * over Amazon SNS (AWS SDK v3): long polls that never lose a message to an abort, deletes and
 * visibility changes coalesced into batch calls, errors translated at the edge.
 */

// The queue
export { openSqsQueue } from './sqs-queue.js';
export type { SqsQueue } from './sqs-queue.js';
export { resolveSqsQueueOptions, sqsQueueDefaults } from './sqs-queue-options.js';
export type { ResolvedSqsQueueOptions, SqsQueueOptions } from './sqs-queue-options.js';

// Dead letters
export { openSqsDeadLetterQueue } from './sqs-dead-letter-queue.js';
export type { SqsDeadLetterQueue } from './sqs-dead-letter-queue.js';
export { sqsDeadLetterQueueDefaults } from './sqs-dead-letter-queue-options.js';
export type { SqsDeadLetterQueueOptions } from './sqs-dead-letter-queue-options.js';

// SNS
export { createSnsPublisher } from './sns-publisher.js';
export type { SnsPublisher, SnsPublisherOptions } from './sns-publisher.js';
export { createSnsNotifier } from './sns-notifier.js';
export type { SnsNotifier, SnsNotifierOptions } from './sns-notifier.js';

// Names and errors
export { isSqsQueueUrl, regionFromQueueUrl } from './queue-url.js';
export { regionFromArn } from './arn.js';
export { toWatchbotError } from './to-watchbot-error.js';

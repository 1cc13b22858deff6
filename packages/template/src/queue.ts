/**
 * The work queue and its dead-letter queue, both encrypted with SQS-managed keys (SSE-SQS works
 * with SNS and EventBridge delivery, where an AWS-managed KMS key would not).
 */
import type { BuildContext, Resources } from './build-context.js';
import { GetAtt, SQS } from './cloudform.js';
import { withDeletePolicy } from './deletion-policy.js';

/** The longest SQS keeps a message: dead letters stay as long as SQS allows. */
const maxRetentionSeconds = 1_209_600;

/** The queue and the dead-letter queue. */
export function buildQueues({ options, ids }: BuildContext): Resources {
  const fifo = options.fifo ? { FifoQueue: true, ContentBasedDeduplication: true } : {};
  const deadLetterQueue = new SQS.Queue({
    ...fifo,
    // A standard queue's dead letters keep their first enqueue time: the DLQ must keep them at
    // least as long as the queue did, or they expire on arrival.
    MessageRetentionPeriod: maxRetentionSeconds,
    SqsManagedSseEnabled: true,
  });
  const queue = new SQS.Queue({
    ...fifo,
    VisibilityTimeout: options.visibilityTimeoutSeconds,
    MessageRetentionPeriod: options.messageRetentionSeconds,
    // Long polling by default, for any client that does not ask for it.
    ReceiveMessageWaitTimeSeconds: 20,
    RedrivePolicy: { deadLetterTargetArn: GetAtt(ids.DeadLetterQueue, 'Arn'), maxReceiveCount: options.deadLetterThreshold },
    SqsManagedSseEnabled: true,
  });
  return {
    [ids.Queue]: withDeletePolicy(queue),
    [ids.DeadLetterQueue]: withDeletePolicy(deadLetterQueue),
  };
}

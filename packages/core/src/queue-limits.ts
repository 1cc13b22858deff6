/** The limits SQS enforces, which every Watchbot queue honours by default so a worker tested locally behaves the same on AWS. */
import type { QueueLimits } from './ports/queue.js';

/** SQS's limits: 1 MiB (1,048,576-byte) bodies, 10 messages per receive, 12 h (43,200 s) of invisibility from a receive. */
export const sqsLimits: QueueLimits = { maxBodyBytes: 1_048_576, maxReceiveBatch: 10, maxVisibilitySeconds: 43_200 };

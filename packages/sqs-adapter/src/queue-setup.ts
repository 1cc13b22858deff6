/**
 * What a queue is, read once when it is opened: its ARN, whether it is FIFO, and its redrive
 * policy (the receive count after which SQS dead-letters a message, and the dead-letter
 * queue's URL). One GetQueueAttributes call, plus GetQueueUrl when there is a dead-letter queue.
 */
import { GetQueueAttributesCommand, GetQueueUrlCommand } from '@aws-sdk/client-sqs';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { errorCodes } from '@watchbot/core';
import type { Logger } from '@watchbot/core';
import { parseArn } from './arn.js';
import { queueNameFromUrl } from './queue-url.js';
import { toWatchbotError } from './to-watchbot-error.js';

/** A queue's setup. */
export interface QueueSetup {
  /** The queue's ARN. */
  readonly queueArn?: string;
  /** True for a FIFO queue. */
  readonly isFifo: boolean;
  /** The redrive policy's maxReceiveCount, when the queue has one. */
  readonly maxReceives?: number;
  /** The dead-letter queue's URL, when the queue has one and it could be found. */
  readonly deadLetterQueueUrl?: string;
}

interface RedrivePolicy {
  readonly deadLetterTargetArn?: unknown;
  readonly maxReceiveCount?: unknown;
}

function parseRedrivePolicy(text: string | undefined): { arn?: string; maxReceives?: number } {
  if (text === undefined || text === '') return {};
  try {
    const policy = JSON.parse(text) as RedrivePolicy;
    const maxReceives = Number(policy.maxReceiveCount);
    return {
      ...(typeof policy.deadLetterTargetArn === 'string' && { arn: policy.deadLetterTargetArn }),
      ...(Number.isInteger(maxReceives) && maxReceives > 0 && { maxReceives }),
    };
  } catch {
    return {};
  }
}

/**
 * Reads the setup of the queue at `queueUrl`. Throws QUEUE_NOT_FOUND, QUEUE_ACCESS_DENIED or
 * QUEUE_UNAVAILABLE when the queue cannot be read. A dead-letter queue that cannot be found or
 * read is logged and left out (SQS then cannot redrive either; the watcher still runs).
 */
export async function readQueueSetup(sqs: SQSClient, queueUrl: string, logger?: Logger): Promise<QueueSetup> {
  let attributes: Record<string, string>;
  try {
    const output = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn', 'RedrivePolicy', 'FifoQueue'] }));
    attributes = output.Attributes ?? {};
  } catch (error) {
    throw toWatchbotError(error, `open ${queueUrl}`, { opening: true });
  }
  const isFifo = attributes['FifoQueue'] === 'true' || queueNameFromUrl(queueUrl).endsWith('.fifo');
  const redrive = parseRedrivePolicy(attributes['RedrivePolicy']);
  const queueArn = attributes['QueueArn'];
  const setup = {
    ...(queueArn !== undefined && { queueArn }),
    isFifo,
    ...(redrive.maxReceives !== undefined && { maxReceives: redrive.maxReceives }),
  };
  const target = redrive.arn === undefined ? undefined : parseArn(redrive.arn);
  if (target === undefined) return setup;
  try {
    const output = await sqs.send(new GetQueueUrlCommand({ QueueName: target.resource, QueueOwnerAWSAccountId: target.account }));
    return output.QueueUrl === undefined ? setup : { ...setup, deadLetterQueueUrl: output.QueueUrl };
  } catch (error) {
    const translated = toWatchbotError(error, `find the dead-letter queue ${redrive.arn ?? ''} of ${queueUrl}`);
    if (translated.code === errorCodes.QUEUE_UNAVAILABLE) throw translated;
    logger?.log({ level: 'warn', msg: `${translated.message}; dead-lettered messages will not be counted` });
    return setup;
  }
}

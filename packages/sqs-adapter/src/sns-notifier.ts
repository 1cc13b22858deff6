/**
 * Notifications for rejections, failures and dead letters, published to an SNS topic as JSON,
 * rate-limited by a token bucket on the injected clock so a poison flood does not become a
 * notification flood: past the limit, notifications are counted, and once the bucket has
 * refilled one summary says how many were suppressed. Delivery errors are logged, never thrown.
 */
import type { SNSClient } from '@aws-sdk/client-sns';
import { createSystemClock, invalidOption } from '@watchbot/core';
import type { Clock, Logger, Notification, Notifier, TimerHandle } from '@watchbot/core';
import { toNotificationBody, toSuppressionBody } from './notification-body.js';
import { createSnsPublisher } from './sns-publisher.js';
import { toSnsSubject } from './sns-subject.js';
import { createTokenBucket } from './token-bucket.js';

/** Options for {@link createSnsNotifier}. */
export interface SnsNotifierOptions {
  /** The notification topic's ARN. */
  readonly topicArn: string;
  /** The SNS client to use (never destroyed by the notifier). Default: one in the ARN's region. */
  readonly client?: SNSClient;
  /** The clock the rate limit is measured on. Default: the system clock. */
  readonly clock?: Clock;
  /** Where delivery errors and suppression are reported. Default: none. */
  readonly logger?: Logger;
  /** Notifications per minute at most (a burst of this many, then evenly), 1 to 10,000. Default 30. */
  readonly maxPerMinute?: number;
}

/** A notifier over SNS. */
export interface SnsNotifier extends Notifier {
  /** Publishes a pending suppression summary at once, waits for publishes in flight, and releases the client if the notifier made it. */
  close(): Promise<void>;
}

/**
 * Creates a notifier publishing to `options.topicArn`. Each notification is a JSON object
 * (kind, messageId, subject, exitCode, signal, receiveCount, outputTail, summary, time) with
 * the SNS Subject `[watchbot] <kind>: <messageId>`.
 * @throws WatchbotError INVALID_OPTION for a bad ARN or `maxPerMinute`.
 */
export function createSnsNotifier(options: SnsNotifierOptions): SnsNotifier {
  const maxPerMinute = options.maxPerMinute ?? 30;
  if (!Number.isInteger(maxPerMinute) || maxPerMinute < 1 || maxPerMinute > 10_000) {
    throw invalidOption('maxPerMinute', maxPerMinute, 'a whole number from 1 to 10,000');
  }
  const publisher = createSnsPublisher({ topicArn: options.topicArn, ...(options.client !== undefined && { client: options.client }) });
  const clock = options.clock ?? createSystemClock();
  const { logger } = options;
  const bucket = createTokenBucket(clock, maxPerMinute, 60_000);
  const inFlight = new Set<Promise<void>>();
  let suppressed = 0;
  let suppressedSinceMs = 0;
  let summaryTimer: TimerHandle | undefined;

  const deliver = (subject: string, body: string, what: string): Promise<void> => {
    const delivery = publisher
      .publish([{ body, subject: toSnsSubject(subject) }])
      .then(
        () => undefined,
        (error: unknown) => {
          logger?.log({ level: 'error', msg: `could not publish ${what} to ${options.topicArn}: ${error instanceof Error ? error.message : String(error)}` });
        },
      )
      .finally(() => inFlight.delete(delivery));
    inFlight.add(delivery);
    return delivery;
  };

  const sendSummary = (): Promise<void> => {
    if (summaryTimer !== undefined) clock.clearTimeout(summaryTimer);
    summaryTimer = undefined;
    if (suppressed === 0) return Promise.resolve();
    const count = suppressed;
    suppressed = 0;
    const body = toSuppressionBody(count, suppressedSinceMs, clock.now(), maxPerMinute);
    return deliver(`[watchbot] ${count} notification${count === 1 ? '' : 's'} suppressed`, body, 'the suppression summary');
  };

  return {
    async notify(notification: Notification) {
      if (bucket.take()) {
        await deliver(`[watchbot] ${notification.kind}: ${notification.messageId}`, toNotificationBody(notification), `the ${notification.kind} notification for ${notification.messageId}`);
        return;
      }
      if (suppressed === 0) {
        suppressedSinceMs = clock.now();
        logger?.log({ level: 'warn', msg: `notifications exceed ${maxPerMinute} per minute; further ones are counted and summarised once the limit allows` });
      }
      suppressed += 1;
      summaryTimer ??= clock.setTimeout(() => void sendSummary(), bucket.msUntilFull());
    },
    async close() {
      await sendSummary();
      while (inFlight.size > 0) await Promise.all([...inFlight]);
      publisher.close();
    },
  };
}

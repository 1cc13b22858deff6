/**
 * A notifier that posts each notification as JSON to a webhook (a chat tool's incoming webhook,
 * an alerting service). Delivery is best effort and bounded in time: a slow, failing or
 * unreachable endpoint is logged, never thrown, and never holds a watcher for longer than the timeout.
 */
import type { Clock, Logger, Notifier } from '@watchbot/core';
import { describeCause, invalidJobOption } from './job-tracking-error.js';
import { toWebhookPayload } from './webhook-payload.js';

/** Options of {@link createWebhookNotifier}. */
export interface WebhookNotifierOptions {
  /** The http(s) URL to POST to. Only its origin is ever logged: webhook URLs often embed a secret. */
  readonly url: string;
  /** The fetch to use. Default: the global fetch. */
  readonly fetch?: typeof globalThis.fetch;
  /** Where failed deliveries are reported. */
  readonly logger: Logger;
  /** The clock the timeout runs on. */
  readonly clock: Clock;
  /** How long one delivery may take, response included, in ms. Default 5,000. */
  readonly timeoutMs?: number;
}

/** Checks a webhook URL: http or https, with a host. @throws JobTrackingError INVALID_OPTION naming `option`. */
export function checkWebhookUrl(url: string, option = 'url'): URL {
  const parsed = typeof url === 'string' && URL.canParse(url) ? new URL(url) : undefined;
  if (parsed === undefined || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || parsed.hostname === '') {
    throw invalidJobOption(option, url, 'an http or https URL, e.g. https://hooks.slack.com/services/…');
  }
  return parsed;
}

/**
 * Creates the webhook notifier.
 * @throws JobTrackingError INVALID_OPTION for a bad URL or timeout.
 */
export function createWebhookNotifier(options: WebhookNotifierOptions): Notifier {
  const url = checkWebhookUrl(options.url);
  const timeoutMs = options.timeoutMs ?? 5_000;
  if (!Number.isSafeInteger(timeoutMs) || timeoutMs < 1) throw invalidJobOption('timeoutMs', timeoutMs, 'a whole number of ms of at least 1');
  const send = options.fetch ?? globalThis.fetch;
  const { logger, clock } = options;
  const where = url.origin;

  const warn = (msg: string, messageId: string): void => {
    try {
      logger.log({ level: 'warn', msg: `webhook ${where}: ${msg}`, messageId });
    } catch {
      // Never let a logger failure escape a notification.
    }
  };

  return {
    async notify(notification) {
      const controller = new AbortController();
      const timer = clock.setTimeout(() => controller.abort(), timeoutMs);
      const what = `the ${notification.kind} notification was not delivered`;
      try {
        const response = await send(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'user-agent': 'watchbot' },
          body: JSON.stringify(toWebhookPayload(notification)),
          signal: controller.signal,
        });
        // Read the answer to its end (bounded by the same timeout) so the connection is released.
        await response.arrayBuffer();
        if (!response.ok) warn(`answered ${response.status} ${response.statusText}; ${what}`, notification.messageId);
      } catch (error) {
        const reason = controller.signal.aborted ? `did not answer within ${timeoutMs} ms` : `cannot be reached (${describeCause(error instanceof Error && error.cause !== undefined ? error.cause : error)})`;
        warn(`${reason}; ${what}`, notification.messageId);
      } finally {
        clock.clearTimeout(timer);
      }
    },
  };
}

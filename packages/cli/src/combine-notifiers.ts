/** Sends each notification to several notifiers (the queue's own, a webhook), so one's failure never hides it from the others. */
import type { Notifier } from '@watchbot/core';

/**
 * A notifier that delivers to every one of `notifiers` at once. Rejects with the first failure
 * once all have finished (the watcher logs it); the others have still delivered.
 */
export function combineNotifiers(...notifiers: readonly Notifier[]): Notifier {
  return {
    async notify(notification) {
      const results = await Promise.allSettled(notifiers.map((notifier) => notifier.notify(notification)));
      const failed = results.find((result) => result.status === 'rejected');
      if (failed !== undefined) throw failed.reason;
    },
  };
}

/** A notifier decorator that tells each notification where to see the job's history. */
import type { Notifier } from '@watchbot/core';

/**
 * Wraps `notifier` so that every notification carries `history: pointer(messageId)`, e.g.
 * "watchbot jobs show <id> --queue jobs". A pointer that throws leaves the notification without one.
 */
export function withHistoryPointer(notifier: Notifier, pointer: (messageId: string) => string): Notifier {
  return {
    notify(notification) {
      let history: string | undefined;
      try {
        history = pointer(notification.messageId);
      } catch {
        history = undefined;
      }
      return notifier.notify(history === undefined ? notification : { ...notification, history });
    },
  };
}

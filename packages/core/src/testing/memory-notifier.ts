/** A notifier that keeps what it is sent, for tests. */
import type { Notification, Notifier } from '../ports/notifier.js';

/** A {@link Notifier} that records every notification. */
export interface MemoryNotifier extends Notifier {
  /** Everything sent so far, oldest first. */
  readonly sent: readonly Notification[];
}

/** Creates a notifier that records notifications in memory. */
export function createMemoryNotifier(): MemoryNotifier {
  const sent: Notification[] = [];
  return {
    sent,
    async notify(notification) {
      sent.push(notification);
    },
  };
}

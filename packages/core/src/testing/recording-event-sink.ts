/** An event sink that keeps every lifecycle event, for tests. */
import type { EventSink, LifecycleEvent, LifecycleEventType } from '../ports/events.js';

/** An {@link EventSink} that records events. */
export interface RecordingEventSink extends EventSink {
  /** Every event so far, oldest first. */
  readonly events: readonly LifecycleEvent[];
  /** The event types recorded for one message, in order. */
  typesFor(messageId: string): LifecycleEventType[];
}

/** Creates an event sink that records events in memory. */
export function createRecordingEventSink(): RecordingEventSink {
  const events: LifecycleEvent[] = [];
  return {
    events,
    emit(event) {
      events.push(event);
    },
    typesFor: (messageId) => events.filter((event) => event.messageId === messageId).map((event) => event.type),
  };
}

/**
 * @watchbot/core/testing — in-memory fakes of core's ports, for tests of the watcher, of
 * adapters and of custom runners. They live here (not in @watchbot/testing) so that core's
 * own tests can use them without a package cycle; @watchbot/testing runs the contract
 * suites that prove them honest.
 */
export { createManualClock } from './manual-clock.js';
export type { ManualClock } from './manual-clock.js';
export { createMemoryQueue } from './memory-queue.js';
export type { MemoryQueue, MemoryQueueOptions, StoredMessage } from './memory-queue.js';
export { createMemoryNotifier } from './memory-notifier.js';
export type { MemoryNotifier } from './memory-notifier.js';
export { createRecordingEventSink } from './recording-event-sink.js';
export type { RecordingEventSink } from './recording-event-sink.js';

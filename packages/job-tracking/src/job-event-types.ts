/**
 * The event types job history knows: the watcher's lifecycle types and the platforms' statuses
 * (ECS task lastStatus, Batch job status). Which of them end an attempt (the outcomes that
 * statistics count), and their natural order, which breaks ties between events of one job
 * recorded in the same millisecond (a failure and its dead-lettering, say).
 */
import { lifecycleEventTypes } from '@watchbot/core';

/** ECS task lastStatus values, in the order a task goes through them. */
export const ecsTaskStatuses = ['PROVISIONING', 'PENDING', 'ACTIVATING', 'RUNNING', 'DEACTIVATING', 'STOPPING', 'DEPROVISIONING', 'STOPPED', 'DELETED'] as const;

/** Batch job statuses, in the order a job goes through them. */
export const batchJobStatuses = ['SUBMITTED', 'PENDING', 'RUNNABLE', 'STARTING', 'RUNNING', 'SUCCEEDED', 'FAILED'] as const;

// One order consistent with both platforms' own orders, so one rank serves either source.
const platformOrder = ['SUBMITTED', 'PROVISIONING', 'PENDING', 'RUNNABLE', 'ACTIVATING', 'STARTING', 'RUNNING', 'DEACTIVATING', 'STOPPING', 'DEPROVISIONING', 'STOPPED', 'SUCCEEDED', 'FAILED', 'DELETED'] as const;

/** Every state `watchbot jobs list --state` accepts: the watcher's types, then the platforms' statuses. */
export const knownJobStates: readonly string[] = [...lifecycleEventTypes, ...platformOrder];

/** The event types that end an attempt: what `stats` counts and times. */
export const outcomeTypes: readonly string[] = ['succeeded', 'rejected', 'returned', 'failed', 'timed-out', 'dead-lettered', 'STOPPED', 'SUCCEEDED', 'FAILED'];

const outcomeSet: ReadonlySet<string> = new Set(outcomeTypes);
const ranks: ReadonlyMap<string, number> = new Map([
  ...lifecycleEventTypes.map((type, index) => [type, index] as const),
  ...platformOrder.map((type, index) => [type, 20 + index] as const),
]);

/** True when events of `type` end an attempt (succeeded, failed …, ECS STOPPED, Batch SUCCEEDED and FAILED). */
export function isOutcomeType(type: string): boolean {
  return outcomeSet.has(type);
}

/** Where `type` falls in a job's natural order, 0 to 99 (unknown types last); breaks ties between events of one millisecond. */
export function toEventRank(type: string): number {
  return ranks.get(type) ?? 99;
}

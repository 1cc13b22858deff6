/**
 * Which of two reports about one ECS task is the later one. EventBridge delivers at least
 * once and in no guaranteed order, and DescribeTasks answers race with events, so a RUNNING
 * that arrives after STOPPED must not move the task back.
 */
import type { EcsTaskStateChange } from './state-change-event.js';

/** ECS task statuses in lifecycle order (DELETED follows STOPPED for some capacity). */
export const ecsTaskStatuses = ['PROVISIONING', 'PENDING', 'ACTIVATING', 'RUNNING', 'DEACTIVATING', 'STOPPING', 'DEPROVISIONING', 'STOPPED', 'DELETED'] as const;

/** True once the task has ended: no report may move it out of these. */
export function isTaskStopped(change: Pick<EcsTaskStateChange, 'lastStatus'>): boolean {
  return change.lastStatus === 'STOPPED' || change.lastStatus === 'DELETED';
}

function rankOf(status: string): number | undefined {
  const index = (ecsTaskStatuses as readonly string[]).indexOf(status);
  return index === -1 ? undefined : index;
}

/**
 * True when `next` is newer than `previous` and should replace it. ECS's `version` decides when
 * both carry one (it grows with every change). Otherwise the status order decides, and for one
 * status the event time (a repeat of the same report is not news). A stopped task stays stopped.
 */
export function supersedes(previous: EcsTaskStateChange | undefined, next: EcsTaskStateChange): boolean {
  if (previous === undefined) return true;
  if (isTaskStopped(previous) && !isTaskStopped(next)) return false;
  if (previous.version !== undefined && next.version !== undefined) return next.version > previous.version;
  const previousRank = rankOf(previous.lastStatus);
  const nextRank = rankOf(next.lastStatus);
  if (previousRank !== undefined && nextRank !== undefined && previousRank !== nextRank) return nextRank > previousRank;
  return next.eventTimeMs > previous.eventTimeMs;
}

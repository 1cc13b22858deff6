/** The pause before the next RunTask after ECS could not place a task or throttled the call. */
import type { CapacityRetryPolicy } from './ecs-task-runner-options.js';

/**
 * The pause before retry number `retry` (0 for the first), in ms: `initialMs` doubling up to
 * `maxMs`, with "equal jitter" (between half and all of it) so that many waiting jobs spread out.
 */
export function planCapacityPauseMs(retry: number, policy: Required<CapacityRetryPolicy>, random: () => number): number {
  const capped = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(retry, 30));
  return Math.round(capped / 2 + (capped / 2) * random());
}

/**
 * The scale-out steps: how many tasks to add for a number of waiting (visible) messages.
 * Every running task is already busy when messages wait, so `visible` messages need about
 * ceil(visible / concurrency) more tasks; the steps add that, rounded down to the nearest step.
 * The original added maxSize/10 tasks whatever the backlog (3 messages could start 50 tasks).
 */

/** One step of a step-scaling policy, with bounds relative to an alarm threshold of 0. */
export interface ScaleOutStep {
  /** Inclusive lower bound on the number of visible messages. */
  readonly lowerBound: number;
  /** Exclusive upper bound; absent on the last step. */
  readonly upperBound?: number;
  /** Tasks to add. */
  readonly addTasks: number;
}

/** Up to this many tasks, every count has its own step; above, steps grow by half each time. */
const exactSteps = 10;

/** The task counts the steps add: 1, 2, … for small maxTasks; then growing by 1.5× up to maxTasks. */
export function toTaskSteps(maxTasks: number): number[] {
  if (maxTasks <= exactSteps) return Array.from({ length: maxTasks }, (_, i) => i + 1);
  const steps = [1, 2, 3, 4, 5];
  // 1.5× growth keeps the policy within Application Auto Scaling's 20 steps: 1000 tasks take 18.
  while (steps.at(-1)! < maxTasks) steps.push(Math.min(maxTasks, Math.ceil(steps.at(-1)! * 1.5)));
  return steps;
}

/**
 * The steps for `concurrency` workers per task and at most `maxTasks` tasks. A step adding t
 * tasks starts at (t - 1) × concurrency + 1 visible messages: the first count that needs t
 * tasks. The first step starts at 0 (the alarm already requires at least one message).
 */
export function planScaleOutSteps(concurrency: number, maxTasks: number): ScaleOutStep[] {
  const counts = toTaskSteps(maxTasks);
  const start = (tasks: number, index: number): number => (index === 0 ? 0 : (tasks - 1) * concurrency + 1);
  return counts.map((tasks, index) => {
    const next = counts[index + 1];
    return { lowerBound: start(tasks, index), ...(next !== undefined && { upperBound: start(next, index + 1) }), addTasks: tasks };
  });
}

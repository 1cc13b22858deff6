/**
 * The DescribeTasks fallback: EventBridge may deliver late, or (rarely) not at all, so a task
 * nobody has heard about for `describeAfterMs` is looked up. One timer serves every task, and
 * one call asks about up to 100 of them: the call rate grows with silence, never with ticks.
 */
import type { ECSClient } from '@aws-sdk/client-ecs';
import { DescribeTasksCommand } from '@aws-sdk/client-ecs';
import type { Clock, Logger, TimerHandle } from '@watchbot/core';
import type { EcsTaskStateChange } from './state-change-event.js';
import { toTaskStateChange } from './to-task-state-change.js';

/** The most tasks one DescribeTasks call accepts. */
export const describeTasksBatchSize = 100;

/** Options for {@link createTaskDescriber}. */
export interface TaskDescriberOptions {
  readonly ecs: ECSClient;
  readonly cluster: string;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Silence after which a task is looked up, in ms. */
  readonly describeAfterMs: number;
  /** Called with each task DescribeTasks reports. */
  readonly onAnswer: (change: EcsTaskStateChange) => void;
  /** Called for each task DescribeTasks reports MISSING. */
  readonly onMissing: (taskArn: string) => void;
}

/** Looks up silent tasks in batches. */
export interface TaskDescriber {
  /** Starts watching `taskArn`; it counts as heard from now. */
  watch(taskArn: string): void;
  /** Notes news of `taskArn` (an event arrived): its silence starts again. */
  heard(taskArn: string): void;
  /** Stops watching `taskArn`. */
  unwatch(taskArn: string): void;
  /** Cancels the timer. */
  close(): void;
}

/** Creates the describer. */
export function createTaskDescriber(options: TaskDescriberOptions): TaskDescriber {
  const { clock, describeAfterMs } = options;
  const silentSinceMs = new Map<string, number>();
  let timer: TimerHandle | undefined;
  let describing = false;
  let closed = false;

  const schedule = (): void => {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
    if (closed || describing || silentSinceMs.size === 0) return;
    const earliestMs = Math.min(...silentSinceMs.values());
    timer = clock.setTimeout(() => {
      timer = undefined;
      void describeDue();
    }, Math.max(0, earliestMs + describeAfterMs - clock.now()));
  };

  const describeDue = async (): Promise<void> => {
    const now = clock.now();
    const due = [...silentSinceMs].filter(([, sinceMs]) => sinceMs + describeAfterMs <= now).map(([taskArn]) => taskArn);
    describing = true;
    try {
      for (let start = 0; start < due.length; start += describeTasksBatchSize) {
        await describe(due.slice(start, start + describeTasksBatchSize));
      }
    } finally {
      describing = false;
      schedule();
    }
  };

  const describe = async (taskArns: readonly string[]): Promise<void> => {
    try {
      const answer = await options.ecs.send(new DescribeTasksCommand({ cluster: options.cluster, tasks: [...taskArns] }));
      const answeredAtMs = clock.now();
      // Whatever the answer, the next look is a whole interval away: no retry storm on errors.
      for (const taskArn of taskArns) if (silentSinceMs.has(taskArn)) silentSinceMs.set(taskArn, answeredAtMs);
      for (const task of answer.tasks ?? []) {
        const change = toTaskStateChange(task, answeredAtMs, options.cluster);
        if (change !== undefined && silentSinceMs.has(change.taskArn)) options.onAnswer(change);
      }
      for (const failure of answer.failures ?? []) {
        if (failure.arn === undefined || !silentSinceMs.has(failure.arn)) continue;
        if (failure.reason === 'MISSING') options.onMissing(failure.arn);
        else options.logger.log({ level: 'warn', msg: `DescribeTasks could not describe ${failure.arn} (${failure.reason ?? 'no reason'}${failure.detail ? `: ${failure.detail}` : ''}); asking again in ${describeAfterMs / 1000} s`, taskArn: failure.arn });
      }
    } catch (error) {
      const failedAtMs = clock.now();
      for (const taskArn of taskArns) if (silentSinceMs.has(taskArn)) silentSinceMs.set(taskArn, failedAtMs);
      options.logger.log({
        level: 'warn',
        msg: `DescribeTasks failed for ${taskArns.length} task(s) (${error instanceof Error ? error.message : String(error)}); asking again in ${describeAfterMs / 1000} s`,
      });
    }
  };

  return {
    watch(taskArn) {
      silentSinceMs.set(taskArn, clock.now());
      schedule();
    },
    heard(taskArn) {
      if (silentSinceMs.has(taskArn)) silentSinceMs.set(taskArn, clock.now());
    },
    unwatch(taskArn) {
      silentSinceMs.delete(taskArn);
      if (silentSinceMs.size === 0) schedule();
    },
    close() {
      closed = true;
      schedule();
    },
  };
}

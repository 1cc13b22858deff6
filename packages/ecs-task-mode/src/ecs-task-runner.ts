/**
 * The ECS task runner: each message runs as its own ECS task. RunTask starts it (retried with
 * backoff while ECS has no room for it), the task-event router reports its states, and when it
 * stops the worker container's exit code settles the message like a local worker's would. A
 * timeout or a watcher stop ends the task with StopTask.
 */
import { createHash } from 'node:crypto';
import type { Task } from '@aws-sdk/client-ecs';
import { RunTaskCommand, StopTaskCommand } from '@aws-sdk/client-ecs';
import type { LogEntry, Runner, WorkerJob, WorkerResult } from '@watchbot/core';
import { sleep } from '@watchbot/core';
import { planCapacityPauseMs } from './capacity-backoff.js';
import { EcsTaskModeError, ecsTaskModeErrorCodes } from './ecs-task-mode-error.js';
import type { EcsTaskRunnerOptions } from './ecs-task-runner-options.js';
import { resolveEcsTaskRunnerOptions } from './ecs-task-runner-options.js';
import { buildRunTaskRequest } from './run-task-request.js';
import type { RunTaskRequest } from './run-task-request.js';
import { toPlacementError, toRunTaskCallError } from './run-task-failure.js';
import type { EcsTaskStateChange } from './state-change-event.js';
import { toStoppedTaskResult, toTaskId } from './stopped-task-result.js';
import { createTaskDescriber } from './task-describer.js';
import { isTaskStopped } from './task-state-order.js';
import { toTaskStateChange } from './to-task-state-change.js';

/** The ECS task runner. */
export interface EcsTaskRunner extends Runner {
  /** How many tasks the runner is following now. */
  readonly runningTasks: number;
  /** Cancels the DescribeTasks timer. Call once the watcher has stopped. */
  close(): void;
}

/** DescribeTasks MISSING answers tolerated for a task never seen in an event (ECS is eventually consistent). */
const missingAnswersBeforeFailure = 3;

/** Creates the runner. @throws WatchbotError INVALID_OPTION for a bad option. */
export function createEcsTaskRunner(runnerOptions: EcsTaskRunnerOptions): EcsTaskRunner {
  const options = resolveEcsTaskRunnerOptions(runnerOptions);
  const { ecs, clock, taskEvents, containerName } = options;
  const following = new Map<string, { missing(): void }>();
  const logger = {
    log(entry: LogEntry): void {
      try {
        options.logger.log(entry);
      } catch {
        // A logger that throws must not stop a task from being followed.
      }
    },
  };
  const describer = createTaskDescriber({
    ecs,
    cluster: options.cluster,
    clock,
    logger,
    describeAfterMs: options.describeAfterMs,
    onAnswer: (change) => void taskEvents.deliver(change),
    onMissing: (taskArn) => following.get(taskArn)?.missing(),
  });

  /** RunTask until a task starts, ECS refuses, placement times out, or the job is aborted. */
  const startTask = async (job: WorkerJob, request: RunTaskRequest): Promise<{ task: Task } | { result: WorkerResult }> => {
    const { giveUpAfterMs } = options.capacityRetry;
    const firstTryMs = clock.now();
    const tokenBase = createHash('sha256').update(`${job.message.id}\n${job.message.receiveCount}`).digest('hex').slice(0, 48);
    let attempt = 0;
    let retry = 0;
    let lastFailure: EcsTaskModeError | undefined;
    for (;;) {
      if (job.signal.aborted) return { result: notStarted(job, lastFailure) };
      let failure: EcsTaskModeError;
      try {
        const answer = await ecs.send(new RunTaskCommand({ ...request.input, clientToken: `${tokenBase}-${attempt}` }));
        const task = answer.tasks?.find((candidate) => candidate.taskArn !== undefined);
        if (task !== undefined) return { task };
        failure = toPlacementError(answer.failures ?? []);
        attempt += 1;
      } catch (thrown) {
        const translated = toRunTaskCallError(thrown);
        failure = translated.error;
        // Without an answer the task may have started: the same token makes the retry return it, not start another.
        if (!translated.ambiguous) attempt += 1;
      }
      lastFailure = failure;
      if (!failure.retryable) return { result: { exitCode: null, signal: null, startError: failure } };
      const waitedMs = clock.now() - firstTryMs;
      if (giveUpAfterMs > 0 && waitedMs >= giveUpAfterMs) {
        const error = new EcsTaskModeError(
          ecsTaskModeErrorCodes.PLACEMENT_TIMED_OUT,
          `no ECS task could be started in ${Math.round(waitedMs / 1000)} s (capacityRetry.giveUpAfterMs): ${failure.message}`,
          { cause: failure },
        );
        return { result: { exitCode: null, signal: null, startError: error } };
      }
      const pauseMs = planCapacityPauseMs(retry++, options.capacityRetry, options.random);
      const boundedPauseMs = giveUpAfterMs > 0 ? Math.min(pauseMs, giveUpAfterMs - waitedMs) : pauseMs;
      job.onWarning(`${failure.message}; trying again in ${(boundedPauseMs / 1000).toFixed(1)} s`);
      await sleep(clock, boundedPauseMs, job.signal);
    }
  };

  /** Waits for the task to stop (or ends it when the job is aborted) and reads its result. */
  const followTask = (job: WorkerJob, task: Task & { taskArn: string }): Promise<WorkerResult> =>
    new Promise((resolve) => {
      const taskArn = task.taskArn;
      const taskId = toTaskId(taskArn);
      logger.log({ level: 'info', msg: `started ECS task ${taskId}`, messageId: job.message.id, taskArn });
      let finished = false;
      let aborting = false;
      let seen = false;
      let replayingRunTaskAnswer = false;
      let missingAnswers = 0;
      let stopTimer: ReturnType<typeof clock.setTimeout> | undefined;

      const finish = (result: WorkerResult): void => {
        if (finished) return;
        finished = true;
        job.signal.removeEventListener('abort', onAbort);
        if (stopTimer !== undefined) clock.clearTimeout(stopTimer);
        taskEvents.unregister(taskArn);
        describer.unwatch(taskArn);
        following.delete(taskArn);
        resolve(result);
      };

      const onState = (change: EcsTaskStateChange): void => {
        if (!replayingRunTaskAnswer) {
          seen = true;
          missingAnswers = 0;
        }
        describer.heard(taskArn);
        try {
          options.onTaskState?.(job.message.id, change);
        } catch (error) {
          logger.log({ level: 'error', msg: `the task-state handler failed: ${error instanceof Error ? error.message : String(error)}`, messageId: job.message.id });
        }
        if (!isTaskStopped(change)) return;
        const { result, warning } = toStoppedTaskResult(change, containerName);
        if (warning !== undefined) job.onWarning(warning);
        finish(aborting ? { exitCode: result.exitCode, signal: 'SIGTERM' } : result);
      };

      const onMissing = (): void => {
        missingAnswers += 1;
        if (!seen && missingAnswers < missingAnswersBeforeFailure) return;
        job.onWarning(`ECS task ${taskId} is unknown to ECS (DescribeTasks: MISSING${seen ? '' : `, ${missingAnswers} times`}) and its end was never reported; counted as a failure`);
        finish({ exitCode: null, signal: aborting ? 'SIGTERM' : 'TaskMissing' });
      };

      const onAbort = (): void => void endTask();
      const endTask = async (): Promise<void> => {
        aborting = true;
        const forStop = job.signal.reason === 'stop';
        const reason = forStop ? 'Watchbot: the watcher is stopping; the message goes back to the queue' : 'Watchbot: the job ran past its time limit';
        try {
          await ecs.send(new StopTaskCommand({ cluster: options.cluster, task: taskArn, reason }));
          logger.log({ level: 'info', msg: `asked ECS to stop task ${taskId} (${forStop ? 'the watcher is stopping' : 'time limit'})`, messageId: job.message.id, taskArn });
        } catch (error) {
          logger.log({ level: 'warn', msg: `StopTask failed for task ${taskId} (${error instanceof Error ? error.message : String(error)})`, messageId: job.message.id, taskArn });
        }
        if (finished) return;
        // A stopping watcher must hand the message back before its own container is killed, so it
        // does not wait for the task (which ECS is now stopping) to reach STOPPED.
        if (forStop || options.stopWaitMs === 0) return finish({ exitCode: null, signal: 'SIGTERM' });
        stopTimer = clock.setTimeout(() => {
          job.onWarning(`ECS task ${taskId} had not stopped ${options.stopWaitMs / 1000} s after StopTask; ECS kills it once the container's stop timeout ends`);
          finish({ exitCode: null, signal: 'SIGKILL' });
        }, options.stopWaitMs);
      };

      following.set(taskArn, { missing: onMissing });
      describer.watch(taskArn);
      taskEvents.register(taskArn, onState);
      const answered = toTaskStateChange(task, clock.now(), options.cluster);
      if (answered !== undefined && !finished) {
        replayingRunTaskAnswer = true;
        taskEvents.deliver(answered);
        replayingRunTaskAnswer = false;
      }
      if (finished) return;
      if (job.signal.aborted) onAbort();
      else job.signal.addEventListener('abort', onAbort, { once: true });
    });

  const run = async (job: WorkerJob): Promise<WorkerResult> => {
    if (job.signal.aborted) return { exitCode: null, signal: null };
    let request: RunTaskRequest;
    try {
      request = buildRunTaskRequest(options, job.message, '');
    } catch (error) {
      return { exitCode: null, signal: null, startError: error instanceof Error ? error : new Error(String(error)) };
    }
    for (const warning of request.warnings) job.onWarning(warning);
    const started = await startTask(job, request);
    if ('result' in started) return started.result;
    return followTask(job, started.task as Task & { taskArn: string });
  };

  return {
    async run(job) {
      try {
        return await run(job);
      } catch (error) {
        // The runner port never rejects: anything unforeseen fails this message only.
        return { exitCode: null, signal: null, startError: error instanceof Error ? error : new Error(String(error)) };
      }
    },
    get runningTasks() {
      return following.size;
    },
    close() {
      describer.close();
    },
  };
}

/** The result for a job aborted before any task started. */
function notStarted(job: WorkerJob, lastFailure: EcsTaskModeError | undefined): WorkerResult {
  const why = job.signal.reason === 'stop' ? 'the watcher stopped' : 'the job timed out';
  const error = new EcsTaskModeError(
    ecsTaskModeErrorCodes.TASK_NOT_PLACED,
    `no ECS task was started before ${why}${lastFailure === undefined ? '' : ` (last: ${lastFailure.message})`}`,
    lastFailure === undefined ? {} : { cause: lastFailure, retryable: true },
  );
  return { exitCode: null, signal: null, startError: error };
}

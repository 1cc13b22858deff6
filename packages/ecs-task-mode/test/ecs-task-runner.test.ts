import {
  AccessDeniedException,
  ClientException,
  DescribeTasksCommand,
  ECSServiceException,
  RunTaskCommand,
  StopTaskCommand,
} from '@aws-sdk/client-ecs';
import type { DescribeTasksCommandInput, RunTaskCommandInput } from '@aws-sdk/client-ecs';
import { afterEach, describe, expect, it } from 'vitest';
import { createEcsTaskRunner, createTaskEventRouter, ecsTaskModeErrorCodes, isEcsTaskModeError } from '../src/index.js';
import { toEventBody, toTask, toTaskArn } from './ecs-events.js';
import { createRunnerHarness } from './runner-harness.js';

type Harness = ReturnType<typeof createRunnerHarness>;
let harnesses: Harness[] = [];
afterEach(async () => {
  await Promise.all(harnesses.map((harness) => harness.close()));
  harnesses = [];
});

function setup(options: Parameters<typeof createRunnerHarness>[0] = {}): Harness {
  const harness = createRunnerHarness(options);
  harnesses.push(harness);
  return harness;
}

/** RunTask answers with a new PROVISIONING task each call: task ARNs 1, 2, 3 … */
function answerRunTask(harness: Harness): void {
  let next = 0;
  harness.ecsMock.on(RunTaskCommand).callsFake(() => ({
    tasks: [toTask({ taskArn: toTaskArn(++next), lastStatus: 'PROVISIONING', version: 1, timeMs: harness.clock.now() })],
    failures: [],
  }));
}

function runTaskInputs(harness: Harness): RunTaskCommandInput[] {
  return harness.ecsMock.commandCalls(RunTaskCommand).map((call) => call.args[0].input);
}

const throttled = () => new ECSServiceException({ name: 'ThrottlingException', $fault: 'client', $metadata: { httpStatusCode: 400 }, message: 'Rate exceeded' });

describe('the RunTask request', () => {
  it('runs one task of the task definition with the worker variables as its environment', async () => {
    const harness = setup({
      launchType: 'FARGATE',
      networkConfiguration: { subnets: ['subnet-0123456789abcdef0'], securityGroups: ['sg-0123456789abcdef0'] },
      platformVersion: '1.4.0',
      group: 'watchbot-jobs',
      startedBy: 'watchbot/demo',
    });
    answerRunTask(harness);
    const { job } = harness.start('{"image":"s3://bucket/42.png"}', { id: 'msg-42', receiveCount: 2, subject: 'resize' });
    await harness.clock.settle();
    const [input] = runTaskInputs(harness);
    expect(input).toMatchObject({
      cluster: 'watchbot',
      taskDefinition: 'demo-worker:3',
      count: 1,
      launchType: 'FARGATE',
      platformVersion: '1.4.0',
      group: 'watchbot-jobs',
      startedBy: 'watchbot/demo',
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-0123456789abcdef0'], securityGroups: ['sg-0123456789abcdef0'], assignPublicIp: 'DISABLED' } },
      tags: [{ key: 'watchbot:message-id', value: 'msg-42' }],
    });
    expect(input!.capacityProviderStrategy).toBeUndefined();
    const overrides = input!.overrides!.containerOverrides!;
    expect(overrides).toHaveLength(1);
    expect(overrides[0]!.name).toBe('worker');
    expect(Object.fromEntries(overrides[0]!.environment!.map(({ name, value }) => [name, value]))).toEqual({
      Message: '{"image":"s3://bucket/42.png"}',
      Subject: 'resize',
      MessageId: 'msg-42',
      ApproximateReceiveCount: '2',
      SentTimestamp: new Date(job.message.sentAtMs).toISOString(),
      ApproximateFirstReceiveTimestamp: new Date(job.message.firstReceivedAtMs).toISOString(),
    });
    expect(input!.clientToken).toMatch(/^[\x21-\x7e]{1,64}$/);
  });

  it('uses a capacity provider strategy instead of a launch type when given one', async () => {
    const harness = setup({ capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 3 }, { capacityProvider: 'FARGATE', weight: 1, base: 1 }] });
    answerRunTask(harness);
    harness.start('job');
    await harness.clock.settle();
    const [input] = runTaskInputs(harness);
    expect(input!.capacityProviderStrategy).toEqual([
      { capacityProvider: 'FARGATE_SPOT', weight: 3 },
      { capacityProvider: 'FARGATE', weight: 1, base: 1 },
    ]);
    expect(input!.launchType).toBeUndefined();
    expect(input!.networkConfiguration).toBeUndefined();
  });

  it('adds the extra variables, letting the worker variables win a clash', async () => {
    const harness = setup({ environment: (message) => ({ WorkTopic: 'arn:aws:sns:us-east-1:111122223333:work', MessageId: 'not this', Stage: `job-${message.receiveCount}` }) });
    answerRunTask(harness);
    harness.start('job', { id: 'the-id' });
    await harness.clock.settle();
    const variables = Object.fromEntries(runTaskInputs(harness)[0]!.overrides!.containerOverrides![0]!.environment!.map(({ name, value }) => [name, value]));
    expect(variables).toMatchObject({ WorkTopic: 'arn:aws:sns:us-east-1:111122223333:work', MessageId: 'the-id', Stage: 'job-1' });
  });

  it('fails a message too large for the overrides clearly, without calling RunTask', async () => {
    const harness = setup();
    answerRunTask(harness);
    const small = harness.start('x'.repeat(7000));
    const large = harness.start('x'.repeat(8000));
    await harness.clock.settle();
    expect(runTaskInputs(harness)).toHaveLength(1);
    expect(small.settled()).toBeUndefined();
    const result = await large.result;
    expect(result.exitCode).toBeNull();
    expect(isEcsTaskModeError(result.startError, ecsTaskModeErrorCodes.OVERRIDES_TOO_LARGE)).toBe(true);
    expect(result.startError!.message).toMatch(/need \d+ bytes of RunTask overrides and ECS accepts at most 8192; .* the body may hold about \d+ bytes/);
    // The room it reports is exact: a body of that size runs, one byte more does not.
    const room = Number(/about (\d+) bytes/.exec(result.startError!.message)![1]);
    const fits = harness.start('x'.repeat(room));
    const overflows = harness.start('x'.repeat(room + 1));
    await harness.clock.settle();
    expect(runTaskInputs(harness)).toHaveLength(2);
    expect(fits.settled()).toBeUndefined();
    expect((await overflows.result).startError!.message).toMatch(/need 8193 bytes/);
  });

  it('fails a body holding a NUL byte, which no container variable can carry', async () => {
    const harness = setup();
    answerRunTask(harness);
    const result = await harness.start('a\0b').result;
    expect(result.startError!.message).toMatch(/NUL byte/);
    expect(runTaskInputs(harness)).toHaveLength(0);
  });
});

describe('the task to its result', () => {
  it("resolves with the worker container's exit code when the task stops, reporting every state", async () => {
    const harness = setup();
    answerRunTask(harness);
    const job = harness.start('job', { id: 'm1' });
    await harness.clock.settle();
    const taskArn = toTaskArn(1);
    await harness.emit(toEventBody({ taskArn, lastStatus: 'PENDING', version: 2, timeMs: harness.clock.now() }));
    await harness.emit(toEventBody({ taskArn, lastStatus: 'RUNNING', version: 3, timeMs: harness.clock.now() }));
    expect(job.settled()).toBeUndefined();
    await harness.emit(toEventBody({ taskArn, lastStatus: 'STOPPED', version: 6, exitCode: 3, stopCode: 'EssentialContainerExited', stoppedReason: 'Essential container in task exited', timeMs: harness.clock.now() }));
    expect(await job.result).toEqual({ exitCode: 3, signal: null });
    expect(job.warnings).toEqual([]);
    expect(harness.states.map(({ messageId, change }) => `${messageId} ${change.lastStatus}`)).toEqual(['m1 PROVISIONING', 'm1 PENDING', 'm1 RUNNING', 'm1 STOPPED']);
    expect(harness.runner.runningTasks).toBe(0);
  });

  it('counts a task that stopped before its container ran as a failure, with the reason as a warning', async () => {
    const harness = setup();
    answerRunTask(harness);
    const job = harness.start('job');
    await harness.clock.settle();
    const reason = 'CannotPullContainerError: pull image manifest has been retried 5 time(s)';
    await harness.emit(toEventBody({ taskArn: toTaskArn(1), lastStatus: 'STOPPED', version: 5, stopCode: 'TaskFailedToStart', stoppedReason: reason, containerReason: reason, timeMs: harness.clock.now() }));
    expect(await job.result).toEqual({ exitCode: null, signal: 'TaskFailedToStart' });
    expect(job.warnings).toEqual([expect.stringMatching(/^ECS task 0+1 stopped before container worker exited \(TaskFailedToStart: CannotPullContainerError/)]);
  });

  it('reports an out-of-memory kill and a Spot interruption as warnings next to the exit code', async () => {
    const harness = setup();
    answerRunTask(harness);
    const oom = harness.start('a');
    const spot = harness.start('b');
    await harness.clock.settle();
    await harness.emit(
      toEventBody({ taskArn: toTaskArn(1), lastStatus: 'STOPPED', version: 6, exitCode: 137, containerReason: 'OutOfMemoryError: Container killed due to memory usage', stopCode: 'EssentialContainerExited', timeMs: harness.clock.now() }),
      toEventBody({ taskArn: toTaskArn(2), lastStatus: 'STOPPED', version: 7, exitCode: 143, stopCode: 'SpotInterruption', stoppedReason: 'Your Spot Task was interrupted.', timeMs: harness.clock.now() }),
    );
    expect(await oom.result).toEqual({ exitCode: 137, signal: null });
    expect(oom.warnings[0]).toMatch(/container worker exited 137 \(OutOfMemoryError: Container killed due to memory usage\)/);
    expect(await spot.result).toEqual({ exitCode: 143, signal: null });
    expect(spot.warnings[0]).toMatch(/stopped \(SpotInterruption: Your Spot Task was interrupted\.\)/);
  });

  it('keeps following the task when the state handler throws', async () => {
    const harness = setup({
      onTaskState: () => {
        throw new Error('history store down');
      },
    });
    answerRunTask(harness);
    const job = harness.start('job');
    await harness.clock.settle();
    await harness.emit(toEventBody({ taskArn: toTaskArn(1), lastStatus: 'STOPPED', version: 6, exitCode: 0, timeMs: harness.clock.now() }));
    expect(await job.result).toEqual({ exitCode: 0, signal: null });
    expect(harness.logs.some((entry) => entry.level === 'error' && entry.msg.includes('history store down'))).toBe(true);
  });
});

describe('RunTask failures', () => {
  it('retries a task ECS could not place (RESOURCE:MEMORY) after a backoff on the clock, and runs it', async () => {
    const harness = setup({ capacityRetry: { initialMs: 5000, maxMs: 60_000 } });
    let calls = 0;
    harness.ecsMock.on(RunTaskCommand).callsFake(() =>
      ++calls === 1
        ? { tasks: [], failures: [{ arn: 'arn:aws:ecs:us-east-1:111122223333:container-instance/watchbot/abc', reason: 'RESOURCE:MEMORY' }] }
        : { tasks: [toTask({ taskArn: toTaskArn(1), lastStatus: 'PROVISIONING', version: 1, timeMs: harness.clock.now() })] },
    );
    const job = harness.start('job');
    await harness.clock.advance(4999);
    expect(calls).toBe(1);
    expect(job.warnings).toEqual(['ECS could not place the task yet (RESOURCE:MEMORY); trying again in 5.0 s']);
    await harness.clock.advance(1);
    expect(calls).toBe(2);
    await harness.emit(toEventBody({ taskArn: toTaskArn(1), lastStatus: 'STOPPED', version: 6, exitCode: 0, timeMs: harness.clock.now() }));
    expect(await job.result).toEqual({ exitCode: 0, signal: null });
  });

  it('retries throttling and Fargate capacity shortages with growing pauses, until the job is aborted', async () => {
    const harness = setup({ capacityRetry: { initialMs: 1000, maxMs: 8000, giveUpAfterMs: 0 } });
    let calls = 0;
    harness.ecsMock.on(RunTaskCommand).callsFake(() => {
      calls += 1;
      if (calls % 2 === 0) throw throttled();
      return { failures: [{ reason: 'Capacity is unavailable at this time. Please try again later or in a different availability zone' }] };
    });
    const job = harness.start('job');
    // Pauses of 1, 2, 4, 8, 8 … s: about 3 + 10 calls in 90 s, not thousands.
    await harness.clock.advance(90_000);
    expect(calls).toBeGreaterThanOrEqual(10);
    expect(calls).toBeLessThanOrEqual(16);
    expect(job.settled()).toBeUndefined();
    job.abort('timeout');
    const result = await job.result;
    expect(result.exitCode).toBeNull();
    expect(isEcsTaskModeError(result.startError, ecsTaskModeErrorCodes.TASK_NOT_PLACED)).toBe(true);
    expect(result.startError!.message).toMatch(/^no ECS task was started before the job timed out \(last: /);
  });

  it('gives up after capacityRetry.giveUpAfterMs with PLACEMENT_TIMED_OUT', async () => {
    const harness = setup({ capacityRetry: { initialMs: 1000, maxMs: 10_000, giveUpAfterMs: 60_000 } });
    harness.ecsMock.on(RunTaskCommand).resolves({ failures: [{ reason: 'RESOURCE:CPU' }] });
    const job = harness.start('job');
    await harness.clock.advance(60_000);
    const result = await job.result;
    expect(isEcsTaskModeError(result.startError, ecsTaskModeErrorCodes.PLACEMENT_TIMED_OUT)).toBe(true);
    expect(result.startError!.message).toMatch(/no ECS task could be started in 60 s \(capacityRetry.giveUpAfterMs\): ECS could not place the task yet \(RESOURCE:CPU\)/);
  });

  it.each([
    ['access denied', () => new AccessDeniedException({ $metadata: { httpStatusCode: 400 }, message: 'User is not authorized to perform: ecs:RunTask' }), /ECS refused to run the task \(AccessDeniedException: User is not authorized/],
    ['an inactive task definition', () => new ClientException({ $metadata: { httpStatusCode: 400 }, message: 'TaskDefinition is inactive' }), /ClientException: TaskDefinition is inactive/],
  ])('ends the job at once on %s, with a clear start error', async (_name, error, message) => {
    const harness = setup();
    harness.ecsMock.on(RunTaskCommand).rejects(error());
    const result = await harness.start('job').result;
    expect(result).toMatchObject({ exitCode: null, signal: null });
    expect(isEcsTaskModeError(result.startError, ecsTaskModeErrorCodes.RUN_TASK_REFUSED)).toBe(true);
    expect(result.startError!.message).toMatch(message);
    expect(runTaskInputs(harness)).toHaveLength(1);
  });

  it('ends the job at once on a failure no capacity can cure (MISSING)', async () => {
    const harness = setup();
    harness.ecsMock.on(RunTaskCommand).resolves({ failures: [{ arn: 'arn:aws:ecs:us-east-1:111122223333:cluster/watchbot', reason: 'MISSING' }] });
    const result = await harness.start('job').result;
    expect(result.startError!.message).toBe('ECS refused to run the task (MISSING)');
  });

  it('retries a call that got no answer with the same idempotency token, and a refused one with a new token', async () => {
    const harness = setup();
    let calls = 0;
    harness.ecsMock.on(RunTaskCommand).callsFake(() => {
      calls += 1;
      if (calls === 1) throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      if (calls === 2) return { failures: [{ reason: 'RESOURCE:CPU' }] };
      return { tasks: [toTask({ taskArn: toTaskArn(1), lastStatus: 'PROVISIONING', timeMs: harness.clock.now() })] };
    });
    harness.start('job');
    await harness.clock.advance(10_000);
    const tokens = runTaskInputs(harness).map((input) => input.clientToken);
    expect(tokens).toHaveLength(3);
    expect(tokens[1]).toBe(tokens[0]);
    expect(tokens[2]).not.toBe(tokens[1]);
  });
});

describe('the DescribeTasks fallback', () => {
  it('asks about every silent task in one call after describeAfterMs, and settles the ones that stopped', async () => {
    const harness = setup({ describeAfterMs: 60_000 });
    answerRunTask(harness);
    harness.ecsMock.on(DescribeTasksCommand).callsFake((input: DescribeTasksCommandInput) => ({
      tasks: input.tasks!.map((taskArn) =>
        taskArn === toTaskArn(2)
          ? toTask({ taskArn, lastStatus: 'STOPPED', version: 6, exitCode: 4, stopCode: 'EssentialContainerExited', timeMs: harness.clock.now() })
          : toTask({ taskArn, lastStatus: 'RUNNING', version: 3, timeMs: harness.clock.now() }),
      ),
      failures: [],
    }));
    const jobs = [harness.start('a'), harness.start('b'), harness.start('c')];
    await harness.clock.advance(59_999);
    expect(harness.ecsMock.commandCalls(DescribeTasksCommand)).toHaveLength(0);
    await harness.clock.advance(1);
    const calls = harness.ecsMock.commandCalls(DescribeTasksCommand);
    expect(calls).toHaveLength(1);
    expect([...calls[0]!.args[0].input.tasks!].sort()).toEqual([toTaskArn(1), toTaskArn(2), toTaskArn(3)]);
    expect(calls[0]!.args[0].input.cluster).toBe('watchbot');
    expect(await jobs[1]!.result).toEqual({ exitCode: 4, signal: null });
    expect(jobs[0]!.settled()).toBeUndefined();
    await harness.clock.advance(60_000);
    expect(harness.ecsMock.commandCalls(DescribeTasksCommand)).toHaveLength(2);
    expect(harness.ecsMock.commandCalls(DescribeTasksCommand)[1]!.args[0].input.tasks).toHaveLength(2);
  });

  it('asks about at most 100 tasks per call', async () => {
    const harness = setup();
    answerRunTask(harness);
    harness.ecsMock.on(DescribeTasksCommand).callsFake((input: DescribeTasksCommandInput) => ({
      tasks: input.tasks!.map((taskArn) => toTask({ taskArn, lastStatus: 'RUNNING', version: 3, timeMs: harness.clock.now() })),
    }));
    for (let i = 0; i < 150; i++) harness.start(`job ${i}`);
    await harness.clock.advance(60_000);
    expect(harness.ecsMock.commandCalls(DescribeTasksCommand).map((call) => call.args[0].input.tasks!.length)).toEqual([100, 50]);
  });

  it('does not ask about a task whose events keep arriving', async () => {
    const harness = setup({ describeAfterMs: 60_000 });
    answerRunTask(harness);
    harness.ecsMock.on(DescribeTasksCommand).resolves({ tasks: [] });
    harness.start('job');
    await harness.clock.advance(40_000);
    await harness.emit(toEventBody({ taskArn: toTaskArn(1), lastStatus: 'PENDING', version: 2, timeMs: harness.clock.now() }));
    await harness.clock.advance(40_000);
    await harness.emit(toEventBody({ taskArn: toTaskArn(1), lastStatus: 'RUNNING', version: 3, timeMs: harness.clock.now() }));
    await harness.clock.advance(40_000);
    expect(harness.ecsMock.commandCalls(DescribeTasksCommand)).toHaveLength(0);
  });

  it('fails a task that ECS no longer knows after it had been seen', async () => {
    const harness = setup();
    answerRunTask(harness);
    harness.ecsMock.on(DescribeTasksCommand).callsFake((input: DescribeTasksCommandInput) => ({ failures: input.tasks!.map((arn) => ({ arn, reason: 'MISSING' })) }));
    const job = harness.start('job');
    await harness.clock.settle();
    await harness.emit(toEventBody({ taskArn: toTaskArn(1), lastStatus: 'RUNNING', version: 3, timeMs: harness.clock.now() }));
    await harness.clock.advance(60_000);
    expect(await job.result).toEqual({ exitCode: null, signal: 'TaskMissing' });
    expect(job.warnings[0]).toMatch(/ECS task 0+1 is unknown to ECS \(DescribeTasks: MISSING\) and its end was never reported; counted as a failure/);
  });

  it('gives a task never seen in any event three MISSING answers before failing it (ECS is eventually consistent)', async () => {
    const harness = setup();
    answerRunTask(harness);
    harness.ecsMock.on(DescribeTasksCommand).callsFake((input: DescribeTasksCommandInput) => ({ failures: input.tasks!.map((arn) => ({ arn, reason: 'MISSING' })) }));
    const job = harness.start('job');
    await harness.clock.advance(120_000);
    expect(job.settled()).toBeUndefined();
    await harness.clock.advance(60_000);
    expect(await job.result).toEqual({ exitCode: null, signal: 'TaskMissing' });
  });

  it('logs a failed DescribeTasks and asks again an interval later, not at once', async () => {
    const harness = setup();
    answerRunTask(harness);
    harness.ecsMock.on(DescribeTasksCommand).rejects(throttled());
    harness.start('job');
    await harness.clock.advance(300_000);
    expect(harness.ecsMock.commandCalls(DescribeTasksCommand)).toHaveLength(5);
    expect(harness.logs.find((entry) => entry.level === 'warn')!.msg).toBe('DescribeTasks failed for 1 task(s) (Rate exceeded); asking again in 60 s');
  });
});

describe('aborting a job', () => {
  it('on a timeout, stops the task with a reason and resolves once it has stopped', async () => {
    const harness = setup();
    answerRunTask(harness);
    harness.ecsMock.on(StopTaskCommand).resolves({});
    const job = harness.start('job');
    await harness.clock.settle();
    await harness.emit(toEventBody({ taskArn: toTaskArn(1), lastStatus: 'RUNNING', version: 3, timeMs: harness.clock.now() }));
    job.abort('timeout');
    await harness.clock.settle();
    expect(harness.ecsMock.commandCalls(StopTaskCommand).map((call) => call.args[0].input)).toEqual([
      { cluster: 'watchbot', task: toTaskArn(1), reason: 'Watchbot: the job ran past its time limit' },
    ]);
    expect(job.settled()).toBeUndefined();
    await harness.emit(toEventBody({ taskArn: toTaskArn(1), lastStatus: 'STOPPED', version: 7, exitCode: 143, stopCode: 'UserInitiated', stoppedReason: 'Watchbot: the job ran past its time limit', timeMs: harness.clock.now() }));
    expect(await job.result).toEqual({ exitCode: 143, signal: 'SIGTERM' });
  });

  it('on a timeout, gives up waiting after stopWaitMs and reports SIGKILL', async () => {
    const harness = setup({ stopWaitMs: 30_000 });
    answerRunTask(harness);
    harness.ecsMock.on(StopTaskCommand).resolves({});
    const job = harness.start('job');
    await harness.clock.settle();
    job.abort('timeout');
    await harness.clock.advance(30_000);
    expect(await job.result).toEqual({ exitCode: null, signal: 'SIGKILL' });
    expect(job.warnings.at(-1)).toMatch(/had not stopped 30 s after StopTask/);
  });

  it('when the watcher stops, stops the task and resolves at once so the message can be handed back', async () => {
    const harness = setup();
    answerRunTask(harness);
    harness.ecsMock.on(StopTaskCommand).resolves({});
    const job = harness.start('job');
    await harness.clock.settle();
    job.abort('stop');
    await harness.clock.settle();
    expect(await job.result).toEqual({ exitCode: null, signal: 'SIGTERM' });
    expect(harness.ecsMock.commandCalls(StopTaskCommand)[0]!.args[0].input.reason).toBe('Watchbot: the watcher is stopping; the message goes back to the queue');
  });

  it('stops a task whose RunTask answer arrives after the job was aborted', async () => {
    const harness = setup();
    let answer: (() => void) | undefined;
    harness.ecsMock.on(RunTaskCommand).callsFake(
      () => new Promise((resolve) => (answer = () => resolve({ tasks: [toTask({ taskArn: toTaskArn(9), lastStatus: 'PROVISIONING', timeMs: harness.clock.now() })] }))),
    );
    harness.ecsMock.on(StopTaskCommand).resolves({});
    const job = harness.start('job');
    await harness.clock.settle();
    job.abort('stop');
    answer!();
    expect(await job.result).toEqual({ exitCode: null, signal: 'SIGTERM' });
    expect(harness.ecsMock.commandCalls(StopTaskCommand)[0]!.args[0].input.task).toBe(toTaskArn(9));
  });

  it('keeps waiting (bounded) when StopTask itself fails, and logs it', async () => {
    const harness = setup({ stopWaitMs: 10_000 });
    answerRunTask(harness);
    harness.ecsMock.on(StopTaskCommand).rejects(throttled());
    const job = harness.start('job');
    await harness.clock.settle();
    job.abort('timeout');
    await harness.clock.advance(10_000);
    expect((await job.result).signal).toBe('SIGKILL');
    expect(harness.logs.some((entry) => entry.level === 'warn' && /StopTask failed for task 0+1 \(Rate exceeded\)/.test(entry.msg))).toBe(true);
  });
});

describe('options', () => {
  it.each([
    [{ launchType: 'FARGATE' as const, capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT' }] }, 'launchType: "FARGATE" is not valid; expected no value with capacityProviderStrategy (ECS accepts one or the other)'],
    [{ containerName: '' }, `containerName: "" is not valid; expected the name of the worker's container in the task definition`],
    [{ describeAfterMs: 10 }, 'describeAfterMs: 10 is not valid; expected a whole number of ms from 1000 to 3600000'],
    [{ startedBy: 'watchbot demo' }, 'startedBy: "watchbot demo" is not valid; expected letters, digits, -, _ and /, 1 to 128'],
    [{ capacityRetry: { initialMs: 5000, maxMs: 1000 } }, 'capacityRetry.maxMs: 1000 is not valid; expected a whole number of ms (at least initialMs) from 5000 to 3600000'],
  ])('refuses %j with one line naming the option', (bad, message) => {
    const harness = setup();
    expect(() =>
      createEcsTaskRunner({ ecs: harness.ecs, cluster: 'watchbot', taskDefinition: 'demo-worker', containerName: 'worker', taskEvents: createTaskEventRouter({ queue: harness.events, clock: harness.clock }), clock: harness.clock, logger: { log: () => undefined }, ...bad }),
    ).toThrow(message);
  });
});

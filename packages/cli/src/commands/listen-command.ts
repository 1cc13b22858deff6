/**
 * `watchbot listen <command…>`: the container entrypoint. Configured from the environment
 * exactly like the original's (`QueueUrl`, `maxJobDuration`, `Volumes`, `structuredLogging`,
 * `writableFilesystem`, `Fifo`), plus `concurrency`, `WorkTopic` and `LogGroup`, job history
 * and webhook variables, and ECS-task mode (`WatchbotTaskMode=true` and the `WatchbotTask*`
 * variables: each message runs as its own ECS task, and the command is the task definition's).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCliLogger } from '../cli-logger.js';
import type { CommandDefinition } from '../command-definition.js';
import { readListenJobHistory } from '../job-history-options.js';
import { listenVariables, readListenEnvironment } from '../listen-environment.js';
import { readRest } from '../parsed-arguments.js';
import { readListenTaskMode } from '../task-mode-options.js';
import { UsageError } from '../usage-error.js';
import { invalidOption } from '@watchbot/core';
import { createVolumeCleaningRunner } from '../volume-cleaning-runner.js';
import { watchQueue } from '../watch-queue.js';

/** The `listen` command. */
export const listenCommand: CommandDefinition = {
  name: 'listen',
  command: 'listen',
  describe: 'Run the watcher configured from the environment (the container entrypoint)',
  configure: (yargs) =>
    yargs
      .usage(
        [
          '$0 listen <command…>',
          '',
          'Everything after "listen" is the worker command. Settings come from the environment:',
          '',
          ...Object.entries(listenVariables).map(([name, meaning]) => `  ${name.padEnd(24)}${meaning}`),
          '',
          'ECS-task mode (each message runs as its own ECS task; docs/ecs-task-mode.md):',
          '',
          '  WatchbotTaskMode=true, WatchbotTaskEventsQueueUrl, WatchbotTaskCluster, WatchbotTaskDefinition,',
          '  WatchbotTaskContainer, WatchbotTaskLaunchType or WatchbotTaskCapacityProviders, WatchbotTaskSubnets,',
          '  WatchbotTaskSecurityGroups, WatchbotTaskAssignPublicIp, WatchbotTaskStartedBy',
          '',
          'A bad variable is reported in one line and nothing starts.',
        ].join('\n'),
      )
      .example('QueueUrl=jobs $0 listen ./worker.sh', 'watch ./.watchbot/jobs.db')
      .example('QueueUrl=jobs writableFilesystem=true $0 listen node worker.js', 'process one message, then exit')
      .example('WatchbotTaskMode=true WatchbotTaskCluster=prod … $0 listen ./worker.sh', 'one ECS task per message (the template sets the variables)')
      .epilog('Exit status: 0 after a clean stop (SIGTERM/SIGINT) or the one message of writableFilesystem, 1 on a fatal queue error, 2 on a bad variable.'),
  async execute(args, io) {
    const config = readListenEnvironment(io.env, io.cwd);
    const taskMode = await readListenTaskMode(io.env, io.cwd);
    const words = readRest(args);
    if (words.length === 0 && taskMode === undefined) throw new UsageError('listen: no worker command given, e.g. watchbot listen ./worker.sh');
    if (taskMode !== undefined && config.writableFilesystem) {
      throw invalidOption('writableFilesystem', io.env.writableFilesystem ?? '', 'false in task mode (WatchbotTaskMode=true): each message already runs in a fresh ECS task');
    }
    const logger = createCliLogger({ format: config.logFormat, stdout: io.stdout });
    if (taskMode !== undefined && words.length > 0) {
      logger.log({ level: 'info', msg: `task mode: "${words.join(' ')}" is not run here; each message runs as a task of ${taskMode.runner.taskDefinition}, whose container ${taskMode.runner.containerName} has the command` });
    }
    const jobHistory = readListenJobHistory(config.jobTable, config.jobHistoryDays, config.address);
    // In task mode no work happens in this container: there is nothing to clean.
    const cleanVolumes = config.volumes.length > 0 && !config.writableFilesystem && taskMode === undefined;
    // Message files live outside the volumes' cleaning: a folder of our own, kept and removed at the end.
    const messageFileDirectory = cleanVolumes ? await mkdtemp(join(tmpdir(), 'watchbot-messages-')) : undefined;
    try {
      return await watchQueue({
        io,
        address: config.address,
        addressOption: 'QueueUrl',
        ...(taskMode === undefined ? { command: words.join(' ') } : { taskMode }),
        logger,
        // structuredLogging=true (JSON logs, the ECS set-up) also writes the EMF metric lines.
        metrics: config.logFormat === 'json',
        settings: {
          concurrency: config.concurrency,
          maxJobDurationSeconds: config.maxJobDurationSeconds,
          stopTimeoutSeconds: config.stopTimeoutSeconds,
          ...(config.writableFilesystem && { maxMessages: 1 }),
        },
        ...(config.notificationTopic !== undefined && { notificationTopicArn: config.notificationTopic }),
        ...(jobHistory !== undefined && { jobHistory }),
        ...(config.notificationWebhook !== undefined && { notifyWebhookUrl: config.notificationWebhook }),
        resources: {
          ...(config.workTopic !== undefined && { WorkTopic: config.workTopic }),
          ...(config.logGroup !== undefined && { LogGroup: config.logGroup }),
        },
        ...(messageFileDirectory !== undefined && {
          messageFileDirectory,
          decorateRunner: (runner) =>
            createVolumeCleaningRunner(runner, {
              volumes: config.volumes,
              keep: [messageFileDirectory],
              onError: (line) => logger.log({ level: 'warn', msg: line }),
            }),
        }),
      });
    } finally {
      if (messageFileDirectory !== undefined) await rm(messageFileDirectory, { recursive: true, force: true });
    }
  },
};

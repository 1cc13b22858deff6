/**
 * `watchbot listen <command…>`: the container entrypoint. Configured from the environment
 * exactly like the original's (`QueueUrl`, `maxJobDuration`, `Volumes`, `structuredLogging`,
 * `writableFilesystem`, `Fifo`), plus `concurrency`, `WorkTopic` and `LogGroup`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCliLogger } from '../cli-logger.js';
import type { CommandDefinition } from '../command-definition.js';
import { listenVariables, readListenEnvironment } from '../listen-environment.js';
import { readRest } from '../parsed-arguments.js';
import { UsageError } from '../usage-error.js';
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
          ...Object.entries(listenVariables).map(([name, meaning]) => `  ${name.padEnd(19)}${meaning}`),
          '',
          'A bad variable is reported in one line and nothing starts.',
        ].join('\n'),
      )
      .example('QueueUrl=jobs $0 listen ./worker.sh', 'watch ./.watchbot/jobs.db')
      .example('QueueUrl=jobs writableFilesystem=true $0 listen node worker.js', 'process one message, then exit')
      .epilog('Exit status: 0 after a clean stop (SIGTERM/SIGINT) or the one message of writableFilesystem, 1 on a fatal queue error, 2 on a bad variable.'),
  async execute(args, io) {
    const config = readListenEnvironment(io.env, io.cwd);
    const words = readRest(args);
    if (words.length === 0) throw new UsageError('listen: no worker command given, e.g. watchbot listen ./worker.sh');
    const logger = createCliLogger({ format: config.logFormat, stdout: io.stdout });
    const cleanVolumes = config.volumes.length > 0 && !config.writableFilesystem;
    // Message files live outside the volumes' cleaning: a folder of our own, kept and removed at the end.
    const messageFileDirectory = cleanVolumes ? await mkdtemp(join(tmpdir(), 'watchbot-messages-')) : undefined;
    try {
      return await watchQueue({
        io,
        address: config.address,
        addressOption: 'QueueUrl',
        command: words.join(' '),
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

/** `watchbot status`: how many messages are where, and the latest notifications. */
import { existsSync } from 'node:fs';
import type { CommandDefinition } from '../command-definition.js';
import type { QueueStatus } from '../format-status.js';
import { formatStatusJson, formatStatusText } from '../format-status.js';
import { openQueue } from '../open-queue.js';
import { readBoolean, readWholeNumber } from '../parsed-arguments.js';
import { queueLocationOptions, resolveQueueLocation } from '../queue-location.js';

/** The `status` command. */
export const statusCommand: CommandDefinition = {
  name: 'status',
  command: 'status',
  describe: 'Show how many messages are visible, in flight, delayed and dead-lettered, and recent notifications',
  configure: (yargs) =>
    yargs
      .usage('$0 status [options]\n\nCounts the messages in each state and lists the latest rejections, failures and dead letters.')
      .options({
        ...queueLocationOptions,
        notifications: { requiresArg: true, describe: 'how many recent notifications to list, 0 to 1000', defaultDescription: '10' },
        json: { type: 'boolean', describe: 'print one JSON object: {queue, path, exists, visible, inFlight, delayed, deadLettered, notifications}' },
      })
      .example('$0 status', 'the default queue')
      .example('$0 status --queue jobs --json', 'for scripts')
      .example('$0 status --stack my-service --region us-east-1', "the queue of a deployed stack, found from the stack's outputs")
      .epilog('Exit status: 0, or 2 on a usage error, 1 when the queue cannot be read.'),
  async execute(args, io) {
    const limit = readWholeNumber(args, 'notifications', { min: 0, max: 1000 }, 10);
    const { address } = await resolveQueueLocation(args, io);
    let status: QueueStatus;
    if (address.kind === 'sqlite' && !existsSync(address.path)) {
      // Reading a queue must not create it: a typo in --queue shows an empty, uncreated queue.
      status = { queue: address.label, path: address.path, exists: false, counts: { visible: 0, inFlight: 0, delayed: 0, deadLettered: 0 }, notifications: [] };
    } else {
      const queue = await openQueue(address);
      try {
        status = {
          queue: address.label,
          path: address.kind === 'sqlite' ? address.path : address.url,
          exists: true,
          counts: await queue.getCounts(),
          notifications: limit === 0 ? [] : [...(await queue.recentNotifications(limit))],
          ...(address.kind === 'sqs' && {
            notificationsNote: 'counts are approximate (SQS); notifications are not kept for SQS queues: they are published to the stack\'s notification topic',
          }),
        };
      } finally {
        await queue.close();
      }
    }
    io.stdout.write(readBoolean(args, 'json') ? `${formatStatusJson(status)}\n` : formatStatusText(status));
    return 0;
  },
};

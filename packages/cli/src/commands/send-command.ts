/** `watchbot send`: put messages on a queue, from arguments, the lines of a file, or one whole file. */
import { invalidOption } from '@watchbot/core';
import type { OutgoingMessage } from '@watchbot/core';
import type { SnsPublisher } from '@watchbot/sqs-adapter';
import type { CommandDefinition, ParsedArguments } from '../command-definition.js';
import type { CliIo } from '../cli-io.js';
import { checkBodySize, decodeMessageBody } from '../message-body.js';
import { toLineMessages } from '../message-lines.js';
import { checkTopicArn } from '../listen-environment.js';
import { openQueue } from '../open-queue.js';
import { readBoolean, readRest, readString, readWholeNumber } from '../parsed-arguments.js';
import { queueLocationOptions, resolveQueueLocation } from '../queue-location.js';
import { readInput } from '../read-input.js';
import { UsageError, toOneLine } from '../usage-error.js';
import { watcherRanges } from '../whole-number-option.js';

/** Messages per `send` call to the queue: one transaction each on the embedded queue. */
export const sendBatchSize = 500;

/** The `send` command. */
export const sendCommand: CommandDefinition = {
  name: 'send',
  command: 'send [messages..]',
  describe: 'Send messages to a queue',
  configure: (yargs) =>
    yargs
      .usage(
        [
          '$0 send [options] [MESSAGE…]',
          '',
          'Each MESSAGE is one message. Or --from FILE sends each non-blank line of FILE (- for',
          'standard input) as one message, and --body-file FILE sends the whole of FILE as one.',
          'Bodies are UTF-8 text of at most 1 MiB (1,048,576 bytes); base64-encode binary data.',
        ].join('\n'),
      )
      .options({
        ...queueLocationOptions,
        topic: { requiresArg: true, describe: 'publish to this SNS topic ARN instead of sending to a queue (the stack\'s WorkTopic)' },
        from: { requiresArg: true, describe: 'send each non-blank line of this file (- = standard input) as one message' },
        'body-file': { requiresArg: true, describe: 'send the whole of this file as one message' },
        subject: { requiresArg: true, describe: 'a subject for every message (the worker gets it as $Subject)' },
        group: { requiresArg: true, describe: 'a message group: messages of one group run one at a time, in order' },
        delay: { requiresArg: true, describe: 'seconds before the messages become visible, 0 to 900', defaultDescription: '0' },
        json: { type: 'boolean', describe: 'print {"queue", "ids"} as JSON instead of a sentence' },
      })
      .example('$0 send hello "reject me"', 'two messages to ./.watchbot/default.db')
      .example('$0 send --queue jobs --from jobs.txt', 'one message per line of jobs.txt')
      .example('generate-jobs | $0 send --from -', 'one message per line of standard input')
      .example('$0 send --body-file payload.json --subject import', 'one large message')
      .example('$0 send --queue https://sqs.us-east-1.amazonaws.com/123456789012/jobs hello', 'straight to an SQS queue')
      .example('$0 send --topic arn:aws:sns:us-east-1:123456789012:jobs-topic hello', 'through the stack\'s SNS topic')
      .example('$0 send --stack my-service --region us-east-1 hello', "to the queue of a deployed stack, found from the stack's outputs")
      .epilog('Exit status: 0 when every message was sent, 2 on a usage error (nothing is sent), 1 when the queue failed.'),
  async execute(args, io) {
    const topicArn = checkTopicArn('--topic', readString(args, 'topic'));
    if (topicArn !== undefined && (readString(args, 'queue') !== undefined || readString(args, 'stack') !== undefined)) {
      throw new UsageError(`send: give ${readString(args, 'queue') === undefined ? '--stack' : '--queue'} or --topic, not both`);
    }
    const { address } = await resolveQueueLocation(args, io);
    const options = readMessageOptions(args);
    const bodies = await readBodies(args, io);
    const messages = bodies.map((body): OutgoingMessage => ({ body, ...options }));
    const target: MessageSink = topicArn === undefined ? await openQueue(address) : toMessageSink(await openTopic(topicArn));
    const ids: string[] = [];
    try {
      for (let start = 0; start < messages.length; start += sendBatchSize) {
        ids.push(...(await target.send(messages.slice(start, start + sendBatchSize))));
      }
    } catch (error) {
      // Each batch is committed on its own: say exactly how many are safely on the queue.
      throw new Error(`${toOneLine(error)} (${ids.length} of ${messages.length} messages were sent before the failure)`, { cause: error });
    } finally {
      await target.close();
    }
    const label = topicArn ?? address.label;
    io.stdout.write(
      readBoolean(args, 'json')
        ? `${JSON.stringify({ ...(topicArn === undefined ? { queue: label } : { topic: label }), ids })}\n`
        : `sent ${ids.length} message${ids.length === 1 ? '' : 's'} to ${label}\n`,
    );
    return 0;
  },
};

/** Where `send` puts messages: a queue, or an SNS topic that feeds one. */
interface MessageSink {
  send(messages: readonly OutgoingMessage[]): Promise<string[]>;
  close(): Promise<void>;
}

/** The SNS publisher for `--topic`, loaded on demand (the AWS SDK is slow to load). */
async function openTopic(topicArn: string): Promise<SnsPublisher> {
  const { createSnsPublisher } = await import('@watchbot/sqs-adapter');
  return createSnsPublisher({ topicArn });
}

function toMessageSink(publisher: SnsPublisher): MessageSink {
  return { send: (messages) => publisher.publish(messages), close: async () => publisher.close() };
}

function readMessageOptions(args: ParsedArguments): Omit<OutgoingMessage, 'body'> {
  const subject = readString(args, 'subject');
  const group = readString(args, 'group');
  const delaySeconds = readWholeNumber(args, 'delay', watcherRanges.delaySeconds, 0);
  if (subject !== undefined && (subject === '' || /[\0\r\n]/.test(subject))) {
    throw invalidOption('--subject', subject, 'one line of text');
  }
  if (group !== undefined && !/^[\x21-\x7e]{1,128}$/.test(group)) {
    throw invalidOption('--group', group, '1 to 128 letters, digits or punctuation, no spaces');
  }
  return {
    ...(subject !== undefined && { subject }),
    ...(group !== undefined && { groupId: group }),
    ...(delaySeconds > 0 && { delaySeconds }),
  };
}

async function readBodies(args: ParsedArguments, io: CliIo): Promise<string[]> {
  const words = readRest(args, 'messages');
  const from = readString(args, 'from');
  const bodyFile = readString(args, 'body-file');
  const sources = [words.length > 0, from !== undefined, bodyFile !== undefined].filter(Boolean).length;
  if (sources === 0) {
    throw new UsageError('send: no message given; pass messages as arguments, or use --from FILE or --body-file FILE');
  }
  if (sources > 1) {
    throw new UsageError('send: give messages one way only: as arguments, with --from, or with --body-file');
  }
  const stdin = io.stdin ?? process.stdin;
  if (from !== undefined) return toLineMessages(await readInput(from, '--from', io.cwd, stdin), `--from ${from}`);
  if (bodyFile !== undefined) {
    return [decodeMessageBody(await readInput(bodyFile, '--body-file', io.cwd, stdin), `--body-file ${bodyFile}`)];
  }
  for (const [index, word] of words.entries()) checkBodySize(Buffer.byteLength(word, 'utf8'), `message ${index + 1}`);
  return words;
}

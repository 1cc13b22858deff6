/**
 * Where a command's queue is: `--queue` (a name, a .db path, sqlite:PATH or an SQS URL), or
 * `--stack NAME` with `--region` and `--prefix`, read from the stack's outputs. Shared by every
 * command that works on a queue, so they all name queues the same way.
 */
import type { Options } from 'yargs';
import type { CliIo } from './cli-io.js';
import type { ParsedArguments } from './command-definition.js';
import { readString } from './parsed-arguments.js';
import { parseQueueAddress } from './queue-address.js';
import type { QueueAddress } from './queue-address.js';
import type { StackResources } from './stack-discovery.js';
import { isStackDiscoveryError } from './stack-discovery-error.js';
import { UsageError } from './usage-error.js';

/** The yargs options `--queue`, `--stack`, `--region` and `--prefix`. */
export const queueLocationOptions = {
  queue: { requiresArg: true, describe: 'queue name, .db path, sqlite:PATH or SQS queue URL', defaultDescription: './.watchbot/default.db' },
  stack: { requiresArg: true, describe: "a Watchbot CloudFormation stack: use its queue, read from the stack's outputs" },
  region: { requiresArg: true, describe: 'with --stack: the stack\'s AWS region', defaultDescription: 'AWS_REGION' },
  prefix: { requiresArg: true, describe: 'with --stack: the output prefix of the Watchbot system to use, when the stack holds several', defaultDescription: 'the only one' },
} as const satisfies Record<string, Options>;

/** Where the queue is, and the stack it came from, if any. */
export interface QueueLocation {
  /** The queue. */
  readonly address: QueueAddress;
  /** The stack `--stack` named, with all its Watchbot outputs. */
  readonly stack?: StackResources;
}

/**
 * Reads `--queue`, or resolves `--stack` (one DescribeStacks call).
 * @throws UsageError for conflicting or misplaced options, a missing stack, a stack without
 *   Watchbot outputs or with several, or no region; StackDiscoveryError (exit 1) when
 *   CloudFormation refuses or cannot be reached.
 */
export async function resolveQueueLocation(args: ParsedArguments, io: CliIo): Promise<QueueLocation> {
  const stack = readString(args, 'stack');
  const queue = readString(args, 'queue');
  if (stack === undefined) {
    for (const option of ['region', 'prefix']) {
      if (readString(args, option) !== undefined) throw new UsageError(`--${option} goes with --stack; without a stack, name the queue with --queue`);
    }
    return { address: parseQueueAddress(queue, io.cwd) };
  }
  if (queue !== undefined) throw new UsageError('give --queue or --stack, not both');
  const resources = await readStack(stack, readString(args, 'region') ?? nonEmpty(io.env.AWS_REGION) ?? nonEmpty(io.env.AWS_DEFAULT_REGION), readString(args, 'prefix'));
  return { address: parseQueueAddress(resources.queueUrl, io.cwd, `--stack ${stack}: its QueueUrl output`), stack: resources };
}

/** Resolves the stack, turning a fault in what was asked into a usage error (exit 2). */
async function readStack(stack: string, region: string | undefined, prefix: string | undefined): Promise<StackResources> {
  const { resolveStackResources } = await import('./stack-discovery.js');
  try {
    return await resolveStackResources(stack, region, { ...(prefix !== undefined && { prefix }) });
  } catch (error) {
    if (isStackDiscoveryError(error) && error.isUsage) throw new UsageError(error.message, { cause: error });
    throw error;
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

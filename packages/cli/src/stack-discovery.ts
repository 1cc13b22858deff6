/**
 * `--stack NAME`: a Watchbot stack's resources read from its CloudFormation outputs (one
 * DescribeStacks call), so an operator names the stack instead of copying queue URLs. Any
 * command that works on a stack (dead-letter, status, send, jobs, dashboard) resolves it here.
 */
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { invalidOption } from '@watchbot/core';
import type { OutputName } from '@watchbot/template';
import { StackDiscoveryError, stackErrorCodes } from './stack-discovery-error.js';
import { pickWatchbotOutputs } from './stack-outputs.js';

/** A Watchbot stack's resources, from its outputs. */
export interface StackResources {
  /** The stack's name, as CloudFormation reports it. */
  readonly stackName: string;
  /** The stack's status (CREATE_COMPLETE, UPDATE_COMPLETE …). */
  readonly stackStatus: string;
  /** The region asked for; undefined when the SDK resolved it (a profile). */
  readonly region: string | undefined;
  /** The output prefix of the Watchbot system ("Watchbot" by default). */
  readonly prefix: string;
  /** The work queue's URL (`<prefix>QueueUrl`). */
  readonly queueUrl: string;
  /** The dead-letter queue's URL (`<prefix>DeadLetterQueueUrl`). */
  readonly deadLetterQueueUrl: string;
  /** Every Watchbot output the stack has, by name without the prefix: WorkTopicArn, LogGroupName, JobTableName … */
  readonly outputs: Readonly<Partial<Record<OutputName, string>>>;
}

/** Options for {@link resolveStackResources}. */
export interface ResolveStackOptions {
  /** The output prefix to use when the stack holds several Watchbot systems. Default: the only one it has. */
  readonly prefix?: string;
  /** The CloudFormation client to use. Default: one in `region`, 3 attempts per call. */
  readonly client?: CloudFormationClient;
}

/** A stack name (letters, digits and hyphens, starting with a letter, up to 128) or a stack ARN. */
const stackNamePattern = /^(?:[A-Za-z][A-Za-z0-9-]{0,127}|arn:aws[a-z-]*:cloudformation:[a-z0-9-]+:\d{12}:stack\/[A-Za-z][A-Za-z0-9-]{0,127}\/[A-Za-z0-9-]+)$/;

/** Error names that mean the credentials or the permission were refused, or none were found. */
const deniedNames = new Set(['AccessDenied', 'AccessDeniedException', 'ExpiredToken', 'ExpiredTokenException', 'InvalidClientTokenId', 'SignatureDoesNotMatch', 'UnrecognizedClientException', 'CredentialsProviderError']);

function toOneLine(error: unknown): string {
  const shape = (typeof error === 'object' && error !== null ? error : {}) as { name?: unknown; message?: unknown };
  const message = typeof shape.message === 'string' ? shape.message : String(error);
  const name = typeof shape.name === 'string' && shape.name !== 'Error' && !message.startsWith(shape.name) ? `${shape.name}: ` : '';
  return `${name}${message}`.replace(/\s+/g, ' ').trim();
}

/** Translates a DescribeStacks failure into a {@link StackDiscoveryError}. */
function toStackError(error: unknown, stack: string, region: string | undefined): StackDiscoveryError {
  const shape = (typeof error === 'object' && error !== null ? error : {}) as { name?: unknown; message?: unknown; $metadata?: { httpStatusCode?: unknown } };
  const name = typeof shape.name === 'string' ? shape.name : '';
  const message = typeof shape.message === 'string' ? shape.message : '';
  const where = region === undefined ? '' : ` in ${region}`;
  if (/does not exist/i.test(message)) {
    return new StackDiscoveryError(stackErrorCodes.STACK_NOT_FOUND, `--stack: there is no stack ${stack}${where} (check the name and --region)`, { cause: error });
  }
  if (/region is missing/i.test(message)) {
    return new StackDiscoveryError(stackErrorCodes.NO_REGION, `--region: no AWS region for --stack ${stack}; give --region or set AWS_REGION`, { cause: error });
  }
  const status = shape.$metadata?.httpStatusCode;
  if (deniedNames.has(name) || /could not load credentials/i.test(message) || status === 401 || status === 403) {
    return new StackDiscoveryError(stackErrorCodes.STACK_ACCESS_DENIED, `--stack: CloudFormation refused to describe stack ${stack}${where} (check the credentials and the cloudformation:DescribeStacks permission): ${toOneLine(error)}`, { cause: error });
  }
  return new StackDiscoveryError(stackErrorCodes.STACK_UNAVAILABLE, `--stack: could not describe stack ${stack}${where}: ${toOneLine(error)}`, { cause: error });
}

/**
 * Reads the Watchbot resources of `stack` (a name or ARN) in `region` (default: the AWS SDK's
 * own resolution: AWS_REGION, then the profile) from its outputs, with any output prefix.
 * @throws WatchbotError INVALID_OPTION for a malformed stack name.
 * @throws StackDiscoveryError STACK_NOT_FOUND, NOT_A_WATCHBOT_STACK, AMBIGUOUS_STACK or NO_REGION
 *   (usage errors), STACK_ACCESS_DENIED or STACK_UNAVAILABLE — each one line naming the stack.
 */
export async function resolveStackResources(stack: string, region?: string, options: ResolveStackOptions = {}): Promise<StackResources> {
  if (!stackNamePattern.test(stack)) {
    throw invalidOption('--stack', stack, 'a CloudFormation stack name (letters, digits and hyphens, starting with a letter) or a stack ARN');
  }
  // Loaded on demand: the CloudFormation SDK and the template package cost start-up time that commands without --stack never need.
  const [{ CloudFormationClient, DescribeStacksCommand }, { outputNames }] = await Promise.all([import('@aws-sdk/client-cloudformation'), import('@watchbot/template')]);
  const client = options.client ?? new CloudFormationClient({ ...(region !== undefined && { region }), maxAttempts: 3 });
  let described;
  try {
    described = await client.send(new DescribeStacksCommand({ StackName: stack }));
  } catch (error) {
    throw toStackError(error, stack, region);
  } finally {
    if (options.client === undefined) client.destroy();
  }
  const found = described.Stacks?.[0];
  if (found === undefined) throw toStackError(new Error(`Stack with id ${stack} does not exist`), stack, region);
  const outputs: Record<string, string> = {};
  for (const output of found.Outputs ?? []) {
    if (output.OutputKey !== undefined && output.OutputValue !== undefined) outputs[output.OutputKey] = output.OutputValue;
  }
  const stackName = found.StackName ?? stack;
  const picked = pickWatchbotOutputs(outputNames, { name: stackName, status: found.StackStatus ?? 'UNKNOWN', outputs }, options.prefix);
  return {
    stackName,
    stackStatus: found.StackStatus ?? 'UNKNOWN',
    region,
    prefix: picked.prefix,
    // pickWatchbotOutputs only picks a prefix that has both.
    queueUrl: picked.outputs.QueueUrl ?? '',
    deadLetterQueueUrl: picked.outputs.DeadLetterQueueUrl ?? '',
    outputs: picked.outputs,
  };
}

/**
 * The worker's environment: the variables that describe the message (the original's
 * contract, facts.md) plus `MessageFile`, which carries any body the environment cannot.
 */
import type { WorkMessage } from './work-message.js';

/**
 * Linux refuses any single environment string longer than 128 KiB (MAX_ARG_STRLEN = 131,072
 * bytes, counting "Name=" and the terminating NUL). `Message` holds the body only below this.
 */
export const maxEnvironmentStringBytes = 131_072;

/** The stack's resources a worker is told about, where they exist. */
export interface WorkerResources {
  /** The SNS topic ARN that feeds the queue. */
  readonly WorkTopic?: string;
  /** The CloudWatch log group the watcher logs to. */
  readonly LogGroup?: string;
  /** The queue the message came from. */
  readonly QueueUrl?: string;
}

/** The variables one worker gets, and what had to be left out of them. */
export interface WorkerEnvironment {
  /** Name → value; no value contains a NUL byte. */
  readonly variables: Readonly<Record<string, string>>;
  /** Why something could not travel in the environment, one line each (logged by the watcher). */
  readonly warnings: readonly string[];
}

/**
 * Builds the worker variables for a message.
 *
 * - `Message` is the body when it fits in one environment string and has no NUL byte;
 *   otherwise it is empty and `MessageOnlyInFile` is "true".
 * - `MessageFile` always names a file holding the whole body (UTF-8), written by the runner.
 * - `Subject` is the subject without NUL bytes, left unset (with a warning) when it is over 128 KiB.
 * @param messageFile the path of the file that holds the body.
 */
export function toWorkerEnvironment(message: WorkMessage, messageFile: string, resources: WorkerResources = {}): WorkerEnvironment {
  const warnings: string[] = [];
  const variables: Record<string, string> = {};
  const fitsInEnvironment =
    !message.body.includes('\0') && Buffer.byteLength(message.body, 'utf8') + 'Message='.length + 1 <= maxEnvironmentStringBytes;
  if (fitsInEnvironment) {
    variables.Message = message.body;
  } else {
    variables.Message = '';
    variables.MessageOnlyInFile = 'true';
    warnings.push(
      message.body.includes('\0')
        ? 'the body contains a NUL byte, which no environment variable can hold: Message is empty, read MessageFile'
        : `the body is ${Buffer.byteLength(message.body, 'utf8')} bytes, over the 128 KiB an environment variable can hold: Message is empty, read MessageFile`,
    );
  }
  variables.MessageFile = messageFile;
  if (message.subject !== undefined) {
    if (message.subject.includes('\0')) warnings.push('the subject contains NUL bytes; they were removed from Subject');
    const subject = message.subject.replaceAll('\0', '');
    const subjectBytes = Buffer.byteLength(subject, 'utf8');
    // Like a large body, a subject the environment cannot carry must not stop the worker from starting (E2BIG).
    if (subjectBytes + 'Subject='.length + 1 <= maxEnvironmentStringBytes) variables.Subject = subject;
    else warnings.push(`the subject is ${subjectBytes} bytes, over the 128 KiB an environment variable can hold: Subject is not set`);
  }
  variables.MessageId = message.id;
  variables.SentTimestamp = new Date(message.sentAtMs).toISOString();
  variables.ApproximateFirstReceiveTimestamp = new Date(message.firstReceivedAtMs).toISOString();
  variables.ApproximateReceiveCount = String(message.receiveCount);
  if (message.groupId !== undefined) variables.MessageGroupId = message.groupId;
  for (const [name, value] of Object.entries(resources)) {
    if (typeof value === 'string' && value !== '') variables[name] = value;
  }
  return { variables, warnings };
}

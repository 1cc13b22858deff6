/**
 * The checks every store makes on an event before writing anything, so a batch is stored
 * whole or not at all, and a bad event is named in one line.
 */
import type { JobEvent } from './job-store.js';
import { JobTrackingError } from './job-tracking-error.js';

/** The longest job id stored, in characters (DynamoDB sort keys hold at most 1,024 bytes, and the index's carries the id). */
export const maxJobIdLength = 512;

/** The longest event type stored, in characters. */
const maxTypeLength = 64;

const sources: ReadonlySet<string> = new Set(['watcher', 'ecs', 'batch']);

function isWholeNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isDuration(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** What is wrong with `event`, or undefined when it can be stored. */
export function findEventProblem(event: JobEvent): string | undefined {
  if (typeof event !== 'object' || event === null) return 'it is not an object';
  if (typeof event.jobId !== 'string' || event.jobId === '' || event.jobId.length > maxJobIdLength) return `jobId must be 1 to ${maxJobIdLength} characters`;
  if (!isWholeNumber(event.timeMs)) return 'timeMs must be a whole number of ms since the epoch';
  if (typeof event.type !== 'string' || event.type === '' || event.type.length > maxTypeLength) return `type must be 1 to ${maxTypeLength} characters`;
  if (!sources.has(event.source)) return 'source must be watcher, ecs or batch';
  if (event.attempt !== undefined && !isWholeNumber(event.attempt)) return 'attempt must be a whole number';
  if (event.exitCode !== undefined && event.exitCode !== null && !Number.isSafeInteger(event.exitCode)) return 'exitCode must be an integer or null';
  if (event.durationMs !== undefined && !isDuration(event.durationMs)) return 'durationMs must be a number of ms of at least 0';
  if (event.retryInSeconds !== undefined && !isDuration(event.retryInSeconds)) return 'retryInSeconds must be a number of seconds of at least 0';
  if (event.outputTail !== undefined && (!Array.isArray(event.outputTail) || event.outputTail.some((line) => typeof line !== 'string'))) return 'outputTail must be a list of strings';
  return undefined;
}

/** Throws INVALID_EVENT naming the first event that cannot be stored. */
export function checkJobEvents(events: readonly JobEvent[]): void {
  if (!Array.isArray(events)) throw new JobTrackingError('INVALID_EVENT', 'append: expected a list of events');
  for (const [index, event] of events.entries()) {
    const problem = findEventProblem(event);
    if (problem !== undefined) {
      const job = typeof event?.jobId === 'string' ? ` (job ${JSON.stringify(event.jobId.slice(0, 80))})` : '';
      throw new JobTrackingError('INVALID_EVENT', `event ${index}${job} cannot be stored: ${problem}`);
    }
  }
}

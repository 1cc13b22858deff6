/**
 * The body of a part message: what fanOut sends and what workers (and the CLI) read, so
 * both sides agree on one shape: `{"jobId", "part", "totalParts", "body"}`.
 */

/** One part of a fanned-out job, as a message body carries it. */
export interface PartMessage {
  /** The job the part belongs to. */
  readonly jobId: string;
  /** The part's number, 1..totalParts. */
  readonly part: number;
  /** How many parts the job has. */
  readonly totalParts: number;
  /** The part's own text, as given to fanOut. */
  readonly body: string;
}

/** The message body (JSON) for a part. */
export function toPartMessage(message: PartMessage): string {
  return JSON.stringify({ jobId: message.jobId, part: message.part, totalParts: message.totalParts, body: message.body });
}

/** True when `value` is an integer from 1. */
function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1;
}

/** The part a message body describes, or undefined when the body is not a part message. */
export function parsePartMessage(body: string): PartMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { jobId, part, totalParts, body: text } = value as Record<string, unknown>;
  if (typeof jobId !== 'string' || jobId === '' || typeof text !== 'string') return undefined;
  if (!isCount(part) || !isCount(totalParts) || part > totalParts) return undefined;
  return { jobId, part, totalParts, body: text };
}

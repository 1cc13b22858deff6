/**
 * The rules both stores share: what a valid job id, total and part number are, and how
 * progress is computed so that it never reads 1 before the job is complete.
 */
import { ReduceModeError } from './reduce-mode-error.js';

/** The largest fraction below 1: what progress shows while any part is outstanding. */
const almostDone = 1 - Number.EPSILON;

/** completedParts / totalParts, held below 1 until every part has completed. */
export function toProgress(completedParts: number, totalParts: number): number {
  if (totalParts <= 0) return 0;
  if (completedParts >= totalParts) return 1;
  return Math.min(completedParts / totalParts, almostDone);
}

/** Throws INVALID_OPTION unless `jobId` is a non-empty string. */
export function checkJobId(jobId: string): void {
  if (typeof jobId !== 'string' || jobId.length === 0) {
    throw new ReduceModeError('INVALID_OPTION', `jobId: ${JSON.stringify(jobId)} is not valid; expected a non-empty string`);
  }
}

/** Throws INVALID_OPTION unless `totalParts` is a positive safe integer. */
export function checkTotalParts(jobId: string, totalParts: number): void {
  if (!Number.isSafeInteger(totalParts) || totalParts < 1) {
    throw new ReduceModeError('INVALID_OPTION', `job ${jobId}: totalParts ${String(totalParts)} is not valid; expected an integer of at least 1`);
  }
}

/** Throws INVALID_PART unless `part` is an integer from 1 (and at most `totalParts` when known). */
export function checkPart(jobId: string, part: number, totalParts?: number): void {
  const inRange = Number.isSafeInteger(part) && part >= 1 && (totalParts === undefined || part <= totalParts);
  if (!inRange) {
    const range = totalParts === undefined ? 'an integer from 1' : `an integer from 1 to ${totalParts}`;
    throw new ReduceModeError('INVALID_PART', `job ${jobId}: part ${String(part)} is not valid; expected ${range}`);
  }
}

/** Throws INVALID_OPTION unless `metadata` is a plain JSON object. */
export function checkMetadata(jobId: string, metadata: unknown): asserts metadata is Record<string, unknown> {
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
    throw new ReduceModeError('INVALID_OPTION', `job ${jobId}: metadata must be a JSON object`);
  }
}

/** Parses stored metadata JSON; anything but an object reads as {}. */
export function parseMetadata(text: string | undefined): Record<string, unknown> {
  if (text === undefined || text === '') return {};
  const value: unknown = JSON.parse(text);
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The error for an operation on a job that does not exist. */
export function unknownJob(jobId: string, action: string): ReduceModeError {
  return new ReduceModeError('UNKNOWN_JOB', `job ${jobId}: cannot ${action}: no such job (set its total first)`);
}

/** The error for completing a part of a failed job. */
export function jobFailed(jobId: string, part: number, reason: string): ReduceModeError {
  return new ReduceModeError('JOB_FAILED', `job ${jobId}: cannot complete part ${part}: the job failed (${reason})`);
}

/** The error for a second, different total. */
export function totalAlreadySet(jobId: string, existing: number, requested: number): ReduceModeError {
  return new ReduceModeError('TOTAL_ALREADY_SET', `job ${jobId}: cannot set the total to ${requested}: it is already ${existing}`);
}

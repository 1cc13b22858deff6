/**
 * completePart on DynamoDB, without transactions: the part is added to the job's number set
 * under the condition that it is not there yet (so it counts once), and the caller whose add
 * made the set full claims completion with a conditional `SET done`, which only one can win.
 */
import type { Clock } from '@watchbot/core';
import { pickNames, readBoolean, readNumber, readParts, readString, toNumberValue } from './dynamo-job-item.js';
import type { JobItem } from './dynamo-job-item.js';
import type { JobTable } from './dynamo-job-table.js';
import { checkPart, jobFailed, toProgress, unknownJob } from './job-rules.js';
import type { CompletePartResult } from './progress-store.js';
import { ReduceModeError } from './reduce-mode-error.js';

/** Flips done false → true when every part is in; true only for the one caller whose write did it. */
async function claimCompletion(table: JobTable, jobId: string, totalParts: number, nowMs: number): Promise<boolean> {
  const claimed = await table.update(jobId, 'claim completion', {
    UpdateExpression: 'SET #done = :true, #updated = :now',
    ConditionExpression: 'attribute_exists(#id) AND (attribute_not_exists(#done) OR #done = :false) AND size(#parts) = :total',
    ExpressionAttributeNames: pickNames('#id', '#done', '#parts', '#updated'),
    ExpressionAttributeValues: { ':true': { BOOL: true }, ':false': { BOOL: false }, ':total': toNumberValue(totalParts), ':now': toNumberValue(nowMs) },
  });
  return claimed !== undefined;
}

/** The result for a part the set already held; finishes a claim a crashed caller left undone. */
async function completeDuplicate(table: JobTable, jobId: string, item: JobItem, nowMs: number): Promise<CompletePartResult> {
  const totalParts = readNumber(item, 'totalParts');
  const completedParts = readParts(item).length;
  // The add that filled the set may have been followed by a crash before its claim: the
  // retried message (a duplicate) claims instead, so the job still completes exactly once.
  const completedJob = completedParts >= totalParts && !readBoolean(item, 'done') && (await claimCompletion(table, jobId, totalParts, nowMs));
  return { completedJob, progress: toProgress(completedParts, totalParts) };
}

/** Records `part` of `jobId` as completed; see ProgressStore.completePart. */
export async function completePartInTable(table: JobTable, clock: Clock, jobId: string, part: number): Promise<CompletePartResult> {
  const action = `complete part ${part}`;
  const nowMs = clock.now();
  const updated = await table.update(jobId, action, {
    UpdateExpression: 'ADD #parts :partSet SET #updated = :now',
    ConditionExpression: 'attribute_exists(#id) AND attribute_not_exists(#failed) AND #total >= :part AND NOT contains(#parts, :part)',
    ExpressionAttributeNames: pickNames('#id', '#parts', '#updated', '#failed', '#total'),
    ExpressionAttributeValues: { ':partSet': { NS: [String(part)] }, ':part': toNumberValue(part), ':now': toNumberValue(nowMs) },
    ReturnValues: 'ALL_NEW',
  });
  if (updated !== undefined) {
    const totalParts = readNumber(updated, 'totalParts');
    const completedParts = readParts(updated).length;
    const completedJob = completedParts >= totalParts && (await claimCompletion(table, jobId, totalParts, nowMs));
    return { completedJob, progress: toProgress(completedParts, totalParts) };
  }
  // The condition failed: re-read to say why (unknown job, failed job, part out of range, duplicate).
  const item = await table.getItem(jobId, action);
  if (item === undefined) throw unknownJob(jobId, action);
  const failedReason = readString(item, 'failedReason');
  if (failedReason !== undefined) throw jobFailed(jobId, part, failedReason);
  checkPart(jobId, part, readNumber(item, 'totalParts'));
  if (readParts(item).includes(String(part))) return completeDuplicate(table, jobId, item, nowMs);
  throw new ReduceModeError('STORE_UNAVAILABLE', `job ${jobId}: cannot ${action}: the progress table ${table.tableName} refused the update for no reason it shows`, { retryable: true });
}

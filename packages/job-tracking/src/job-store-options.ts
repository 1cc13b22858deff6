/** Checks of the options and queries both job stores take, with the same messages. */
import type { JobListQuery } from './job-store.js';
import { invalidJobOption } from './job-tracking-error.js';

/** Days events are kept when no retention is given. */
export const defaultRetentionDays = 14;

/** The most days of retention accepted (ten years). */
export const maxRetentionDays = 3650;

/** The most jobs one listing returns. */
export const maxListLimit = 10_000;

/** Milliseconds in a day. */
export const msPerDay = 86_400_000;

/** Checks a retention in days: a whole number from 1 to 3650. @throws JobTrackingError INVALID_OPTION */
export function checkRetentionDays(retentionDays: number): number {
  if (!Number.isSafeInteger(retentionDays) || retentionDays < 1 || retentionDays > maxRetentionDays) {
    throw invalidJobOption('retentionDays', retentionDays, `a whole number of days from 1 to ${maxRetentionDays}`);
  }
  return retentionDays;
}

/** Checks a listing query. @throws JobTrackingError INVALID_OPTION */
export function checkListQuery(query: JobListQuery): JobListQuery {
  if (!Number.isSafeInteger(query.limit) || query.limit < 1 || query.limit > maxListLimit) {
    throw invalidJobOption('limit', query.limit, `a whole number from 1 to ${maxListLimit}`);
  }
  if (query.sinceMs !== undefined && !Number.isFinite(query.sinceMs)) throw invalidJobOption('sinceMs', query.sinceMs, 'a time in ms since the epoch');
  if (query.state !== undefined && (typeof query.state !== 'string' || query.state === '')) throw invalidJobOption('state', query.state, 'an event type');
  return query;
}

/** Checks a statistics window. @throws JobTrackingError INVALID_OPTION */
export function checkStatsWindow(window: { readonly sinceMs: number; readonly untilMs: number }): { sinceMs: number; untilMs: number } {
  const { sinceMs, untilMs } = window;
  if (!Number.isFinite(sinceMs)) throw invalidJobOption('sinceMs', sinceMs, 'a time in ms since the epoch');
  if (!Number.isFinite(untilMs) || untilMs < sinceMs) throw invalidJobOption('untilMs', untilMs, `a time in ms since the epoch, not before sinceMs (${sinceMs})`);
  return { sinceMs, untilMs };
}

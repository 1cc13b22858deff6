/** Reading the API's query parameters, each checked with a one-line error naming it. */
import { invalidRequest } from './http-error.js';

/** The `limit` parameter: a whole number from 1 to `max`, `fallback` when absent. */
export function readLimit(url: URL, fallback: number, max: number): number {
  const raw = url.searchParams.get('limit');
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < 1 || value > max) {
    throw invalidRequest('limit', raw, `a whole number from 1 to ${max}`);
  }
  return value;
}

/** The `state` parameter: an event type such as "succeeded", "failed" or "RUNNING"; undefined when absent. */
export function readJobState(url: URL): string | undefined {
  const raw = url.searchParams.get('state');
  if (raw === null || raw === '') return undefined;
  if (!/^[A-Za-z][A-Za-z_-]{0,63}$/.test(raw)) throw invalidRequest('state', raw, 'an event type such as succeeded, failed or timed-out');
  return raw;
}

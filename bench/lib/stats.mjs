// Summaries of repeated measurements, and the verdict on a target: every figure is the median
// of its runs with the min and max beside it, and a target counts as missed only when the
// median misses it by more than the noise — half the min–max spread of the runs, and never
// less than 2 % of the target (runs that happen to agree closely do not make a miss of 0.1 %
// on a shared machine a failure).

/**
 * @typedef {object} Summary
 * @property {number} median the middle value (the mean of the two middle values for an even count)
 * @property {number} min
 * @property {number} max
 * @property {number[]} values every run, in run order
 */

/**
 * The median, min and max of `values` (at least one).
 * @param {number[]} values
 * @returns {Summary}
 */
export function summarize(values) {
  if (values.length === 0) throw new Error('summarize: no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, min: sorted[0], max: sorted.at(-1), values: [...values] };
}

/**
 * The `p`th percentile (0–100) of `values` by the nearest-rank method: the smallest value with
 * at least p % of the values at or below it.
 * @param {number[]} values
 * @param {number} p
 * @returns {number}
 */
export function percentile(values, p) {
  if (values.length === 0) throw new Error('percentile: no values');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

/** The least noise, as a fraction of the target. */
export const noiseFloor = 0.02;

/**
 * The noise of a summary measured against `limit`: half its min–max spread, at least 2 % of the limit.
 * @param {Summary} summary
 * @param {number} limit
 */
export function noiseOf(summary, limit) {
  return Math.max((summary.max - summary.min) / 2, Math.abs(limit) * noiseFloor);
}

/**
 * @typedef {object} Target
 * @property {'>=' | '<=' | '<'} op how the figure must compare with `limit`
 * @property {number} limit
 */

/**
 * @typedef {'met' | 'within-noise' | 'missed'} Verdict
 * `within-noise`: the median misses the target, but by no more than the noise.
 */

/**
 * Judges a summary against a target.
 * @param {Summary} summary
 * @param {Target} target
 * @returns {Verdict}
 */
export function judge(summary, target) {
  const { median } = summary;
  const met = target.op === '>=' ? median >= target.limit : target.op === '<=' ? median <= target.limit : median < target.limit;
  if (met) return 'met';
  const shortfall = Math.abs(median - target.limit);
  return shortfall <= noiseOf(summary, target.limit) ? 'within-noise' : 'missed';
}

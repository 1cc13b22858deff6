/**
 * How the concurrency tests split a job's parts among workers: each worker takes its own
 * block plus the first parts of the next worker's block, so about 10% of the parts are
 * completed twice — by two workers at the same moment, since both start with them.
 */

/** Each worker's part numbers, in the order it completes them. */
export function toPartShares(totalParts: number, workers: number, overlapRatio = 0.1): number[][] {
  const blockSize = Math.ceil(totalParts / workers);
  const overlap = Math.round(blockSize * overlapRatio);
  return Array.from({ length: workers }, (_, worker) => {
    const block = Array.from({ length: blockSize }, (_, index) => worker * blockSize + index + 1).filter((part) => part <= totalParts);
    const nextStart = ((worker + 1) % workers) * blockSize;
    const borrowed = Array.from({ length: overlap }, (_, index) => nextStart + index + 1).filter((part) => part <= totalParts);
    return [...borrowed, ...block];
  });
}

/** Part completions per second, rounded. */
export function toCompletionsPerSecond(calls: number, elapsedMs: number): number {
  return Math.round((calls * 1000) / elapsedMs);
}

// Cost on SQS: requests per processed message at concurrency 10, with a trivial worker (`true`),
// so slots free up one at a time — the hardest case for batching receives and deletes. Counted
// by the emulator at the HTTP layer for the whole run (start-up and the final emptiness check
// included, so the figure slightly overstates the steady state); sends are not counted.
import { runBatch } from '../lib/batch-run.mjs';
import { formatRange } from '../lib/report.mjs';
import { summarize } from '../lib/stats.mjs';

/** The most SQS requests per processed message. */
export const costTarget = 0.3;

const concurrency = 10;

/** @param {number} value */
const formatCost = (value) => value.toFixed(3);

/**
 * @param {import('../lib/batch-run.mjs').BenchContext} context
 * @returns {Promise<import('../lib/report.mjs').SuiteResult>}
 */
export async function measureCost(context) {
  const { options } = context;
  if (!options.targets.includes('sqs')) return { tables: [], figures: [] };
  const perMessage = [];
  const breakdowns = [];
  for (let run = 1; run <= options.runs; run++) {
    context.progress(`cost: SQS requests per message at concurrency ${concurrency}, run ${run}/${options.runs}`);
    const batch = await runBatch(context, { kind: 'sqs', count: options.costMessages, concurrency, command: 'true', countRequests: true });
    const requests = batch.requests ?? {};
    const total = Object.values(requests).reduce((sum, count) => sum + count, 0);
    perMessage.push(total / options.costMessages);
    breakdowns.push(requests);
  }
  const summary = summarize(perMessage);
  // The breakdown of the run whose figure is the median (or nearest it).
  const medianRun = perMessage.reduce((best, value, index) => (Math.abs(value - summary.median) < Math.abs(perMessage[best] - summary.median) ? index : best), 0);
  const breakdown = Object.entries(breakdowns[medianRun])
    .sort(([, a], [, b]) => b - a)
    .map(([action, count]) => `${action} ${count}`)
    .join(', ');
  return {
    tables: [
      {
        title: `Cost: SQS requests per processed message, concurrency ${concurrency}, ${options.costMessages} messages`,
        header: ['requests / message', 'requests in the median run'],
        rows: [[`${formatRange(summary, formatCost)} (target ≤ ${costTarget})`, breakdown]],
      },
    ],
    figures: [{ name: `cost, SQS: requests per message at concurrency ${concurrency}`, summary, target: { op: '<=', limit: costTarget }, format: formatCost }],
  };
}

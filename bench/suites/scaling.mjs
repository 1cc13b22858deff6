// Scaling: throughput from 1 to 16 workers with a worker that sleeps 100 ms. The ideal is
// linear — 10 messages per second per worker — and the figure is the fraction of it reached.
// Each run gives every worker the same number of messages (about two seconds of sleeping).
import { runBatch } from '../lib/batch-run.mjs';
import { formatRange, formatRate, formatRatio } from '../lib/report.mjs';
import { summarize } from '../lib/stats.mjs';

/** The least fraction of linear scaling. */
export const scalingTarget = 0.9;

const levels = [1, 2, 4, 8, 16];
const sleepSeconds = 0.1;

/**
 * @param {import('../lib/batch-run.mjs').BenchContext} context
 * @returns {Promise<import('../lib/report.mjs').SuiteResult>}
 */
export async function measureScaling(context) {
  const { options } = context;
  const perWorker = Math.max(2, Math.round(options.secondsPerScalingLevel / sleepSeconds));
  const rows = [];
  const figures = [];
  for (const kind of options.targets) {
    for (const concurrency of levels) {
      const rates = [];
      const efficiencies = [];
      const ideal = concurrency / sleepSeconds;
      for (let run = 1; run <= options.runs; run++) {
        context.progress(`scaling: ${kind} queue, ${concurrency} worker${concurrency === 1 ? '' : 's'}, run ${run}/${options.runs}`);
        const batch = await runBatch(context, { kind, count: perWorker * concurrency, concurrency, command: `sleep ${sleepSeconds}` });
        rates.push(batch.steadyRate);
        efficiencies.push(batch.steadyRate / ideal);
      }
      const efficiency = summarize(efficiencies);
      figures.push({
        name: `scaling, ${kind} queue, ${concurrency} worker${concurrency === 1 ? '' : 's'}: fraction of linear`,
        summary: efficiency,
        target: { op: '>=', limit: scalingTarget },
        format: formatRatio,
      });
      rows.push([kind, String(concurrency), formatRange(summarize(rates), formatRate), formatRate(ideal), `${formatRange(efficiency, formatRatio)} (target ≥ ${scalingTarget})`]);
    }
  }
  return {
    tables: [
      {
        title: `Scaling: \`sleep ${sleepSeconds}\`, ${perWorker} messages per worker`,
        header: ['queue', 'workers', 'msg/s', 'ideal msg/s', 'fraction of linear'],
        rows,
        notes: ['Rates count from the watcher\'s "watching …" log line to its exit, as in the throughput table.'],
      },
    ],
    figures,
  };
}

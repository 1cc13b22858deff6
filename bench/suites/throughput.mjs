// Throughput against the limit: a trivial worker (`true`) over N messages at each concurrency,
// on each queue, beside `xargs -P <concurrency>` spawning the same command the same number of
// times in the same run. Each run pairs one xargs measurement with one watcher measurement taken
// right after it, so both see the same load on the machine; the ratio is taken per pair.
// With --spawn helper,node the watcher also runs with workers forked by itself
// (WATCHBOT_SPAWN_HELPER=false), to compare the two ways of forking in the same run.
import { runBatch } from '../lib/batch-run.mjs';
import { measureXargs } from '../lib/commands.mjs';
import { formatRange, formatRate, formatRatio } from '../lib/report.mjs';
import { summarize } from '../lib/stats.mjs';

/** The minimum ratio to xargs, by queue. */
export const throughputTargets = { embedded: 0.9, sqs: 0.8 };

const command = 'true';

const forkedBy = { helper: 'spawn helper', node: 'watcher (WATCHBOT_SPAWN_HELPER=false)' };

/**
 * The runs of one queue, concurrency and way of forking: its table row and its figure.
 * @param {import('../lib/batch-run.mjs').BenchContext} context
 * @param {'embedded' | 'sqs'} kind
 * @param {number} concurrency
 * @param {'helper' | 'node'} spawn
 */
async function measureLevel(context, kind, concurrency, spawn) {
  const { options } = context;
  const ours = [];
  const endToEnd = [];
  const theirs = [];
  const ratios = [];
  const cpu = [];
  const peaks = [];
  const runs = [];
  for (let run = 1; run <= options.runs; run++) {
    context.progress(`throughput: ${kind} queue, concurrency ${concurrency}, forked by the ${forkedBy[spawn]}, run ${run}/${options.runs}`);
    const xargs = await measureXargs(options.messages, concurrency, command);
    const batch = await runBatch(context, { kind, count: options.messages, concurrency, command, spawn });
    runs.push(batch);
    theirs.push(xargs);
    ours.push(batch.steadyRate);
    endToEnd.push(batch.endToEndRate);
    ratios.push(batch.steadyRate / xargs);
    cpu.push(((batch.usage.cpuSeconds + batch.usage.helperCpuSeconds) / options.messages) * 1000);
    peaks.push(batch.usage.maxRssKb / 1024);
  }
  const ratio = summarize(ratios);
  // The target is the shipped configuration's; runs forked by the watcher are there to compare.
  const target = spawn === 'helper' ? { op: '>=', limit: throughputTargets[kind] } : undefined;
  return {
    runs,
    figure: {
      name: `throughput, ${kind} queue, concurrency ${concurrency}${spawn === 'node' ? ', forked by the watcher' : ''}: ratio to xargs -P ${concurrency}`,
      summary: ratio,
      ...(target !== undefined && { target }),
      format: formatRatio,
    },
    row: [
      kind,
      String(concurrency),
      forkedBy[spawn],
      formatRange(summarize(ours), formatRate),
      formatRange(summarize(endToEnd), formatRate),
      formatRange(summarize(theirs), formatRate),
      `${formatRange(ratio, formatRatio)}${target === undefined ? '' : ` (target ≥ ${target.limit})`}`,
      formatRange(summarize(cpu), (value) => value.toFixed(2)),
      formatRange(summarize(peaks), (value) => value.toFixed(0)),
    ],
  };
}

/**
 * @param {import('../lib/batch-run.mjs').BenchContext} context
 * @returns {Promise<import('../lib/report.mjs').SuiteResult>}
 */
export async function measureThroughput(context) {
  const { options } = context;
  const rows = [];
  const figures = [];
  for (const kind of options.targets) {
    for (const concurrency of options.concurrency) {
      for (const spawn of options.spawn) {
        const { runs, figure, row } = await measureLevel(context, kind, concurrency, spawn);
        if (spawn === 'helper') context.throughputRuns.set(`${kind}:${concurrency}`, runs);
        figures.push(figure);
        rows.push(row);
      }
    }
  }
  return {
    tables: [
      {
        title: `Throughput: \`${command}\` over ${options.messages} messages, beside xargs`,
        header: ['queue', 'concurrency', 'workers forked by', 'watchbot msg/s', 'end-to-end msg/s', 'xargs -P msg/s', 'ratio to xargs', 'watcher CPU s / 1,000 msg', 'watcher peak RSS MB'],
        rows,
        notes: [
          '"watchbot msg/s" counts from the watcher\'s "watching …" log line (queue open, about to receive) to its exit; "end-to-end" from the process start (Node.js start-up and module loading included).',
          'The ratio is taken per run, watchbot against the xargs run just before it, and the median of those ratios is shown.',
          'Watcher CPU is the watcher process\'s own user + system time (its workers excluded), plus its spawn helper\'s where it has one.',
        ],
      },
    ],
    figures,
  };
}

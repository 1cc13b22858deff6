// Footprint: the watcher's peak RSS and CPU seconds per 1,000 messages (its own, its workers
// excluded), taken from the throughput runs at the highest concurrency measured (or from runs of
// its own at concurrency 16 when the throughput figure was not asked for); and the start-up time
// of `watchbot --version`, for the npm install and for the single-file binary (built here with
// `npm run build:binary -w @watchbot/watcher` when it is missing).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runBatch } from '../lib/batch-run.mjs';
import { runCommand } from '../lib/commands.mjs';
import { formatMs, formatRange } from '../lib/report.mjs';
import { summarize } from '../lib/stats.mjs';
import { cliPath, repositoryRoot } from '../lib/watcher-process.mjs';

/** The most peak RSS of the watcher, in MB (MiB). */
export const peakRssTargetMb = 80;

/** The single-file binary. */
const binaryPath = join(repositoryRoot, 'apps/watcher/dist/watchbot');

/** @param {number} value */
const formatMb = (value) => value.toFixed(0);
/** @param {number} value */
const formatSeconds = (value) => value.toFixed(2);

/**
 * The runs to read the footprint from: the throughput suite's at its highest concurrency, or
 * new ones at concurrency 16.
 * @param {import('../lib/batch-run.mjs').BenchContext} context
 * @param {'embedded' | 'sqs'} kind
 * @returns {Promise<{ concurrency: number, runs: import('../lib/batch-run.mjs').BatchResult[] }>}
 */
async function footprintRuns(context, kind) {
  const { options } = context;
  const measured = options.suites.includes('throughput') ? Math.max(...options.concurrency) : undefined;
  const reused = measured === undefined ? undefined : context.throughputRuns.get(`${kind}:${measured}`);
  if (reused !== undefined) return { concurrency: measured, runs: reused };
  const runs = [];
  for (let run = 1; run <= options.runs; run++) {
    context.progress(`footprint: ${kind} queue, concurrency 16, run ${run}/${options.runs}`);
    runs.push(await runBatch(context, { kind, count: options.messages, concurrency: 16, command: 'true' }));
  }
  return { concurrency: 16, runs };
}

/**
 * Times `--version` `count` times (after one untimed warm-up); resolves with each time in ms.
 * @param {string} file
 * @param {string[]} args
 * @param {number} count
 */
async function timeVersion(file, args, count) {
  await runCommand(file, args);
  const times = [];
  for (let index = 0; index < count; index++) times.push((await runCommand(file, args)).seconds * 1000);
  return times;
}

/**
 * @param {import('../lib/batch-run.mjs').BenchContext} context
 * @returns {Promise<import('../lib/report.mjs').SuiteResult>}
 */
export async function measureFootprint(context) {
  const { options } = context;
  const figures = [];
  const memoryRows = [];
  for (const kind of options.targets) {
    const { concurrency, runs } = await footprintRuns(context, kind);
    const peak = summarize(runs.map((run) => run.usage.maxRssKb / 1024));
    const cpu = summarize(runs.map((run) => ((run.usage.cpuSeconds + run.usage.helperCpuSeconds) / options.messages) * 1000));
    const helperCpu = summarize(runs.map((run) => (run.usage.helperCpuSeconds / options.messages) * 1000));
    const helperPeak = summarize(runs.map((run) => run.usage.helperMaxRssKb / 1024));
    const heapTotal = summarize(runs.map((run) => run.usage.memory.heapTotal / 1024 ** 2));
    const external = summarize(runs.map((run) => run.usage.memory.external / 1024 ** 2));
    figures.push({ name: `footprint, ${kind} queue: watcher peak RSS (MB)`, summary: peak, target: { op: '<', limit: peakRssTargetMb }, format: formatMb });
    figures.push({ name: `footprint, ${kind} queue: watcher CPU s per 1,000 messages`, summary: cpu, format: formatSeconds });
    memoryRows.push([
      kind,
      String(concurrency),
      `${formatRange(peak, formatMb)} (target < ${peakRssTargetMb})`,
      formatRange(heapTotal, formatMb),
      formatRange(external, formatMb),
      formatRange(cpu, formatSeconds),
      helperPeak.max === 0 ? 'none' : `${formatRange(helperCpu, formatSeconds)} s, ${formatRange(helperPeak, formatMb)} MB`,
    ]);
  }

  const invocations = options.runs * options.startupInvocations;
  context.progress(`footprint: watchbot --version (npm install), ${invocations} times`);
  const npm = summarize(await timeVersion(process.execPath, [cliPath, '--version'], invocations));
  figures.push({ name: 'start-up, npm install: watchbot --version (ms)', summary: npm, format: formatMs });
  if (!existsSync(binaryPath)) {
    context.progress('footprint: building the single-file binary (npm run build:binary -w @watchbot/watcher)');
    await runCommand('npm', ['run', 'build:binary', '-w', '@watchbot/watcher'], { cwd: repositoryRoot });
  }
  context.progress(`footprint: watchbot --version (single-file binary), ${invocations} times`);
  const binary = summarize(await timeVersion(binaryPath, ['--version'], invocations));
  figures.push({ name: 'start-up, single-file binary: watchbot --version (ms)', summary: binary, format: formatMs });

  return {
    tables: [
      {
        title: 'Footprint: the watcher process (workers excluded)',
        header: ['queue', 'concurrency', 'peak RSS MB', 'V8 heap at exit MB', 'external at exit MB', 'CPU s / 1,000 msg', 'spawn helper (CPU s / 1,000 msg, peak RSS)'],
        rows: memoryRows,
        notes: [
          `From the throughput runs (\`true\`, ${options.messages} messages). Peak RSS and CPU are the watcher process's own (getrusage RUSAGE_SELF at exit); a spawn helper's, sampled from /proc, are shown beside them and included in the CPU column.`,
        ],
      },
      {
        title: 'Start-up: `watchbot --version`',
        header: ['form', 'ms'],
        rows: [
          ['npm install (`node packages/cli/bin/watchbot.js`)', formatRange(npm, formatMs)],
          ['single-file binary (`apps/watcher/dist/watchbot`)', formatRange(binary, formatMs)],
        ],
        notes: [`${invocations} invocations each, after one untimed warm-up; wall-clock time from spawn to exit.`],
      },
    ],
    figures,
  };
}

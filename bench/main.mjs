// The benchmark suite's driver: parse the options, measure each figure asked for, print the
// tables, write them to docs/benchmarks.md, and exit 1 — naming the figure — when a target is
// missed by more than the noise.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describeMachine, formatLoad } from './lib/machine.mjs';
import { UsageError, parseBenchOptions, usage } from './lib/options.mjs';
import { judgeFigures, renderReport, writeReport } from './lib/report.mjs';
import { repositoryRoot } from './lib/watcher-process.mjs';

/** The page the report is written to. */
export const reportPath = join(repositoryRoot, 'docs/benchmarks.md');

/** What must have been built (`npm install` builds it) before anything can be measured. */
const builtFiles = ['packages/cli/dist/index.js', 'packages/sqlite-adapter/dist/index.js', 'packages/testing/dist/index.js'];

/**
 * Runs the suite.
 * @param {string[]} argv the options
 * @returns {Promise<number>} the exit status
 */
export async function runBench(argv) {
  let options;
  try {
    options = parseBenchOptions(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`bench: ${error.message}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  if (process.platform !== 'linux') {
    process.stderr.write(`bench: the suite reads /proc and needs Linux (this is ${process.platform})\n`);
    return 1;
  }
  const missing = builtFiles.find((file) => !existsSync(join(repositoryRoot, file)));
  if (missing !== undefined) {
    process.stderr.write(`bench: ${missing} is missing; build the packages first with 'npm run build' at the repository root\n`);
    return 1;
  }

  // Loaded only now: they import the built packages.
  const suites = {
    throughput: (await import('./suites/throughput.mjs')).measureThroughput,
    latency: (await import('./suites/latency.mjs')).measureLatency,
    cost: (await import('./suites/cost.mjs')).measureCost,
    footprint: (await import('./suites/footprint.mjs')).measureFootprint,
    scaling: (await import('./suites/scaling.mjs')).measureScaling,
  };
  const { startBenchEmulator } = await import('./lib/queues.mjs');

  const machine = describeMachine();
  let emulator;
  const context = {
    options,
    emulator: () => (emulator ??= startBenchEmulator()),
    progress: (line) => process.stderr.write(`bench: ${line}\n`),
    throughputRuns: new Map(),
  };
  const tables = [];
  const figures = [];
  try {
    for (const name of options.suites) {
      const result = await suites[name](context);
      tables.push(...result.tables);
      figures.push(...result.figures);
    }
  } finally {
    if (emulator !== undefined) await (await emulator).stop();
  }

  const judged = judgeFigures(figures);
  const report = renderReport({ machine, loadAfter: formatLoad(), commandLine: options.commandLine, quick: options.quick, runs: options.runs, tables, judged });
  process.stdout.write(`\n${report}\n`);
  if (options.write) {
    writeReport(reportPath, report);
    process.stderr.write(`bench: wrote ${reportPath}\n`);
  }
  const missed = judged.filter(({ verdict }) => verdict === 'missed');
  for (const { line } of missed) process.stderr.write(`bench: TARGET MISSED by more than the noise: ${line}\n`);
  return missed.length === 0 ? 0 : 1;
}

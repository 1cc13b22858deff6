// The benchmark's command line: which figures, on which queues, how many runs and messages.
// Checked once, up front; a bad option gets one line naming it, its value and what is allowed
// (exit status 2), like every Watchbot command.
import { parseArgs } from 'node:util';

/** Every figure the suite can measure, in the order it measures them. */
export const suiteNames = ['throughput', 'latency', 'cost', 'footprint', 'scaling'];

/** Every queue the suite can run on. */
export const queueKinds = ['embedded', 'sqs'];

/** How workers can be forked: by the spawn helper (the default) or by the watcher itself. */
export const spawnPaths = ['helper', 'node'];

/** The usage text printed by --help. */
export const usage = `Usage: npm run bench -- [options]      (or: node bench/index.mjs [options])

Measures Watchbot against the machine's limit and writes the table to docs/benchmarks.md.

  --only LIST          figures to measure: ${suiteNames.join(',')} (default: all)
  --target LIST        queues: embedded,sqs (default: both; sqs runs the fauxqs emulator in-process)
  --runs N             runs per figure, 1 to 100; each figure is the median of them (default 3)
  --messages N         messages per throughput run, 10 to 1000000 (default 2000)
  --concurrency LIST   throughput concurrency levels, each 1 to 1000 (default 1,4,16)
  --samples N          latency samples per run, 5 to 10000 (default 50)
  --spawn LIST         throughput with workers forked by: helper (the spawn helper, the default) and/or
                       node (the watcher itself, WATCHBOT_SPAWN_HELPER=false), to compare the two
  --quick              a smoke run: 300 messages, 15 latency samples, short scaling runs; writes
                       nothing unless --write is given
  --write, --no-write  write docs/benchmarks.md (default: yes, except with --quick)
  -h, --help           this text

Exit status: 0 when every target is met (or missed by less than the noise), 1 when a target is
missed by more than the noise, 2 on a usage error.`;

/** A usage error: one line, exit status 2. */
export class UsageError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Parses a whole number within [min, max].
 * @param {string} option the flag, for the message
 * @param {string} text the value as written
 * @param {number} min
 * @param {number} max
 * @returns {number}
 */
function parseWhole(option, text, min, max) {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new UsageError(`${option} ${JSON.stringify(text)}: expected a whole number from ${min} to ${max}`);
  }
  return value;
}

/**
 * Parses a comma-separated list of names, each one of `allowed`.
 * @param {string} option
 * @param {string} text
 * @param {readonly string[]} allowed
 * @returns {string[]}
 */
function parseNames(option, text, allowed) {
  const names = text.split(',').map((name) => name.trim()).filter((name) => name !== '');
  const unknown = names.find((name) => !allowed.includes(name));
  if (names.length === 0 || unknown !== undefined) {
    throw new UsageError(`${option} ${JSON.stringify(text)}: expected a comma-separated list of ${allowed.join(', ')}`);
  }
  return [...new Set(names)];
}

/**
 * @typedef {object} BenchOptions
 * @property {string[]} suites figures to measure, in suite order
 * @property {string[]} targets queues to run on
 * @property {number} runs runs per figure
 * @property {number} messages messages per throughput run
 * @property {number[]} concurrency throughput concurrency levels
 * @property {string[]} spawn how workers are forked in the throughput runs: helper, node
 * @property {number} samples latency samples per run
 * @property {number} costMessages messages per request-cost run
 * @property {number} secondsPerScalingLevel ideal duration of one scaling run, in s
 * @property {number} startupInvocations `--version` invocations per start-up run
 * @property {boolean} quick a smoke run
 * @property {boolean} write write docs/benchmarks.md
 * @property {boolean} help print the usage and stop
 * @property {string} commandLine the options as given, for the report
 */

/**
 * Parses and validates the command line.
 * @param {string[]} argv the arguments after the script name
 * @returns {BenchOptions}
 * @throws {UsageError} naming the first bad option
 */
export function parseBenchOptions(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowNegative: true,
      options: {
        only: { type: 'string' },
        target: { type: 'string' },
        runs: { type: 'string' },
        messages: { type: 'string' },
        concurrency: { type: 'string' },
        samples: { type: 'string' },
        spawn: { type: 'string' },
        quick: { type: 'boolean', default: false },
        write: { type: 'boolean' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    // node:util's messages already name the option ("Unknown option '--foo'").
    throw new UsageError(`${String(error.message).split('\n')[0]}; see --help`);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}: every option is a --flag; see --help`);
  const quick = values.quick;
  const suites = values.only === undefined ? [...suiteNames] : parseNames('--only', values.only, suiteNames);
  return {
    suites: suiteNames.filter((name) => suites.includes(name)),
    targets: values.target === undefined ? [...queueKinds] : parseNames('--target', values.target, queueKinds),
    runs: values.runs === undefined ? 3 : parseWhole('--runs', values.runs, 1, 100),
    messages: values.messages === undefined ? (quick ? 300 : 2000) : parseWhole('--messages', values.messages, 10, 1_000_000),
    concurrency:
      values.concurrency === undefined
        ? [1, 4, 16]
        : values.concurrency.split(',').map((level) => parseWhole('--concurrency', level.trim(), 1, 1000)),
    spawn: values.spawn === undefined ? ['helper'] : parseNames('--spawn', values.spawn, spawnPaths),
    samples: values.samples === undefined ? (quick ? 15 : 50) : parseWhole('--samples', values.samples, 5, 10_000),
    costMessages: quick ? 500 : 2000,
    secondsPerScalingLevel: quick ? 0.5 : 2,
    startupInvocations: quick ? 3 : 7,
    quick,
    write: values.write ?? !quick,
    help: values.help,
    commandLine: argv.join(' '),
  };
}

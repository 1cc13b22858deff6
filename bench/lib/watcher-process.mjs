// The watcher under test: `watchbot run` started exactly as a user starts it from an npm
// install (node packages/cli/bin/watchbot.js), plus a probe that reports the process's own
// resource usage as it exits. Its log (JSON lines) goes to a file; the time of its "watching …"
// line marks the moment it is ready, so start-up can be told apart from the work.
//
// The watcher's CPU time and peak RSS are its own (getrusage RUSAGE_SELF), never its workers'.
// A spawn helper the watcher may keep beside it (a long-lived process that forks the workers)
// is part of the watcher's cost, not the workers': its CPU time and peak RSS are sampled from
// /proc while it runs and reported separately.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The repository root. */
export const repositoryRoot = resolve(import.meta.dirname, '../..');

/** The npm-installed command: what `npx watchbot` and the package's bin run. */
export const cliPath = join(repositoryRoot, 'packages/cli/bin/watchbot.js');

const probeUrl = pathToFileURL(join(import.meta.dirname, 'usage-probe.mjs')).href;

/** The word a spawn helper carries in its command line, so that it can be told from a worker. */
export const helperMarker = 'watchbot-spawn-helper';

/** Wall-clock time in ms since the epoch, with sub-ms resolution. */
export const nowMs = () => performance.timeOrigin + performance.now();

/** The kernel's clock ticks per second, for /proc/<pid>/stat times (USER_HZ: 100 on Linux). */
const ticksPerSecond = 100;

/**
 * @typedef {object} WatcherUsage
 * @property {number} maxRssKb the watcher's peak RSS, KiB
 * @property {number} cpuSeconds the watcher's own user + system CPU time, s
 * @property {number} helperCpuSeconds CPU time of its spawn helpers (0 when it has none), s
 * @property {number} helperMaxRssKb the largest peak RSS of a spawn helper (0 when none), KiB
 * @property {Record<string, number>} memory where the memory was at exit (bytes): rss, heapTotal, heapUsed, external
 */

/**
 * @typedef {object} WatcherRun
 * @property {number} spawnedAtMs when the process was started
 * @property {number} exitedAtMs when it exited
 * @property {number | undefined} readyAtMs when it logged "watching …"; undefined if it never did
 * @property {WatcherUsage} usage
 * @property {string} log its standard output
 */

/**
 * @typedef {object} RunningWatcher
 * @property {import('node:child_process').ChildProcess} child
 * @property {() => Promise<number>} ready resolves with the time of its "watching …" line, ms since the epoch
 * @property {(signal?: NodeJS.Signals) => void} stop asks it to stop (SIGTERM by default)
 * @property {Promise<WatcherRun>} finished resolves once it has exited with status 0; rejects otherwise
 */

/** Child pids of `pid` (every thread's), from /proc. @param {number} pid */
function childPids(pid) {
  const pids = [];
  let threads = [];
  try {
    threads = readdirSync(`/proc/${pid}/task`);
  } catch {
    return pids;
  }
  for (const thread of threads) {
    try {
      for (const child of readFileSync(`/proc/${pid}/task/${thread}/children`, 'utf8').split(' ')) {
        if (child.trim() !== '') pids.push(Number(child));
      }
    } catch {
      // The thread ended while we looked.
    }
  }
  return pids;
}

/**
 * Samples the spawn helpers among `pid`'s children: their CPU time (utime + stime, without
 * their own children — the workers) and peak RSS, keeping the latest reading of each.
 * @param {number} pid
 * @param {Map<number, { cpuTicks: number, hwmKb: number }>} helpers
 */
function sampleHelpers(pid, helpers) {
  for (const child of childPids(pid)) {
    try {
      const known = helpers.get(child);
      if (known === undefined && !readFileSync(`/proc/${child}/cmdline`, 'utf8').includes(helperMarker)) continue;
      const stat = readFileSync(`/proc/${child}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // After "(comm)": state is field 3, utime 14 and stime 15 of the whole line.
      const cpuTicks = Number(fields[11]) + Number(fields[12]);
      const hwmKb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child}/status`, 'utf8'))?.[1] ?? 0);
      helpers.set(child, { cpuTicks: Math.max(cpuTicks, known?.cpuTicks ?? 0), hwmKb: Math.max(hwmKb, known?.hwmKb ?? 0) });
    } catch {
      // It exited while we looked; its last reading stands.
    }
  }
}

/** The time of the watcher's "watching …" line (queue open, about to receive), or undefined. @param {string} log */
function readyTime(log) {
  for (const line of log.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const entry = JSON.parse(line);
      if (typeof entry.msg === 'string' && entry.msg.startsWith('watching')) return Date.parse(entry.time);
    } catch {
      // Not a log line.
    }
  }
  return undefined;
}

/**
 * Starts `watchbot run` on `queue`.
 * @param {object} options
 * @param {string} options.queue the --queue value: a .db path or an SQS queue URL
 * @param {number} options.concurrency
 * @param {string} options.command the worker command (one shell string)
 * @param {string} options.folder a scratch folder: the log and the usage report go here; the watcher runs in it
 * @param {NodeJS.ProcessEnv} options.env the watcher's environment (its workers inherit it)
 * @param {boolean} [options.exitWhenEmpty] pass --exit-when-empty (default true)
 * @returns {RunningWatcher}
 */
export function startWatcher({ queue, concurrency, command, folder, env, exitWhenEmpty = true }) {
  const logPath = join(folder, 'watcher.log');
  const usagePath = join(folder, 'usage.json');
  const args = ['--import', probeUrl, cliPath, 'run', '--queue', queue, '--concurrency', String(concurrency), '--log-format', 'json'];
  if (exitWhenEmpty) args.push('--exit-when-empty');
  args.push('--', command);
  const logFd = openSync(logPath, 'w');
  const spawnedAtMs = nowMs();
  const child = spawn(process.execPath, args, {
    cwd: folder,
    env: { ...env, WATCHBOT_BENCH_USAGE_FILE: usagePath },
    stdio: ['ignore', logFd, 'pipe'],
  });
  closeSync(logFd);
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const helpers = new Map();
  const sampler = setInterval(() => child.pid !== undefined && sampleHelpers(child.pid, helpers), 100);

  const finished = new Promise((done, fail) => {
    child.once('error', (error) => {
      clearInterval(sampler);
      fail(error);
    });
    child.once('close', (code, signal) => {
      const exitedAtMs = nowMs();
      clearInterval(sampler);
      const log = readFileSync(logPath, 'utf8');
      if (code !== 0) {
        fail(new Error(`watchbot run exited ${code ?? signal}: ${(stderr || log.split('\n').slice(-3).join(' ')).trim()}`));
        return;
      }
      if (!existsSync(usagePath)) {
        fail(new Error('the watcher exited without writing its usage report'));
        return;
      }
      const report = JSON.parse(readFileSync(usagePath, 'utf8'));
      const helperReadings = [...helpers.values()];
      done({
        spawnedAtMs,
        exitedAtMs,
        readyAtMs: readyTime(log),
        log,
        usage: {
          maxRssKb: report.maxRssKb,
          cpuSeconds: (report.userCpuUs + report.systemCpuUs) / 1e6,
          helperCpuSeconds: helperReadings.reduce((sum, reading) => sum + reading.cpuTicks, 0) / ticksPerSecond,
          helperMaxRssKb: Math.max(0, ...helperReadings.map((reading) => reading.hwmKb)),
          memory: { rss: report.rssBytes, heapTotal: report.heapTotalBytes, heapUsed: report.heapUsedBytes, external: report.externalBytes },
        },
      });
    });
  });

  return {
    child,
    finished,
    stop(signal = 'SIGTERM') {
      child.kill(signal);
    },
    async ready() {
      for (;;) {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the watcher exited before it was ready: ${stderr.trim()}`);
        const time = readyTime(readFileSync(logPath, 'utf8'));
        if (time !== undefined) return time;
        await new Promise((wake) => setTimeout(wake, 20));
      }
    },
  };
}

// Running plain commands from the benchmark without blocking this process (which may be
// serving the SQS emulator meanwhile), and timing them.
import { spawn } from 'node:child_process';
import { nowMs } from './watcher-process.mjs';

/**
 * Runs `file` with `args`; resolves with its standard output and how long it took, rejects on
 * a non-zero exit with its standard error.
 * @param {string} file
 * @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv }} [options]
 * @returns {Promise<{ stdout: string, seconds: number }>}
 */
export function runCommand(file, args, options = {}) {
  return new Promise((done, fail) => {
    const startedMs = nowMs();
    const child = spawn(file, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    child.once('error', fail);
    child.once('close', (code, signal) => {
      const seconds = (nowMs() - startedMs) / 1000;
      if (code === 0) done({ stdout, seconds });
      else fail(new Error(`${file} ${args.join(' ')} exited ${code ?? signal}: ${stderr.trim()}`));
    });
  });
}

/**
 * The machine's limit for a command run once per message: `xargs -P <concurrency>` spawning
 * `sh -c <command>` `count` times. Resolves with messages per second.
 * @param {number} count
 * @param {number} concurrency
 * @param {string} command
 */
export async function measureXargs(count, concurrency, command) {
  const { seconds } = await runCommand('sh', ['-c', `seq ${count} | xargs -P ${concurrency} -I{} sh -c '${command}'`]);
  return count / seconds;
}

/** Waits `ms` milliseconds. @param {number} ms */
export const pause = (ms) => new Promise((wake) => setTimeout(wake, ms));

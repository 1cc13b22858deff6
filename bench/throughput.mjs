// Throughput against the physical limit: a trivial worker (`true`) over N messages, beside
// `xargs -P <concurrency>` spawning `sh -c true` the same number of times on the same machine in
// the same run. On the embedded queue, or on SQS (the fauxqs emulator, in this process, on
// 127.0.0.1). Prints a table of medians (min–max) and the watcher's peak RSS.
//
//   node bench/throughput.mjs [--target embedded|sqs] [--messages 2000] [--runs 3] [--concurrency 1,4,16]
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startSqsEmulator } from '@watchbot/testing';

const { values } = parseArgs({
  options: {
    target: { type: 'string', default: 'embedded' },
    messages: { type: 'string', default: '2000' },
    runs: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '1,4' },
  },
});
const messages = Number(values.messages);
const runs = Number(values.runs);
const levels = values.concurrency.split(',').map(Number);
const cli = resolve(import.meta.dirname, '../packages/cli/bin/watchbot.js');
const emulator = values.target === 'sqs' ? await startSqsEmulator() : undefined;
const env = emulator
  ? { ...process.env, AWS_ENDPOINT_URL: emulator.endpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'bench', AWS_SECRET_ACCESS_KEY: 'bench' }
  : process.env;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
let queueNumber = 0;

function timeXargs(concurrency) {
  const started = process.hrtime.bigint();
  execFileSync('sh', ['-c', `seq ${messages} | xargs -P ${concurrency} -I{} sh -c true`]); // nothing to serve meanwhile
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** Runs the watcher under GNU time for its peak RSS; resolves with seconds and kilobytes. */
function runWatcher(queue, concurrency, cwd) {
  return new Promise((done, fail) => {
    const args = ['-f', '%M', process.execPath, cli, 'run', '--queue', queue, '--exit-when-empty', '--concurrency', String(concurrency), '--log-format', 'json', '--', 'true'];
    const started = process.hrtime.bigint();
    const child = spawn('/usr/bin/time', args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0) return fail(new Error(`watchbot run exited ${code}: ${stderr}`));
      done({ seconds, peakKb: Number(stderr.trim().split('\n').at(-1)) });
    });
  });
}

/** Runs the CLI without blocking this process, which may be serving the emulator. */
function runCli(args, cwd) {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => (code === 0 ? done(stdout) : fail(new Error(`watchbot ${args[0]} exited ${code}: ${stderr}`))));
  });
}

async function timeWatchbot(concurrency) {
  const folder = mkdtempSync(join(tmpdir(), 'watchbot-bench-'));
  try {
    const queue = emulator ? (await emulator.createQueue(`bench-${++queueNumber}`)).url : 'bench';
    const lines = join(folder, 'messages.txt');
    writeFileSync(lines, Array.from({ length: messages }, (_, i) => `message ${i}`).join('\n'));
    await runCli(['send', '--queue', queue, '--from', lines], folder);
    const result = await runWatcher(queue, concurrency, folder);
    const status = JSON.parse(await runCli(['status', '--queue', queue, '--json'], folder));
    const left = status.visible + status.inFlight + status.delayed + status.deadLettered;
    if (left !== 0) throw new Error(`${left} messages were not processed`);
    return result;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

console.log(`${messages} messages on the ${values.target} queue, median of ${runs} runs, worker: sh -c true`);
console.log('| concurrency | watchbot msg/s (min–max) | xargs -P msg/s (min–max) | ratio | watcher peak RSS |');
console.log('| --- | --- | --- | --- | --- |');
for (const concurrency of levels) {
  const ours = [];
  const theirs = [];
  const peaks = [];
  for (let run = 0; run < runs; run++) {
    theirs.push(messages / timeXargs(concurrency));
    const { seconds, peakKb } = await timeWatchbot(concurrency);
    ours.push(messages / seconds);
    peaks.push(peakKb);
  }
  const range = (xs) => `${Math.round(median(xs))} (${Math.round(Math.min(...xs))}–${Math.round(Math.max(...xs))})`;
  console.log(`| ${concurrency} | ${range(ours)} | ${range(theirs)} | ${(median(ours) / median(theirs)).toFixed(2)} | ${Math.round(Math.max(...peaks) / 1024)} MB |`);
}
await emulator?.stop();

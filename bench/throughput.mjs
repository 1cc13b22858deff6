// Throughput against the physical limit: a trivial worker (`true`) over N messages on the
// embedded queue, beside `xargs -P <concurrency>` spawning `sh -c true` the same number of
// times on the same machine in the same run. Prints a table; figures are medians of RUNS runs.
//
//   node bench/throughput.mjs [--messages 2000] [--runs 3] [--concurrency 1,4,16]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '2000' },
    runs: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '1,4' },
  },
});
const messages = Number(values.messages);
const runs = Number(values.runs);
const levels = values.concurrency.split(',').map(Number);
const cli = resolve(import.meta.dirname, '../packages/cli/bin/watchbot.js');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function timeXargs(concurrency) {
  const started = process.hrtime.bigint();
  execFileSync('sh', ['-c', `seq ${messages} | xargs -P ${concurrency} -I{} sh -c true`]);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

function timeWatchbot(concurrency) {
  const folder = mkdtempSync(join(tmpdir(), 'watchbot-bench-'));
  try {
    const lines = join(folder, 'messages.txt');
    writeFileSync(lines, Array.from({ length: messages }, (_, i) => `message ${i}`).join('\n'));
    execFileSync(process.execPath, [cli, 'send', '--queue', 'bench', '--from', lines], { cwd: folder });
    const started = process.hrtime.bigint();
    const run = spawnSync(
      process.execPath,
      [cli, 'run', '--queue', 'bench', '--exit-when-empty', '--concurrency', String(concurrency), '--log-format', 'json', '--', 'true'],
      { cwd: folder, stdio: ['ignore', 'ignore', 'inherit'] },
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (run.status !== 0) throw new Error(`watchbot run exited ${run.status}`);
    const status = JSON.parse(execFileSync(process.execPath, [cli, 'status', '--queue', 'bench', '--json'], { cwd: folder, encoding: 'utf8' }));
    const left = status.visible + status.inFlight + status.delayed + status.deadLettered;
    if (left !== 0) throw new Error(`${left} messages were not processed`);
    return seconds;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

console.log(`${messages} messages, median of ${runs} runs, worker: sh -c true`);
console.log('| concurrency | watchbot msg/s (min–max) | xargs -P msg/s (min–max) | ratio |');
console.log('| --- | --- | --- | --- |');
for (const concurrency of levels) {
  const ours = [];
  const theirs = [];
  for (let run = 0; run < runs; run++) {
    theirs.push(messages / timeXargs(concurrency));
    ours.push(messages / timeWatchbot(concurrency));
  }
  const range = (xs) => `${Math.round(median(xs))} (${Math.round(Math.min(...xs))}–${Math.round(Math.max(...xs))})`;
  console.log(`| ${concurrency} | ${range(ours)} | ${range(theirs)} | ${(median(ours) / median(theirs)).toFixed(2)} |`);
}

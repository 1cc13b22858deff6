#!/usr/bin/env node
// The word-count worker: one command for the three kinds of message a reduce-mode job sees.
//   "count <folder>"  the start: fan out one part message per file (watchbot progress fan-out)
//   a part message    count one file's words, then complete the part; whoever completes the
//                     job's last part sends the reduce (exactly one caller ever does)
//   "reduce <job>"    add up the parts' counts and write the total
// Bookkeeping goes through the `watchbot progress` command, as a worker in any language would.
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const watchbotBin = resolve(import.meta.dirname, '../../packages/cli/bin/watchbot.js');
const watchbot = (args, input) => execFileSync(process.execPath, [watchbotBin, ...args], { input, encoding: 'utf8' }).trim();
const message = process.env.Message ?? '';
// Results live beside the queue file the watcher names in QueueUrl (sqlite:/…/.watchbot/NAME.db).
const results = join(dirname(process.env.QueueUrl.replace(/^sqlite:/, '')), 'word-count');

if (message.startsWith('count ')) {
  const folder = message.slice('count '.length);
  const files = readdirSync(folder).sort().map((name) => join(folder, name));
  const job = `words-${process.env.MessageId}`;
  console.log(watchbot(['progress', 'fan-out', job, '--from', '-'], files.join('\n')));
} else if (message.startsWith('reduce ')) {
  const job = message.slice('reduce '.length);
  const folder = join(results, job);
  const total = readdirSync(folder)
    .filter((name) => name.startsWith('part-'))
    .reduce((sum, name) => sum + Number(readFileSync(join(folder, name), 'utf8')), 0);
  writeFileSync(join(folder, 'total.txt'), `${total}\n`);
  appendFileSync(join(folder, 'reduce-runs.log'), `${process.env.MessageId}\n`);
  watchbot(['progress', 'reduce-sent', job]);
  console.log(`job ${job}: ${total} words`);
} else {
  const { jobId, part, body: file } = JSON.parse(message);
  const words = readFileSync(file, 'utf8').split(/\s+/).filter((word) => word !== '').length;
  mkdirSync(join(results, jobId), { recursive: true });
  writeFileSync(join(results, jobId, `part-${part}`), String(words));
  const state = watchbot(['progress', 'complete-part', jobId, '--part', String(part)]);
  console.log(`${file}: ${words} words (${state})`);
  if (state === 'completed') watchbot(['send', '--queue', process.env.QueueUrl, `reduce ${jobId}`]);
}

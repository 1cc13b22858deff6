#!/usr/bin/env node
// The throughput figure alone: `node bench/throughput.mjs [--target embedded|sqs] [--messages 2000]
// [--runs 3] [--concurrency 1,4,16]`. The same as `npm run bench -- --only throughput …`, without
// writing docs/benchmarks.md unless --write is given.
import { runBench } from './main.mjs';

const args = process.argv.slice(2);
process.exitCode = await runBench(['--only', 'throughput', ...(args.some((arg) => arg === '--write' || arg === '--no-write') ? [] : ['--no-write']), ...args]);

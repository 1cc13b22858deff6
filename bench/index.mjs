#!/usr/bin/env node
// `npm run bench`: every figure (throughput, latency, cost, footprint, scaling) on both queues.
// `node bench/index.mjs --help` lists the options.
import { runBench } from './main.mjs';

process.exitCode = await runBench(process.argv.slice(2));

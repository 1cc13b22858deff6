#!/usr/bin/env node
// The `watchbot` command. Plain JavaScript that any Node.js parses, so that on a Node.js
// too old for Watchbot the user reads one line naming the versions, not a syntax error.
import { setFlagsFromString } from 'node:v8';

const needed = { major: 22, minor: 13 };
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < needed.major || (major === needed.major && minor < needed.minor)) {
  console.error(
    `watchbot needs Node.js >= ${needed.major}.${needed.minor} (Node 24 LTS recommended), but this is Node.js ${process.versions.node}.`,
  );
  process.exitCode = 1;
} else {
  // A watcher (run, listen) is long-lived and allocates little that lives: V8's defaults, tuned
  // for throughput of allocation-heavy programs, let its resident set grow by tens of MB of
  // garbage not yet collected. So, for run and listen only (short commands would just collect
  // more often during start-up), before anything is loaded — V8 reads these flags each time it
  // sizes a space or picks a compiler, so setting them now takes effect, as command-line flags
  // a bin script cannot pass would:
  // - the young generation stays at its initial two 1 MiB semi-spaces (as --max-semi-space-size=1)
  //   instead of growing to 2 × 16 MiB: ~20 MB;
  // - the old generation grows by 10 % after a collection, not by V8's dynamic factor of up to
  //   100 %: ~15–25 MB with the AWS SDK, which allocates a lot per request;
  // - no Maglev, V8's mid-tier compiler: its code and compile-time memory, ~2–14 MB; the
  //   interpreter, Sparkplug and TurboFan remain. docs/benchmarks.md has the figures.
  if (process.argv[2] === 'run' || process.argv[2] === 'listen') {
    for (const flag of ['--semi-space-growth-factor=1', '--heap-growing-percent=10', '--no-maglev']) setFlagsFromString(flag);
  }
  import('../dist/index.js').then(
    async ({ main }) => {
      process.exitCode = await main(process.argv.slice(2));
    },
    (error) => {
      console.error(`watchbot: cannot load ${new URL('../dist/index.js', import.meta.url).pathname} (${error.message}); build it with 'npm run build' at the repository root.`);
      process.exitCode = 1;
    },
  );
}

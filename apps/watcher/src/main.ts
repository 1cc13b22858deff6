#!/usr/bin/env node
/**
 * The executable: `node dist/main.js listen ./worker.sh`, and the entry of the bundle the image
 * runs and of the single-file binary (scripts/build-binary.mjs). The Node.js version is checked
 * before anything is loaded, since the queue needs node:sqlite (Node ≥ 22.13): an older Node
 * gets one line, not a stack trace. No top-level await: the bundle is CommonJS.
 */
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 13)) {
  process.stderr.write(`watchbot needs Node.js >= 22.13 (Node 24 LTS recommended), but this is Node.js ${process.versions.node}.\n`);
  process.exitCode = 1;
} else {
  void import('./index.js').then(async ({ startWatcherApp }) => {
    process.exitCode = await startWatcherApp(process.argv.slice(2));
  });
}

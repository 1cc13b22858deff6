#!/usr/bin/env node
// The `watchbot` command. Plain JavaScript that any Node.js parses, so that on a Node.js
// too old for Watchbot the user reads one line naming the versions, not a syntax error.
const needed = { major: 22, minor: 13 };
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < needed.major || (major === needed.major && minor < needed.minor)) {
  console.error(
    `watchbot needs Node.js >= ${needed.major}.${needed.minor} (Node 24 LTS recommended), but this is Node.js ${process.versions.node}.`,
  );
  process.exitCode = 1;
} else {
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

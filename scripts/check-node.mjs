// Refuses, in one line, to run on a Node.js older than the project needs.
// Written in plain JavaScript that any Node parses, so it can speak before anything else fails.
const [major, minor] = process.versions.node.split('.').map(Number);
const needed = { major: 22, minor: 13 };
if (major < needed.major || (major === needed.major && minor < needed.minor)) {
  console.error(
    `watchbot needs Node.js >= ${needed.major}.${needed.minor} (node:sqlite without a flag; Node 24 LTS recommended), but this is Node.js ${process.versions.node}.`,
  );
  process.exit(1);
}

#!/usr/bin/env bash
# The Watchbot demo: five messages through an example worker on the embedded queue.
# Run it from anywhere with `npm run demo` at the repository root (after `npm install`).
set -euo pipefail
cd "$(dirname "$0")/../.."

watchbot() { node packages/cli/bin/watchbot.js "$@"; }

# A queue of its own, emptied first so the demo gives the same result every time.
rm -f .watchbot/demo.db .watchbot/demo.db-wal .watchbot/demo.db-shm

echo "== watchbot send --queue demo --from examples/demo/messages.txt"
watchbot send --queue demo --from examples/demo/messages.txt

echo
echo "== watchbot run --queue demo --exit-when-empty --concurrency 4 --max-receives 2 --log-format text -- examples/demo/worker.sh"
echo "   ('fail me' fails, is retried once after its 2 s backoff, fails again and is dead-lettered)"
watchbot run --queue demo --exit-when-empty --concurrency 4 --max-receives 2 --log-format text -- examples/demo/worker.sh

echo
echo "== watchbot status --queue demo"
watchbot status --queue demo

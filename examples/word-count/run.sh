#!/usr/bin/env bash
# Reduce mode, end to end on the embedded queue: count the words of every file in texts/ with
# one part per file, four workers at once, and one reduce that adds them up.
set -euo pipefail
cd "$(dirname "$0")/../.."
watchbot() { node packages/cli/bin/watchbot.js "$@"; }

rm -rf .watchbot/word-count.db* .watchbot/progress.db* .watchbot/word-count
watchbot send --queue word-count "count examples/word-count/texts"
watchbot run --queue word-count --exit-when-empty --concurrency 4 --log-format text -- node examples/word-count/worker.mjs

total=$(cat .watchbot/word-count/*/total.txt)
expected=$(cat examples/word-count/texts/* | wc -w | tr -d ' ')
echo "total: $total words (wc -w says $expected)"
[ "$total" = "$expected" ]

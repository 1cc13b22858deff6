/**
 * @watchbot/watcher — the entry point of the container image and the single-file binary.
 * Wiring only: everything is the `watchbot` CLI; the image runs `watchbot listen <command…>`
 * configured from the environment (QueueUrl, maxJobDuration, Volumes, …).
 */
import { main } from '@watchbot/cli';
import type { CliIo } from '@watchbot/cli';

/**
 * Runs the watcher app with `argv` (e.g. `['listen', './worker.sh']`).
 * @param io streams, directory and environment. Default: the real process's.
 * @returns the exit status: 0 success, 1 a runtime failure, 2 a usage error.
 */
export function startWatcherApp(argv: readonly string[], io?: CliIo): Promise<number> {
  return io === undefined ? main(argv) : main(argv, io);
}

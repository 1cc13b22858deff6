/**
 * The fault suite's worker and the log it keeps. Every run appends "<MessageId> <pid> start
 * <watcher>" when it begins and "<MessageId> <pid> end <watcher> <exit code>" just before it
 * exits, to one file opened for appending: the order of the lines is the order of the events,
 * across processes, so overlaps and repeats can be read straight from it.
 */
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What the worker does between its start and end lines. */
export interface WorkerBehaviour {
  /**
   * Shell run after the start line. It may set `code` (the exit code, default 0) and may read
   * `$Message`, `$MessageId` and the scenario's own variables.
   */
  readonly work?: string;
  /** Shell run after the end line instead of `exit "$code"` (e.g. `kill -KILL $$`). */
  readonly finish?: string;
}

/**
 * Writes the worker script `fault-worker.sh` into `dir` and returns its path. It logs to
 * `$FAULT_LOG` and names its watcher from `$FAULT_WATCHER` (workers inherit the watcher's
 * environment), "-" when unset.
 */
export function writeFaultWorker(dir: string, behaviour: WorkerBehaviour = {}): string {
  const path = join(dir, 'fault-worker.sh');
  const script = [
    '#!/bin/sh',
    '# The fault suite\'s worker: one start line, the work, one end line, then the exit.',
    'log=${FAULT_LOG:?FAULT_LOG is not set}',
    'code=0',
    'echo "$MessageId $$ start ${FAULT_WATCHER:--}" >> "$log"',
    behaviour.work ?? ':',
    'echo "$MessageId $$ end ${FAULT_WATCHER:--} $code" >> "$log"',
    behaviour.finish ?? 'exit "$code"',
    '',
  ].join('\n');
  writeFileSync(path, script);
  chmodSync(path, 0o755);
  return path;
}

/** One run of the worker, as the log tells it. */
export interface WorkRun {
  readonly messageId: string;
  readonly pid: number;
  /** The watcher it ran under ($FAULT_WATCHER), "-" when unset. */
  readonly watcher: string;
  /** The line number of its start. */
  readonly startLine: number;
  /** The line number of its end; undefined when it never got there (killed, still running). */
  readonly endLine?: number;
  /** The exit code it ended with. */
  readonly exitCode?: number;
}

/** The log, read. */
export interface WorkLog {
  /** Every run, in start order. */
  readonly runs: readonly WorkRun[];
  /** The runs of each message, in start order. */
  readonly runsByMessage: ReadonlyMap<string, readonly WorkRun[]>;
  /** How many lines the log had. */
  readonly lineCount: number;
}

/** Reads the log at `path` (an absent file is an empty log). */
export function readWorkLog(path: string): WorkLog {
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const open = new Map<string, { messageId: string; pid: number; watcher: string; startLine: number; endLine?: number; exitCode?: number }>();
  const runs: WorkRun[] = [];
  const lines = text.split('\n').filter((line) => line !== '');
  lines.forEach((line, index) => {
    const [messageId = '', pidText = '', phase = '', watcher = '-', codeText] = line.split(' ');
    const key = `${messageId} ${pidText}`;
    if (phase === 'start') {
      const run = { messageId, pid: Number(pidText), watcher, startLine: index };
      open.set(key, run);
      runs.push(run);
    } else if (phase === 'end') {
      const run = open.get(key);
      if (run === undefined) throw new Error(`work log line ${index + 1} ends a run that never started: ${line}`);
      run.endLine = index;
      run.exitCode = Number(codeText);
      open.delete(key);
    } else {
      throw new Error(`work log line ${index + 1} is not a start or end line: ${line}`);
    }
  });
  const runsByMessage = new Map<string, WorkRun[]>();
  for (const run of runs) runsByMessage.set(run.messageId, [...(runsByMessage.get(run.messageId) ?? []), run]);
  return { runs, runsByMessage, lineCount: lines.length };
}

/** Ids of messages whose worker ran to an end line with exit code 0. */
export function doneMessages(log: WorkLog): Set<string> {
  return new Set(log.runs.filter((run) => run.endLine !== undefined && run.exitCode === 0).map((run) => run.messageId));
}

/** Ids of messages whose worker ran to its end line, whatever the exit code. */
export function finishedMessages(log: WorkLog): Set<string> {
  return new Set(log.runs.filter((run) => run.endLine !== undefined).map((run) => run.messageId));
}

/** How many messages were started more than once (at-least-once delivery's duplicates). */
export function countDuplicates(log: WorkLog): number {
  let count = 0;
  for (const runs of log.runsByMessage.values()) if (runs.length > 1) count += 1;
  return count;
}

/**
 * Ids of messages with two runs at the same time: a start while an earlier run had not ended.
 * A run with no end line counts as running to the end of the log, so use this where workers
 * are never killed.
 */
export function overlappingMessages(log: WorkLog): string[] {
  const overlapping: string[] = [];
  for (const [messageId, runs] of log.runsByMessage) {
    for (let index = 1; index < runs.length; index += 1) {
      const previous = runs[index - 1];
      const current = runs[index];
      if (previous !== undefined && current !== undefined && (previous.endLine === undefined || previous.endLine > current.startLine)) {
        overlapping.push(messageId);
        break;
      }
    }
  }
  return overlapping;
}

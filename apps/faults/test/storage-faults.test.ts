/**
 * Scenario 6: the embedded queue's storage fails. The disk fills up while the watcher works;
 * the queue file is made read-only while it works; the queue sits on a read-only file system
 * from the start. Each time the watcher must stop with one clear line (docs/retry-cycle.md:
 * "a queue whose file cannot be written stops the watcher with one clear line and exit status
 * 1"), and nothing may be acknowledged that was not done: every message whose worker did not
 * finish must still be in the file. Once the storage is fixed, a new watcher finishes the rest.
 *
 * As root (as here) the faults are real: a small tmpfs filled to ENOSPC (SQLITE_FULL), the
 * immutable flag (which binds root and open file descriptors alike), a read-only bind mount.
 * Other users get the fallbacks of storage-faults.ts: a file-size limit and file modes.
 */
import { mkdirSync } from 'node:fs';
import { openSqliteQueue } from '@watchbot/sqlite-adapter';
import { describe, expect, it } from 'vitest';
import {
  createScenarioDir,
  fillDisk,
  finishedMessages,
  isPrivileged,
  makeImmutable,
  mountReadOnly,
  mountSmallDisk,
  readQueueFileIds,
  readWorkLog,
  recordFaultRows,
  removeFiller,
  removeWritePermission,
  runWatchbot,
  sendMessages,
  startWatchbot,
  tallyMessages,
  toFaultRow,
  waitFor,
  withDeadline,
  workMessages,
  writeFaultWorker,
} from '../src/index.js';
import type { ScenarioDir, WatchbotExit } from '../src/index.js';

const scenario = '6. broken storage';
const messageCount = 40;
const privileged = isPrivileged();

/** The queue file, its messages and the worker, ready for a watcher. */
async function prepare(dir: ScenarioDir, queuePath: string) {
  const sender = openSqliteQueue({ path: queuePath });
  const { ids: sent } = await sendMessages(sender, workMessages('stored', messageCount, () => 0.1), 100);
  await sender.close();
  const logPath = dir.file('work.log');
  const worker = writeFaultWorker(dir.path, { work: 'set -- $Message; sleep "$2"' });
  // A short visibility timeout: what the stopped watcher could not delete comes back quickly.
  const args = ['run', '--queue', queuePath, '--concurrency', '2', '--visibility-timeout', '5', '--log-format', 'json', '--', worker];
  return { sent, logPath, args, env: { FAULT_LOG: logPath } };
}

/** The watcher's stderr must be one line, the fatal error; returns it. */
function expectOneLine(exit: WatchbotExit, pattern: RegExp): string {
  const lines = exit.stderr.trim().split('\n');
  expect(lines, exit.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  return lines[0] ?? '';
}

/**
 * Nothing acknowledged that was not done: every message whose worker did not finish is still
 * in the file. Returns how many finished messages are still there too (their delete was
 * refused, so they will run again: a duplicate, not a loss).
 */
function expectUnfinishedStillQueued(queuePath: string, sent: readonly string[], logPath: string): number {
  const finished = finishedMessages(readWorkLog(logPath));
  const { waiting, deadLettered } = readQueueFileIds(queuePath);
  const missing = sent.filter((id) => !finished.has(id) && !waiting.has(id) && !deadLettered.has(id));
  expect(missing, 'messages gone from the queue file though their worker never finished').toEqual([]);
  return sent.filter((id) => finished.has(id) && waiting.has(id)).length;
}

/** After the fix: a new watcher finishes the rest; every message is accounted for. */
async function finishAndRecord(
  queuePath: string,
  prepared: Awaited<ReturnType<typeof prepare>>,
  cwd: string,
  startedAtMs: number,
  fault: string,
  details: Record<string, string | number>,
): Promise<void> {
  const { sent, logPath, args, env } = prepared;
  const last = await withDeadline(runWatchbot(args.toSpliced(-2, 0, '--exit-when-empty'), { cwd, env }), 120_000, 'a watcher to finish after the fix');
  expect(last.code, last.stderr).toBe(0);
  const ids = readQueueFileIds(queuePath);
  const tally = tallyMessages({ sent, log: readWorkLog(logPath), deadLettered: ids.deadLettered });
  recordFaultRows(toFaultRow(`${scenario}: ${fault}`, 'embedded', tally, startedAtMs, details));
  expect(tally.lost).toEqual([]);
  expect(tally.done).toBe(sent.length);
  expect(ids.waiting.size).toBe(0);
}

describe(scenario, () => {
  it('on a full disk, stops with one clear line and acknowledges nothing that was not done; a new watcher finishes once there is room', async () => {
    const startedAtMs = Date.now();
    const dir = createScenarioDir('disk-full');
    const disk = dir.file('disk');
    mkdirSync(disk);
    const unmount = privileged ? mountSmallDisk(disk, 4 * 1024 * 1024) : undefined;
    try {
      const queuePath = `${disk}/queue.db`;
      const prepared = await prepare(dir, queuePath);
      const filler = `${disk}/filler`;
      let exit: WatchbotExit;
      if (privileged) {
        const watcher = startWatchbot(prepared.args, { cwd: dir.path, env: prepared.env });
        await waitFor(() => readWorkLog(prepared.logPath).runs.filter((run) => run.endLine !== undefined).length >= 4, {
          timeoutMs: 30_000,
          what: 'four messages to be done before the disk fills',
        });
        fillDisk(filler);
        exit = await withDeadline(watcher.exited, 40_000, 'the watcher to stop on the full disk');
      } else {
        // Without root: no file the watcher writes may grow past 64 KiB, the queue's log included.
        exit = await withDeadline(runWatchbot(prepared.args, { cwd: dir.path, env: prepared.env, shellPrefix: 'ulimit -f 128;' }), 40_000, 'the watcher to stop at the size limit');
      }
      expect(exit.code).toBe(1);
      const line = expectOneLine(exit, /^watchbot: the watcher stopped on a fatal error: .*refused the write, nothing was acknowledged: (database or disk is full|disk I\/O error)$/);
      const doneButQueued = expectUnfinishedStillQueued(queuePath, prepared.sent, prepared.logPath);
      removeFiller(filler);
      await finishAndRecord(queuePath, prepared, dir.path, startedAtMs, 'full disk', {
        fault: privileged ? 'tmpfs of 4 MiB filled to ENOSPC' : 'ulimit -f 128 (64 KiB)',
        doneBeforeStop: finishedMessages(readWorkLog(prepared.logPath)).size,
        deleteRefusedSoRunAgain: doneButQueued,
        error: line.replace(/^.*nothing was acknowledged: /, ''),
      });
    } finally {
      unmount?.();
      dir.remove();
    }
  });

  it('when the queue file is made read-only under it, stops with one clear line and acknowledges nothing that was not done; a new watcher finishes once writable', async () => {
    const startedAtMs = Date.now();
    const dir = createScenarioDir('read-only-file');
    try {
      const queuePath = dir.file('queue.db');
      const prepared = await prepare(dir, queuePath);
      let undo: () => void;
      let exit: WatchbotExit;
      if (privileged) {
        const watcher = startWatchbot(prepared.args, { cwd: dir.path, env: prepared.env });
        await waitFor(() => readWorkLog(prepared.logPath).runs.filter((run) => run.endLine !== undefined).length >= 4, {
          timeoutMs: 30_000,
          what: 'four messages to be done before the file turns read-only',
        });
        // The log (-wal) too: in WAL mode every commit is written there first.
        undo = makeImmutable([queuePath, `${queuePath}-wal`]);
        exit = await withDeadline(watcher.exited, 40_000, 'the watcher to stop on the read-only file');
      } else {
        // Without root, modes bind new opens only: the file is read-only before the watcher starts.
        undo = removeWritePermission(dir.path, [queuePath]);
        exit = await withDeadline(runWatchbot(prepared.args, { cwd: dir.path, env: prepared.env }), 40_000, 'the watcher to stop on the read-only file');
      }
      let line: string;
      try {
        line = expectOneLine(exit, /^watchbot: .*(refused the write, nothing was acknowledged: (disk I\/O error|attempt to write a readonly database)|unable to open database file \(EACCES)/);
        expect(exit.code).toBe(privileged ? 1 : 2);
        expectUnfinishedStillQueued(queuePath, prepared.sent, prepared.logPath);
      } finally {
        undo();
      }
      await finishAndRecord(queuePath, prepared, dir.path, startedAtMs, 'file made read-only', {
        fault: privileged ? 'chattr +i on queue.db and queue.db-wal while running' : 'chmod a-w before the start',
        doneBeforeStop: finishedMessages(readWorkLog(prepared.logPath)).size,
        error: line.replace(/^watchbot: /, '').replaceAll(dir.path, '<dir>'),
      });
    } finally {
      dir.remove();
    }
  });

  it('on a read-only file system from the start, refuses with one line naming the reason, changes nothing, and runs once it is writable', async () => {
    const startedAtMs = Date.now();
    const dir = createScenarioDir('read-only-fs');
    const folder = dir.file('queues');
    mkdirSync(folder);
    try {
      const queuePath = `${folder}/queue.db`;
      const prepared = await prepare(dir, queuePath);
      const before = readQueueFileIds(queuePath);
      const undo = privileged ? mountReadOnly(folder) : removeWritePermission(folder, [queuePath]);
      let exit: WatchbotExit;
      try {
        exit = await withDeadline(runWatchbot(prepared.args, { cwd: dir.path, env: prepared.env }), 30_000, 'the watcher to refuse the read-only queue');
      } finally {
        undo();
      }
      expect(exit.code).toBe(2);
      const [line = ''] = exit.stderr.trim().split('\n');
      expect(line).toMatch(/^watchbot: --queue: cannot open the queue at .*queue\.db: unable to open database file \((EROFS: read-only file system|EACCES: permission denied)/);
      expect(readWorkLog(prepared.logPath).runs).toEqual([]);
      expect(readQueueFileIds(queuePath)).toEqual(before);
      await finishAndRecord(queuePath, prepared, dir.path, startedAtMs, 'read-only file system', {
        fault: privileged ? 'read-only bind mount' : 'chmod a-w on the folder and the file',
        error: line.replace(/^watchbot: /, '').replaceAll(dir.path, '<dir>'),
      });
    } finally {
      dir.remove();
    }
  });
});

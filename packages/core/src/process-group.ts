/**
 * Signalling and probing a worker's process group. A group whose members have all exited may
 * still hold zombies — children orphaned by the shell wait for PID 1 to reap them, and in a
 * container without an init process that may be never — so "is it running" looks past them.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Sends `signal` to every process in group `groupId`; false when the group no longer exists. */
export function signalProcessGroup(groupId: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-groupId, signal);
    return true;
  } catch {
    return false; // ESRCH: no process in the group.
  }
}

/** Sends `signal` to process `pid` alone; false when it no longer exists. */
export function signalProcess(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false; // ESRCH: no such process.
  }
}

/**
 * True while some process of group `groupId` is alive and not a zombie. Reads /proc where it
 * exists (Linux); elsewhere, any member — zombies included — counts as running.
 */
export function isProcessGroupRunning(groupId: number): boolean {
  if (!signalProcessGroup(groupId, 0)) return false;
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return true;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid pgrp …"; comm may hold spaces and parentheses.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(pgrp) === groupId && state !== 'Z') return true;
    } catch {
      // The process ended while we looked.
    }
  }
  return false;
}

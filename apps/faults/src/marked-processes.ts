/**
 * Finding processes by a marker: a scenario puts a unique string into its workers'
 * environment, and afterwards scans /proc for any live process that still carries it — in its
 * environment or on its command line. Zombies (exited, not yet reaped) do not count: they run
 * nothing and hold nothing.
 */
import { readFileSync, readdirSync } from 'node:fs';

/** A live process that carries the marker. */
export interface MarkedProcess {
  readonly pid: number;
  /** Its state letter from /proc/<pid>/stat (R, S, D, T …). */
  readonly state: string;
  /** Its command line, arguments joined by spaces. */
  readonly commandLine: string;
}

/** Every live process other than this one whose environment or command line contains `marker`. */
export function findMarkedProcesses(marker: string): MarkedProcess[] {
  const found: MarkedProcess[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
      if (state === 'Z' || state === 'X') continue;
      const commandLine = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim();
      const environment = readFileSync(`/proc/${entry}/environ`, 'utf8');
      if (commandLine.includes(marker) || environment.includes(marker)) found.push({ pid: Number(entry), state, commandLine });
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

/** Sends SIGKILL to every process `findMarkedProcesses(marker)` finds (a test's clean-up after a failure). */
export function killMarkedProcesses(marker: string): number {
  const found = findMarkedProcesses(marker);
  for (const { pid } of found) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  return found.length;
}

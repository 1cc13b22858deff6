/**
 * The suite's results: one row per scenario and queue, printed as a short table when the
 * scenario ends and merged into test-results/faults-report.json, which docs/reliability.md quotes.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MessageTally } from './message-tally.js';

/** The report file, at the repository root. */
export const faultReportPath = fileURLToPath(new URL('../../../test-results/faults-report.json', import.meta.url));

/** One scenario's result on one queue. */
export interface FaultRow {
  /** The scenario, e.g. "1. kill -9 of the watcher". */
  readonly scenario: string;
  /** Which queue it ran on. */
  readonly queue: 'embedded' | 'emulator';
  /** Messages the queue accepted. */
  readonly sent: number;
  /** Messages whose worker ran to exit 0. */
  readonly done: number;
  /** Messages whose worker rejected them (exit 3), which deletes them by design. */
  readonly rejected: number;
  /** Messages dead-lettered (never done). */
  readonly deadLettered: number;
  /** Messages started more than once. */
  readonly duplicates: number;
  /** Messages neither done nor dead-lettered: must be 0. */
  readonly lost: number;
  /** How long the scenario took, in seconds. */
  readonly seconds: number;
  /** Figures particular to the scenario (kills, requests during an outage …). */
  readonly details?: Readonly<Record<string, number | string | boolean>>;
}

/** The whole report file. */
export interface FaultReport {
  /** When the run started (ISO-8601). */
  readonly startedAt: string;
  /** The seed the run drew its faults from. */
  readonly seed: number;
  /** The Node.js version it ran on. */
  readonly node: string;
  /** Every row so far, in the order the scenarios ran. */
  readonly scenarios: readonly FaultRow[];
}

/** Starts a fresh report (the suite's global setup calls this once per run). */
export function resetFaultReport(seed: number): void {
  writeReport({ startedAt: new Date().toISOString(), seed, node: process.version, scenarios: [] });
}

/** Builds a row from a tally. */
export function toFaultRow(
  scenario: string,
  queue: FaultRow['queue'],
  tally: MessageTally,
  startedAtMs: number,
  details?: FaultRow['details'],
): FaultRow {
  return {
    scenario,
    queue,
    sent: tally.sent,
    done: tally.done,
    rejected: tally.rejected,
    deadLettered: tally.deadLettered,
    duplicates: tally.duplicates,
    lost: tally.lost.length,
    seconds: Math.round((Date.now() - startedAtMs) / 100) / 10,
    ...(details !== undefined && { details }),
  };
}

/** Prints the rows as a table and merges them into the report (replacing rows of the same scenario and queue). */
export function recordFaultRows(...rows: readonly FaultRow[]): void {
  console.log(formatFaultTable(rows));
  const report = readReport();
  const replaced = new Set(rows.map(rowKey));
  writeReport({ ...report, scenarios: [...report.scenarios.filter((row) => !replaced.has(rowKey(row))), ...rows] });
}

/** The rows as a fixed-width text table, with each row's details on the line below it. */
export function formatFaultTable(rows: readonly FaultRow[]): string {
  const header = ['scenario', 'queue', 'sent', 'done', 'rejected', 'dead-lettered', 'duplicates', 'lost', 'seconds'];
  const cells = rows.map((row) =>
    [row.scenario, row.queue, row.sent, row.done, row.rejected, row.deadLettered, row.duplicates, row.lost, row.seconds].map(String),
  );
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((line) => line[column]?.length ?? 0)));
  const format = (line: readonly string[]): string => line.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  const out = [format(header), format(widths.map((width) => '-'.repeat(width)))];
  rows.forEach((row, index) => {
    out.push(format(cells[index] ?? []));
    if (row.details !== undefined) {
      out.push(`  ${Object.entries(row.details).map(([key, value]) => `${key}=${String(value)}`).join(' ')}`);
    }
  });
  return out.join('\n');
}

function rowKey(row: FaultRow): string {
  return `${row.scenario}\u0000${row.queue}`;
}

function readReport(): FaultReport {
  if (!existsSync(faultReportPath)) return { startedAt: new Date().toISOString(), seed: 0, node: process.version, scenarios: [] };
  return JSON.parse(readFileSync(faultReportPath, 'utf8')) as FaultReport;
}

function writeReport(report: FaultReport): void {
  mkdirSync(dirname(faultReportPath), { recursive: true });
  writeFileSync(faultReportPath, `${JSON.stringify(report, null, 2)}\n`);
}

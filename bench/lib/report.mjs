// The report: Markdown tables for the terminal and for docs/benchmarks.md, the verdict on every
// target, and the rewrite of the generated part of docs/benchmarks.md (between two markers; the
// hand-written analysis around them is kept).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { judge, noiseOf } from './stats.mjs';

/**
 * @typedef {object} Figure
 * @property {string} name what was measured, for the verdict line
 * @property {import('./stats.mjs').Summary} summary
 * @property {import('./stats.mjs').Target} [target] none: reported, not judged
 * @property {(value: number) => string} format
 */

/**
 * @typedef {object} Table
 * @property {string} title
 * @property {string[]} header
 * @property {string[][]} rows
 * @property {string[]} [notes]
 */

/**
 * @typedef {object} SuiteResult
 * @property {Table[]} tables
 * @property {Figure[]} figures
 */

/** The start of the generated part of docs/benchmarks.md. */
export const startMarker = '<!-- bench:results:start (written by npm run bench; edits here are overwritten) -->';
/** Its end. */
export const endMarker = '<!-- bench:results:end -->';

/** Messages per second, rounded. @param {number} value */
export const formatRate = (value) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));
/** A ratio, two decimals. @param {number} value */
export const formatRatio = (value) => value.toFixed(2);
/** Milliseconds, one decimal. @param {number} value */
export const formatMs = (value) => value.toFixed(1);

/**
 * "median (min–max)".
 * @param {import('./stats.mjs').Summary} summary
 * @param {(value: number) => string} format
 */
export function formatRange(summary, format) {
  if (summary.values.length === 1) return format(summary.median);
  return `${format(summary.median)} (${format(summary.min)}–${format(summary.max)})`;
}

/** One Markdown table. @param {Table} table */
export function renderTable(table) {
  const lines = [`### ${table.title}`, '', `| ${table.header.join(' | ')} |`, `| ${table.header.map(() => '---').join(' | ')} |`];
  for (const row of table.rows) lines.push(`| ${row.join(' | ')} |`);
  for (const note of table.notes ?? []) lines.push('', note);
  return lines.join('\n');
}

const comparisons = { '>=': '≥', '<=': '≤', '<': '<' };

/**
 * @typedef {object} Judged
 * @property {Figure} figure
 * @property {import('./stats.mjs').Verdict} verdict
 * @property {string} line one line: the figure, its value, the target and the verdict
 */

/** Judges every figure that has a target. @param {Figure[]} figures @returns {Judged[]} */
export function judgeFigures(figures) {
  return figures
    .filter((figure) => figure.target !== undefined)
    .map((figure) => {
      const verdict = judge(figure.summary, figure.target);
      const { summary, target, format } = figure;
      const value = `${formatRange(summary, format)}, target ${comparisons[target.op]} ${format(target.limit)}`;
      const label = { met: 'met', 'within-noise': `missed within the noise (±${format(noiseOf(summary, target.limit))})`, missed: 'MISSED' }[verdict];
      return { figure, verdict, line: `${figure.name}: ${value} — ${label}` };
    });
}

/** The verdicts as a Markdown list. @param {Judged[]} judged */
export function renderVerdicts(judged) {
  if (judged.length === 0) return '';
  return ['### Targets', '', ...judged.map(({ verdict, line }) => `- ${verdict === 'met' ? '✅' : verdict === 'within-noise' ? '⚠️' : '❌'} ${line}`)].join('\n');
}

/**
 * The generated block: when, where, how, the tables and the verdicts.
 * @param {object} report
 * @param {import('./machine.mjs').MachineDescription} report.machine
 * @param {string} report.loadAfter
 * @param {string} report.commandLine
 * @param {boolean} report.quick
 * @param {number} report.runs
 * @param {Table[]} report.tables
 * @param {Judged[]} report.judged
 */
export function renderReport({ machine, loadAfter, commandLine, quick, runs, tables, judged }) {
  const command = `npm run bench${commandLine === '' ? '' : ` -- ${commandLine}`}`;
  return [
    `Measured ${machine.date} with \`${command}\`${quick ? ' (a quick smoke run: few messages, figures are rough)' : ''}; every figure is the median of ${runs} run${runs === 1 ? '' : 's'} with (min–max).`,
    '',
    '| machine | |',
    '| --- | --- |',
    `| CPU | ${machine.cpu}, ${machine.cores} logical cores |`,
    `| memory | ${machine.memory} |`,
    `| OS | ${machine.os} |`,
    `| Node.js | ${machine.node} |`,
    `| load average (1, 5, 15 min) | ${machine.loadBefore} before, ${loadAfter} after |`,
    '',
    ...tables.flatMap((table) => [renderTable(table), '']),
    renderVerdicts(judged),
  ].join('\n');
}

/** The page written when docs/benchmarks.md does not exist yet. */
function newPage(block) {
  return ['# Benchmarks', '', 'Reproduce with `npm run bench` (see `npm run bench -- --help`).', '', startMarker, block, endMarker, ''].join('\n');
}

/**
 * Writes `block` between the markers of `path`, keeping the rest of the page; creates the page
 * when it does not exist, and appends the markers when it has none.
 * @param {string} path
 * @param {string} block
 */
export function writeReport(path, block) {
  if (!existsSync(path)) {
    writeFileSync(path, newPage(block));
    return;
  }
  const page = readFileSync(path, 'utf8');
  const start = page.indexOf(startMarker);
  const end = page.indexOf(endMarker);
  if (start === -1 || end === -1 || end < start) {
    writeFileSync(path, `${page.trimEnd()}\n\n${startMarker}\n${block}\n${endMarker}\n`);
    return;
  }
  writeFileSync(path, `${page.slice(0, start + startMarker.length)}\n${block}\n${page.slice(end)}`);
}

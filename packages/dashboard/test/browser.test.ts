/**
 * The page in a real browser (Debian's Chromium, driven by playwright-core) over real parts: a
 * SQLite queue in a temporary file, the real watcher running a function per message, the SQLite
 * job history fed by the watcher's events through the job-history sink, and the SQLite
 * dead-letter queue over the queue's own file.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFunctionRunner, createSystemClock, createWatcher } from '@watchbot/core';
import type { Logger, Watcher } from '@watchbot/core';
import { createJobHistorySink, openSqliteJobStore } from '@watchbot/job-tracking';
import { openSqliteDeadLetterQueue, openSqliteQueue } from '@watchbot/sqlite-adapter';
import type { SqliteQueue } from '@watchbot/sqlite-adapter';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDashboard } from '../src/index.js';
import type { Dashboard } from '../src/index.js';

const screenshotPath = fileURLToPath(new URL('../../../test-results/dashboard.png', import.meta.url));
const cleanups: (() => Promise<void> | void)[] = [];
let browser: Browser;

/** Generous bounds for a shared, busy machine; the tests wait on page conditions, never on time. */
const browserTestTimeoutMs = 90_000;

/** Debian's Chromium (never a downloaded browser); CHROMIUM_PATH names another build of it. */
const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

beforeAll(async () => {
  if (!existsSync(chromiumPath)) {
    throw new Error(`the dashboard's browser tests need Chromium at ${chromiumPath}: install Debian's package (sudo apt-get install chromium), as .ci/run does, or set CHROMIUM_PATH`);
  }
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, browserTestTimeoutMs);
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  // Every cleanup runs, newest first, even when one fails (a failed check must not leak a server).
  const failures: unknown[] = [];
  for (const cleanup of cleanups.splice(0).reverse()) {
    try {
      await cleanup();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) throw failures[0];
});

// The callbacks given to page.waitForFunction and page.evaluate run in the page: the little of the DOM they use.
declare const document: {
  querySelector(selector: string): { textContent: string | null } | null;
  readonly activeElement: { getAttribute(name: string): string | null } | null;
};
declare const window: { __pwned?: boolean };

/** A queue in a fresh temporary folder (removed after the test) that dead-letters on the first failure. */
function openTempQueue(): SqliteQueue {
  const dir = mkdtempSync(join(tmpdir(), 'watchbot-dashboard-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const queue = openSqliteQueue({ path: join(dir, 'watchbot.db'), maxReceives: 1 });
  cleanups.push(() => queue.close());
  return queue;
}

/** A logger that fails the test on any warning or error. */
function strictLogger(): Logger {
  const problems: string[] = [];
  cleanups.push(() => expect(problems, 'warnings and errors logged').toEqual([]));
  return { log: (entry) => void (entry.level === 'warn' || entry.level === 'error' ? problems.push(entry.msg) : undefined) };
}

async function openPage(url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  cleanups.push(() => page.close());
  page.setDefaultTimeout(30_000);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  cleanups.push(() => expect(problems, 'errors in the page').toEqual([]));
  await page.goto(url);
  return page;
}

/** Waits until the element's text is exactly `text`. */
async function waitForText(page: Page, selector: string, text: string): Promise<void> {
  await page.waitForFunction(({ selector, text }) => document.querySelector(selector)?.textContent === text, { selector, text });
}

describe('the dashboard page', { timeout: browserTestTimeoutMs }, () => {
  it('follows the queue live, shows a job\'s timeline and replays and deletes dead letters', async () => {
    const queue = openTempQueue();
    const logger = strictLogger();
    const jobs = openSqliteJobStore({ path: join(queue.path, '..', 'watchbot.jobs.db') });
    cleanups.push(() => jobs.close());
    const history = createJobHistorySink({ store: jobs, logger, clock: createSystemClock(), flushIntervalMs: 100 });
    cleanups.push(() => history.close());
    const deadLetters = openSqliteDeadLetterQueue({ path: queue.path });
    cleanups.push(() => deadLetters.close());
    let releaseSlow = (): void => undefined;
    const slowGate = new Promise<void>((resolve) => (releaseSlow = resolve));
    // An image resizer: large files take until the test lets them finish; TIFF is not supported until "fixed".
    let tiffSupported = false;
    const runner = createFunctionRunner(async (job) => {
      const { file } = JSON.parse(job.message.body) as { file: string };
      if (file.includes('large')) await slowGate;
      if (!file.endsWith('.tiff') || tiffSupported) return 0;
      job.onOutput('stderr', `resize: unsupported format: ${file}`);
      return 1;
    });
    const xssFile = '<img src=x onerror="window.__pwned = true">.tiff';
    const [, , , poisonId, xssId] = await queue.send([
      { body: '{"file":"scans/large.png"}' },
      { body: '{"file":"a.png"}' },
      { body: '{"file":"b.png"}' },
      { body: '{"file":"c.tiff"}', subject: 'resize' },
      { body: JSON.stringify({ file: xssFile }) },
    ]);

    const dashboard: Dashboard = await startDashboard({
      sampleIntervalMs: 100,
      logger,
      sources: { queueLabel: 'watchbot.db', getCounts: () => queue.getCounts(), jobs, deadLetters, send: (messages) => queue.send(messages) },
    });
    cleanups.push(() => dashboard.close());
    const page = await openPage(dashboard.url);
    await waitForText(page, '#connection', 'Live');
    await waitForText(page, '#count-visible', '5');
    await waitForText(page, '#queue-label', 'watchbot.db');

    const watcher: Watcher = createWatcher({ queue, runner, events: history, logger, concurrency: 2, maxReceives: 1, receiveWaitMs: 200, stopTimeoutSeconds: 0 });
    const running = watcher.run();
    cleanups.push(async () => {
      releaseSlow();
      await watcher.stop();
      await running;
    });

    // The slow job holds one worker; the rest are done or dead-lettered around it.
    await waitForText(page, '#count-inFlight', '1');
    await waitForText(page, '#count-visible', '0');
    await waitForText(page, '#count-deadLettered', '2');
    await page.locator('#dead-table tbody tr').nth(1).waitFor();
    expect(await page.locator('#dead-table tbody tr').count()).toBe(2);
    // A message body is shown as text, never run as markup.
    await page.locator('#dead-table code', { hasText: '<img src=x onerror=' }).waitFor();
    expect(await page.locator('#dead-table img').count()).toBe(0);
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();

    releaseSlow();
    await waitForText(page, '#count-inFlight', '0');
    // Five settled (the history is written in batches, so this may take a sample or two), two of them failed.
    await waitForText(page, '#rate-failure', '40%');
    expect(await page.locator('#rate-throughput').textContent()).toBe('1/min');
    const visibleLine = await page.locator('#chart polyline[data-series="visible"]').getAttribute('points');
    expect(visibleLine?.split(' ').length).toBeGreaterThan(2);

    // A job's timeline and last output lines.
    await page.getByRole('button', { name: `Show the timeline of job ${poisonId}` }).click();
    await page.locator('#job-timeline li', { hasText: 'dead-lettered' }).waitFor();
    expect(await page.locator('#job-timeline strong').allTextContents()).toEqual(['received', 'started', 'failed', 'dead-lettered']);
    expect(await page.locator('#job-output').textContent()).toBe('resize: unsupported format: c.tiff');

    // Replay: the message goes back to the queue, now succeeds, and leaves the list.
    tiffSupported = true;
    await page.getByRole('button', { name: `Replay message ${poisonId}` }).click();
    await page.locator(`#dead-table tr[data-id="${poisonId}"]`).waitFor({ state: 'detached' });
    await waitForText(page, '#dead-status', `Replayed message ${poisonId}.`);
    await waitForText(page, '#count-deadLettered', '1');
    await page.locator('#jobs-table .outcome.succeeded').nth(3).waitFor();
    mkdirSync(join(screenshotPath, '..'), { recursive: true });
    await page.screenshot({ path: screenshotPath, fullPage: true });

    // Closing the timeline takes the keyboard back to the job's button.
    await page.getByRole('button', { name: 'Close' }).click();
    await page.locator('#job-detail').waitFor({ state: 'hidden' });
    await page.waitForFunction((id) => document.activeElement?.getAttribute('data-id') === id, poisonId);

    // Delete asks first; dismissing keeps the message.
    page.once('dialog', (dialog) => void dialog.dismiss());
    await page.getByRole('button', { name: `Delete message ${xssId}` }).click();
    expect(await deadLetters.count()).toBe(1);
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: `Delete message ${xssId}` }).click();
    await page.locator(`#dead-table tr[data-id="${xssId}"]`).waitFor({ state: 'detached' });
    await waitForText(page, '#count-deadLettered', '0');
    await page.locator('#dead-empty').waitFor();
    expect(await deadLetters.count()).toBe(0);
  });

  it('works behind a token and says when job history and dead letters are not available', async () => {
    const queue = openTempQueue();
    await queue.send([{ body: 'a' }, { body: 'b' }]);
    const token = 'page-token-0123456789';
    let broken = false;
    const getCounts = async (): ReturnType<SqliteQueue['getCounts']> => {
      if (broken) throw new Error('cannot read the queue at jobs.db: disk I/O error');
      return queue.getCounts();
    };
    const dashboard = await startDashboard({ token, sampleIntervalMs: 100, sources: { queueLabel: 'jobs.db', getCounts } });
    cleanups.push(() => dashboard.close());
    const page = await openPage(`${dashboard.url}?token=${token}`);
    await waitForText(page, '#connection', 'Live');
    await waitForText(page, '#count-visible', '2');
    await page.locator('#jobs-unavailable').waitFor();
    await page.locator('#dead-unavailable').waitFor();
    expect(await page.locator('#jobs-panel').isHidden()).toBe(true);
    expect(await page.locator('#rate-throughput').textContent()).toBe('–');
    await queue.send([{ body: 'c' }]);
    await waitForText(page, '#count-visible', '3');

    // A queue that cannot be read: the page says so and keeps the last counts, then recovers.
    broken = true;
    await waitForText(page, '#problems', 'Could not read queue: cannot read the queue at jobs.db: disk I/O error');
    expect(await page.locator('#count-visible').textContent()).toBe('3');
    broken = false;
    await queue.send([{ body: 'd' }]);
    await waitForText(page, '#count-visible', '4');
    await page.locator('#problems').waitFor({ state: 'hidden' });
  });
});

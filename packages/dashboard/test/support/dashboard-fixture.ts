/**
 * A dashboard over in-memory sources on a manual clock, listening on 127.0.0.1: the memory
 * queue (its counts call counted), an in-memory job store and dead-letter queue.
 */
import type { DeadLetter } from '@watchbot/core';
import { createManualClock, createMemoryQueue } from '@watchbot/core/testing';
import type { ManualClock, MemoryQueue } from '@watchbot/core/testing';
import type { Dashboard, DashboardOptions } from '../../src/index.js';
import { startDashboard } from '../../src/index.js';
import type { DashboardSources } from '../../src/dashboard-sources.js';
import type { MemoryDeadLetters } from './memory-dead-letters.js';
import { createMemoryDeadLetters } from './memory-dead-letters.js';
import type { MemoryJobStore } from './memory-job-store.js';
import { createMemoryJobStore } from './memory-job-store.js';

/** A running dashboard and the sources behind it. */
export interface DashboardFixture {
  readonly dashboard: Dashboard;
  /** The page's address, ending in "/". */
  readonly base: string;
  readonly clock: ManualClock;
  readonly queue: MemoryQueue;
  readonly jobs: MemoryJobStore;
  readonly deadLetters: MemoryDeadLetters;
  /** How many times the queue has been counted. */
  countCalls(): number;
  close(): Promise<void>;
}

/** What to change from the default fixture: options, and sources to leave out or replace. */
export interface FixtureOptions extends Omit<Partial<DashboardOptions>, 'sources'> {
  readonly sources?: (defaults: DashboardSources) => DashboardSources;
  readonly deadLetters?: DeadLetter[];
}

/** Starts a dashboard over fresh in-memory sources. */
export async function startFixture(options: FixtureOptions = {}): Promise<DashboardFixture> {
  const { sources: adjust = (defaults) => defaults, deadLetters: letters = [], ...rest } = options;
  const clock = createManualClock();
  const queue = createMemoryQueue({ clock });
  const jobs = createMemoryJobStore();
  const deadLetters = createMemoryDeadLetters(letters, (messages) => queue.send(messages));
  let calls = 0;
  const defaults: DashboardSources = {
    queueLabel: 'memory:test',
    async getCounts() {
      calls += 1;
      return { ...(await queue.getCounts()), deadLettered: deadLetters.letters.length };
    },
    jobs,
    deadLetters,
    send: (messages) => queue.send(messages),
  };
  const dashboard = await startDashboard({ clock, ...rest, sources: adjust(defaults) });
  return {
    dashboard,
    base: dashboard.url,
    clock,
    queue,
    jobs,
    deadLetters,
    countCalls: () => calls,
    close: () => dashboard.close(),
  };
}

/** Fetches `path` from the fixture and parses the JSON answer. */
export async function fetchJson(base: string, path: string, init: RequestInit = {}): Promise<{ status: number; headers: Headers; body: any }> {
  const response = await fetch(new URL(path, base), init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? undefined : JSON.parse(text) };
}

/** POSTs `body` as JSON. */
export function postJson(base: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; body: any }> {
  return fetchJson(base, path, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

/**
 * What the dashboard reads and acts on: the queue's counts, and — where the deployment has
 * them — job history, dead letters and a way to send messages. Each optional source that is
 * missing shows as "not available" on the page instead of failing.
 */
import type { DeadLetterQueue, OutgoingMessage, QueueCounts } from '@watchbot/core';
import type { JobStore } from '@watchbot/job-tracking';

/** The parts of a Watchbot deployment the dashboard shows. */
export interface DashboardSources {
  /** How the page names the queue: a file path, a queue name or an SQS URL. */
  readonly queueLabel: string;
  /** Counts the queue's messages in each state; polled once per sample, however many pages are open. */
  getCounts(): Promise<QueueCounts>;
  /** Job history: the recent-jobs table, job timelines, throughput, failure rate and durations. */
  readonly jobs?: Pick<JobStore, 'list' | 'history' | 'stats'>;
  /** The dead-letter queue: its list, Replay and Delete. */
  readonly deadLetters?: DeadLetterQueue;
  /** Sends messages to the work queue (POST /api/messages, only with a token); resolves with their ids. */
  send?(messages: OutgoingMessage[]): Promise<string[]>;
}

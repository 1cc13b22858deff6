/**
 * The job-store port: every message's history, one event per transition, queryable by job,
 * by state and time, and as statistics. SQLite on one machine, DynamoDB on AWS; both pass the
 * same contract suite.
 */

/** Where a job event came from: the watcher's own lifecycle, or a platform's state-change events. */
export type JobEventSource = 'watcher' | 'ecs' | 'batch';

/** One transition of one job. */
export interface JobEvent {
  /** The job: the queue message id for watcher events, the task ARN or Batch job id for platform events. */
  readonly jobId: string;
  /** When it happened, in ms since the Unix epoch. */
  readonly timeMs: number;
  /**
   * What happened: a core lifecycle type (received, started, succeeded, rejected, returned,
   * failed, timed-out, dead-lettered) for watcher events; the platform's status for ECS
   * (PROVISIONING … STOPPED) and Batch (SUBMITTED … SUCCEEDED, FAILED) events.
   */
  readonly type: string;
  /** Where the event came from. */
  readonly source: JobEventSource;
  /** The attempt: the receive count for watcher events, Batch's attempt count for Batch events. */
  readonly attempt?: number;
  /** The exit code, or null when the work was ended by a signal or never started. */
  readonly exitCode?: number | null;
  /** The signal that ended the worker, where one did (a null signal is stored as absent). */
  readonly signal?: string | null;
  /** How long the work ran, in ms (outcome events). */
  readonly durationMs?: number;
  /** Seconds until a returned or failed message is visible again. */
  readonly retryInSeconds?: number;
  /** The last lines of output (failure, rejection, timeout), oldest first. */
  readonly outputTail?: readonly string[];
  /** A one-line explanation: an error outside the worker, an ECS stoppedReason, a Batch statusReason. */
  readonly detail?: string;
  /** The message's subject, or the Batch job name, where there is one. */
  readonly subject?: string;
  /** Where it ran: the host name and process id of the watcher, or the ECS task ARN. */
  readonly host?: string;
}

/** The latest state of one job, as listings show it. */
export interface JobSummary {
  /** The job id (see {@link JobEvent.jobId}). */
  readonly jobId: string;
  /** Where its events came from. */
  readonly source: JobEventSource;
  /** The type of its latest event. */
  readonly state: string;
  /** Its highest attempt number seen. */
  readonly attempts: number;
  /** Its first event, in ms since the Unix epoch. */
  readonly firstSeenMs: number;
  /** Its latest event, in ms since the Unix epoch. */
  readonly lastSeenMs: number;
  /** The exit code of its latest outcome, where one is known. */
  readonly exitCode?: number | null;
  /** How long its latest attempt ran, in ms, where known. */
  readonly durationMs?: number;
  /** Its subject or job name, where it has one. */
  readonly subject?: string;
}

/** Which jobs a listing returns: newest first. */
export interface JobListQuery {
  /** Only jobs whose latest event has this type. */
  readonly state?: string;
  /** Only jobs with an event at or after this time, in ms since the Unix epoch. */
  readonly sinceMs?: number;
  /** At most this many jobs. */
  readonly limit: number;
}

/** Counts and duration percentiles of one outcome over a window. */
export interface OutcomeStats {
  /** The event type (succeeded, failed, …). */
  readonly outcome: string;
  /** How many such events happened in the window. */
  readonly count: number;
  /** Duration percentiles and maximum, in ms, over the events that carry a duration; absent when none does. */
  readonly durationMs?: { readonly p50: number; readonly p90: number; readonly p99: number; readonly max: number };
}

/** Statistics over a time window. */
export interface JobStats {
  /** The window's start, in ms since the Unix epoch. */
  readonly sinceMs: number;
  /** The window's end, in ms since the Unix epoch. */
  readonly untilMs: number;
  /** One entry per outcome type seen in the window. */
  readonly outcomes: readonly OutcomeStats[];
}

/** Where job history is kept. */
export interface JobStore {
  /** Records events (any jobs, any order). Resolves once they are durable. */
  append(events: readonly JobEvent[]): Promise<void>;
  /** The latest state of recent jobs, newest first. */
  list(query: JobListQuery): Promise<JobSummary[]>;
  /** Every recorded event of one job, oldest first; empty when the job is unknown. */
  history(jobId: string): Promise<JobEvent[]>;
  /** Counts and duration percentiles per outcome for events in [sinceMs, untilMs]. */
  stats(window: { readonly sinceMs: number; readonly untilMs: number }): Promise<JobStats>;
  /** Releases connections and handles. */
  close(): Promise<void>;
}

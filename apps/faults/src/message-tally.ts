/**
 * The end-of-scenario check: every message sent was processed (its worker ran to exit 0, or
 * rejected it with exit 3, which deletes it by design) or dead-lettered — none lost — and how
 * many ran more than once.
 */
import type { WorkLog } from './work-log.js';
import { countDuplicates, doneMessages } from './work-log.js';

/** Where every message sent ended up. */
export interface MessageTally {
  /** Messages the queue accepted. */
  readonly sent: number;
  /** Messages whose worker ran to exit 0 (at least once). */
  readonly done: number;
  /** Messages whose worker rejected them (exit 3: deleted by design), never done. */
  readonly rejected: number;
  /** Messages in the dead-letter queue that were never done. */
  readonly deadLettered: number;
  /** Messages started more than once. */
  readonly duplicates: number;
  /** Ids of messages neither done, rejected nor dead-lettered. */
  readonly lost: readonly string[];
  /** Ids in the work log that were never sent (a wrong queue, a bug in the suite). */
  readonly strangers: readonly string[];
}

/** What {@link tallyMessages} compares. */
export interface TallyInput {
  /** The ids the queue returned for each message sent. */
  readonly sent: readonly string[];
  /** The workers' log. */
  readonly log: WorkLog;
  /** The ids in the dead-letter queue. */
  readonly deadLettered: Iterable<string>;
}

/** Accounts for every message sent. */
export function tallyMessages({ sent, log, deadLettered }: TallyInput): MessageTally {
  const done = doneMessages(log);
  const rejected = new Set(log.runs.filter((run) => run.endLine !== undefined && run.exitCode === 3).map((run) => run.messageId));
  const dead = new Set(deadLettered);
  const sentSet = new Set(sent);
  const sentIds = [...sentSet];
  return {
    sent: sentIds.length,
    done: sentIds.filter((id) => done.has(id)).length,
    rejected: sentIds.filter((id) => rejected.has(id) && !done.has(id)).length,
    deadLettered: sentIds.filter((id) => dead.has(id) && !done.has(id)).length,
    duplicates: countDuplicates(log),
    lost: sentIds.filter((id) => !done.has(id) && !rejected.has(id) && !dead.has(id)),
    strangers: [...log.runsByMessage.keys()].filter((id) => !sentSet.has(id)),
  };
}

/**
 * The progress store port: what reduce mode needs of its storage. SQLite (embedded) and
 * DynamoDB (AWS) implement it; both pass the same contract suite.
 */

/** A job's state as the store reads it. */
export interface JobStatus {
  /** The job's id. */
  readonly jobId: string;
  /** How many parts the job has (parts are numbered 1..totalParts). */
  readonly totalParts: number;
  /** How many distinct parts have completed. */
  readonly completedParts: number;
  /** completedParts / totalParts, from 0 to 1; never 1 before every part has completed. */
  readonly progress: number;
  /** True once the completion of the last part was claimed (by exactly one caller). */
  readonly done: boolean;
  /** Present when the job was failed, with the reason given. */
  readonly failed?: { readonly reason: string };
  /** The job's metadata (a JSON object; {} when none was set). */
  readonly metadata: Record<string, unknown>;
  /** True once {@link ProgressStore.markReduceSent} succeeded for the job. */
  readonly reduceSent: boolean;
  /** When the total was set, in ms since the Unix epoch. */
  readonly createdAtMs: number;
  /** When the job last changed, in ms since the Unix epoch. */
  readonly updatedAtMs: number;
}

/** What {@link ProgressStore.completePart} tells its caller. */
export interface CompletePartResult {
  /** True for exactly one call per job, across all processes: the one whose part completed the set. */
  readonly completedJob: boolean;
  /** The job's progress after this call (see {@link JobStatus.progress}). */
  readonly progress: number;
}

/** Progress tracking for fan-out / fan-in jobs. Every method may throw a ReduceModeError. */
export interface ProgressStore {
  /**
   * Creates the job with `totalParts` parts (a positive integer) and optional metadata.
   * Setting the same total again is a no-op; a different total throws TOTAL_ALREADY_SET.
   */
  setTotal(jobId: string, totalParts: number, metadata?: Record<string, unknown>): Promise<void>;
  /**
   * Records part `part` (1..totalParts, else INVALID_PART) as completed. A part completed
   * twice counts once. Throws UNKNOWN_JOB for a job without a total, JOB_FAILED for a failed job.
   */
  completePart(jobId: string, part: number): Promise<CompletePartResult>;
  /** The job's status, or undefined when no such job exists. */
  getStatus(jobId: string): Promise<JobStatus | undefined>;
  /** Marks the job failed with `reason`: later completions throw JOB_FAILED. Throws UNKNOWN_JOB. */
  failJob(jobId: string, reason: string): Promise<void>;
  /** Merges `metadata` into the job's metadata (top-level keys replace). Throws UNKNOWN_JOB. */
  setMetadata(jobId: string, metadata: Record<string, unknown>): Promise<void>;
  /** Records that the reduce message was sent: true only for the first caller. Throws UNKNOWN_JOB. */
  markReduceSent(jobId: string): Promise<boolean>;
  /** Releases the store's resources; the store cannot be used afterwards. */
  close(): Promise<void>;
}

/** GET /api/jobs and GET /api/jobs/:id: recent jobs, and one job's timeline and last output lines. */
import type { JobEvent, JobStore, JobSummary } from '@watchbot/job-tracking';
import type { DashboardContext } from './dashboard-context.js';
import { HttpError } from './http-error.js';
import { readJobState, readLimit } from './query-values.js';
import { toSourceError } from './to-source-error.js';

/** The most jobs one listing returns. */
export const maxJobsPerPage = 500;

/** One job as GET /api/jobs/:id returns it. */
export interface JobDetail {
  readonly jobId: string;
  /** Every recorded event, oldest first. */
  readonly events: readonly JobEvent[];
  /** The last output lines of its latest attempt that recorded any (failed, rejected, timed out), oldest first. */
  readonly outputTail: readonly string[];
}

function requireJobs(context: DashboardContext): Pick<JobStore, 'list' | 'history' | 'stats'> {
  if (context.sources.jobs === undefined) throw new HttpError('NOT_AVAILABLE', 'job history is not available for this queue');
  return context.sources.jobs;
}

/** GET /api/jobs?state=&limit= → `{ jobs }`, newest first (limit 1 to 500, default 50). */
export async function listJobs(context: DashboardContext, url: URL): Promise<{ jobs: JobSummary[] }> {
  const jobs = requireJobs(context);
  const limit = readLimit(url, 50, maxJobsPerPage);
  const state = readJobState(url);
  try {
    return { jobs: await jobs.list({ limit, ...(state !== undefined && { state }) }) };
  } catch (error) {
    throw toSourceError(error, 'the job history');
  }
}

/** GET /api/jobs/:id → {@link JobDetail}; 404 UNKNOWN_JOB when the history has no such job. */
export async function getJob(context: DashboardContext, jobId: string): Promise<JobDetail> {
  const jobs = requireJobs(context);
  let events: JobEvent[];
  try {
    events = await jobs.history(jobId);
  } catch (error) {
    throw toSourceError(error, 'the job history');
  }
  if (events.length === 0) throw new HttpError('UNKNOWN_JOB', `no job ${JSON.stringify(jobId)} in the job history`);
  const withOutput = events.findLast((event) => event.outputTail !== undefined && event.outputTail.length > 0);
  return { jobId, events, outputTail: withOutput?.outputTail ?? [] };
}

/** What every request handler shares: the sources, the one sampler, the token and the features. */
import type { DashboardSources } from './dashboard-sources.js';
import type { DashboardFeatures, DashboardSnapshot } from './dashboard-summary.js';
import type { Sampler } from './sampler.js';

/** The state a running dashboard's handlers share. */
export interface DashboardContext {
  readonly sources: DashboardSources;
  readonly sampler: Sampler;
  /** The token, when the dashboard has one. */
  readonly token: string | undefined;
  readonly features: DashboardFeatures;
  readonly sampleIntervalMs: number;
  readonly statsWindowMs: number;
  readonly historyPoints: number;
}

/** The snapshot a page starts from: the sampler's latest sample and history, and what is available. */
export function toSnapshot(context: DashboardContext): DashboardSnapshot {
  return {
    queue: context.sources.queueLabel,
    features: context.features,
    sampleIntervalMs: context.sampleIntervalMs,
    statsWindowMs: context.statsWindowMs,
    historyPoints: context.historyPoints,
    latest: context.sampler.latest(),
    history: context.sampler.history(),
  };
}

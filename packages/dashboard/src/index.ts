/**
 * @watchbot/dashboard — a live web dashboard for a Watchbot queue: counts over time, recent
 * jobs and their timelines, dead letters with Replay and Delete, over node:http and
 * Server-Sent Events, with the page's few files embedded.
 */
export { startDashboard } from './start-dashboard.js';
export type { Dashboard } from './start-dashboard.js';
export { dashboardDefaults, minTokenLength, resolveDashboardOptions } from './dashboard-options.js';
export type { DashboardOptions, ResolvedDashboardOptions } from './dashboard-options.js';
export type { DashboardSources } from './dashboard-sources.js';
export type { CountsPoint, DashboardFeatures, DashboardSample, DashboardSnapshot, JobRates } from './dashboard-summary.js';
export type { JobDetail } from './job-routes.js';
export type { DeadLetterActionView, DeadLetterView } from './dead-letter-routes.js';
export { DashboardError, dashboardErrorCodes, isDashboardError } from './dashboard-error.js';
export type { DashboardErrorCode } from './dashboard-error.js';
export { httpErrorStatuses } from './http-error.js';
export type { HttpErrorCode } from './http-error.js';
export { isLoopbackHost } from './loopback-host.js';
export { toJobRates } from './job-rates.js';
export { pageAssetBytes } from './page-assets.js';

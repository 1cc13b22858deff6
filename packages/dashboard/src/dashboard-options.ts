/**
 * The options of {@link startDashboard}, their defaults and their validation: checked once, up
 * front, with one-line errors that name the option, the value and what is allowed.
 */
import { createSystemClock } from '@watchbot/core';
import type { Clock, Logger } from '@watchbot/core';
import { DashboardError, dashboardErrorCodes } from './dashboard-error.js';
import type { DashboardSources } from './dashboard-sources.js';
import { isLoopbackHost } from './loopback-host.js';

/** Everything {@link startDashboard} needs. Only `sources` is required. */
export interface DashboardOptions {
  /** What the dashboard shows and acts on. */
  readonly sources: DashboardSources;
  /** The address to listen on. Anything but a loopback address requires `token`. Default "127.0.0.1". */
  readonly host?: string;
  /** The TCP port, 0 to 65,535; 0 picks a free one (see the returned `port`). Default 0. */
  readonly port?: number;
  /**
   * A shared secret of at least 16 characters (no spaces). When set, every request must carry it,
   * as `Authorization: Bearer <token>` or, for the page and its GET requests, `?token=<token>`;
   * and POST /api/messages is enabled. Default: none (loopback only).
   */
  readonly token?: string;
  /** Time and timers for the sampler. Default: the system clock. */
  readonly clock?: Clock;
  /** How often the queue is counted while a page is open, in ms, 100 to 60,000. Default 1,000. */
  readonly sampleIntervalMs?: number;
  /** How many samples the chart keeps (one ring shared by every page), 2 to 10,000. Default 300. */
  readonly historyPoints?: number;
  /** The window throughput, failure rate and duration percentiles are computed over, in ms, 1,000 to 86,400,000. Default 300,000 (5 min). */
  readonly statsWindowMs?: number;
  /** Where sampling and request failures are reported. Default: none. */
  readonly logger?: Logger;
}

/** The defaults of {@link DashboardOptions}. */
export const dashboardDefaults = {
  /** Loopback: reachable from this machine only. */
  host: '127.0.0.1',
  /** A free port. */
  port: 0,
  /** One sample a second. */
  sampleIntervalMs: 1_000,
  /** Five minutes of samples at the default interval. */
  historyPoints: 300,
  /** Five minutes. */
  statsWindowMs: 300_000,
} as const;

/** The shortest token accepted, in characters. */
export const minTokenLength = 16;

/** {@link DashboardOptions} with every default applied and every value checked. */
export interface ResolvedDashboardOptions {
  readonly sources: DashboardSources;
  readonly host: string;
  readonly port: number;
  readonly token: string | undefined;
  readonly clock: Clock;
  readonly sampleIntervalMs: number;
  readonly historyPoints: number;
  readonly statsWindowMs: number;
  readonly logger: Logger | undefined;
}

function invalid(option: string, value: unknown, allowed: string): DashboardError {
  const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return new DashboardError(dashboardErrorCodes.INVALID_OPTION, `${option}: ${shown} is not valid; expected ${allowed}`);
}

function checkInteger(option: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw invalid(option, value, `a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}`);
  }
  return value;
}

function checkToken(token: string | undefined): string | undefined {
  if (token === undefined) return undefined;
  // The token is never echoed back: an error message may end up in a shared log.
  if (typeof token !== 'string' || token.length < minTokenLength || !/^[\x21-\x7e]+$/.test(token)) {
    throw new DashboardError(
      dashboardErrorCodes.INVALID_OPTION,
      `token: the value given is not valid; expected at least ${minTokenLength} printable ASCII characters without spaces (e.g. from \`openssl rand -hex 16\`)`,
    );
  }
  return token;
}

/**
 * Applies defaults and validates.
 * @throws DashboardError INVALID_OPTION naming the first bad option; TOKEN_REQUIRED for a
 *   non-loopback host without a token.
 */
export function resolveDashboardOptions(options: DashboardOptions): ResolvedDashboardOptions {
  const { sources } = options;
  if (typeof sources?.getCounts !== 'function' || typeof sources.queueLabel !== 'string') {
    throw invalid('sources', sources, 'an object with queueLabel and getCounts()');
  }
  const host = options.host ?? dashboardDefaults.host;
  if (typeof host !== 'string' || host.trim() === '' || /\s/.test(host)) throw invalid('host', host, 'a host name or IP address');
  const token = checkToken(options.token);
  if (token === undefined && !isLoopbackHost(host)) {
    throw new DashboardError(
      dashboardErrorCodes.TOKEN_REQUIRED,
      `host: ${JSON.stringify(host)} is not a loopback address; listening there requires a token (at least ${minTokenLength} characters), or use 127.0.0.1`,
    );
  }
  return {
    sources,
    host,
    port: checkInteger('port', options.port ?? dashboardDefaults.port, 0, 65_535),
    token,
    clock: options.clock ?? createSystemClock(),
    sampleIntervalMs: checkInteger('sampleIntervalMs', options.sampleIntervalMs ?? dashboardDefaults.sampleIntervalMs, 100, 60_000),
    historyPoints: checkInteger('historyPoints', options.historyPoints ?? dashboardDefaults.historyPoints, 2, 10_000),
    statsWindowMs: checkInteger('statsWindowMs', options.statsWindowMs ?? dashboardDefaults.statsWindowMs, 1_000, 86_400_000),
    logger: options.logger,
  };
}

/**
 * Starts the dashboard: a node:http server (no framework) for the page, the JSON API and the
 * event stream, over one shared sampler. Loopback by default; any other address needs a token.
 */
import { createServer } from 'node:http';
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DashboardContext } from './dashboard-context.js';
import { DashboardError, dashboardErrorCodes } from './dashboard-error.js';
import type { DashboardOptions } from './dashboard-options.js';
import { resolveDashboardOptions } from './dashboard-options.js';
import { HttpError } from './http-error.js';
import { createRequestGuard } from './request-guard.js';
import { routeRequest } from './route-request.js';
import { createSampler } from './sampler.js';
import { sendError } from './send-json.js';

/** A running dashboard. */
export interface Dashboard {
  /** The page's address, e.g. "http://127.0.0.1:8080/" (without the token: add `?token=…` to open it when there is one). */
  readonly url: string;
  /** The port it listens on (the one chosen when `port` was 0). */
  readonly port: number;
  /** Ends every event stream, stops the sampler and closes the server. Resolves once it is closed. */
  close(): Promise<void>;
}

/** Why listening failed, in words, by errno code. */
function describeListenError(error: NodeJS.ErrnoException, host: string, port: number): string {
  switch (error.code) {
    case 'EADDRINUSE':
      return `port: ${port} is already in use on ${host}; choose another port, or 0 for any free one`;
    case 'EACCES':
      return `port: ${port} on ${host} needs privileges this process lacks; choose a port above 1023`;
    case 'EADDRNOTAVAIL':
      return `host: ${JSON.stringify(host)} is not an address of this machine`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `host: ${JSON.stringify(host)} could not be resolved`;
    default:
      return `could not listen on ${host}:${port}: ${error.message}`;
  }
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      reject(new DashboardError(dashboardErrorCodes.LISTEN_FAILED, describeListenError(error, host, port), { cause: error }));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/** The host as it appears in a URL: IPv6 addresses in brackets. */
function toUrlHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/**
 * Starts a dashboard over `options.sources`.
 * @throws DashboardError INVALID_OPTION for a bad option, TOKEN_REQUIRED for a non-loopback host
 *   without a token, LISTEN_FAILED when the address cannot be listened on.
 */
export async function startDashboard(options: DashboardOptions): Promise<Dashboard> {
  const resolved = resolveDashboardOptions(options);
  const { sources, token, logger } = resolved;
  const sampler = createSampler(resolved);
  const context: DashboardContext = {
    sources,
    sampler,
    token,
    features: { jobs: sources.jobs !== undefined, deadLetters: sources.deadLetters !== undefined, sendMessages: sources.send !== undefined && token !== undefined },
    sampleIntervalMs: resolved.sampleIntervalMs,
    statsWindowMs: resolved.statsWindowMs,
    historyPoints: resolved.historyPoints,
  };
  const guard = createRequestGuard(token);
  const clients = new Set<ServerResponse>();

  const server = createServer((request, response) => {
    void (async () => {
      try {
        const url = new URL(request.url ?? '/', 'http://dashboard.invalid');
        guard(request, url);
        await routeRequest({ request, response, url, context, clients });
      } catch (error) {
        const answer = error instanceof HttpError ? error : new HttpError('INTERNAL', 'the dashboard failed to answer this request (see its log)', { cause: error });
        if (answer.status >= 500) {
          // The path only: a query may hold the token.
          const path = (request.url ?? '?').split('?', 1)[0];
          logger?.log({ level: 'error', msg: `dashboard: ${request.method ?? '?'} ${path} failed: ${error instanceof Error ? error.message : String(error)}` });
        }
        // An event stream that fails after its headers went out can only be cut.
        if (response.headersSent) response.destroy();
        else sendError(response, answer);
      }
    })().catch(() => response.destroy());
  });
  // A slow or stalled client cannot hold a request open for long (event streams are responses, not requests).
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  await listen(server, resolved.host, resolved.port);
  const { port } = server.address() as AddressInfo;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${toUrlHost(resolved.host)}:${port}/`,
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        sampler.close();
        for (const client of clients) client.end();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

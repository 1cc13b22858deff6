/**
 * The dashboard's routes: the page's three files, the JSON API and the event stream. Reads are
 * GET, actions POST; anything else is 405 with an Allow header, and any unknown path 404.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DashboardContext } from './dashboard-context.js';
import { toSnapshot } from './dashboard-context.js';
import { actOnDeadLetters, listDeadLetters } from './dead-letter-routes.js';
import { streamEvents } from './event-stream.js';
import { HttpError, invalidRequest } from './http-error.js';
import { getJob, listJobs } from './job-routes.js';
import { postMessage, requireMessageSending } from './message-route.js';
import { findPageAsset } from './page-assets.js';
import { readJsonBody } from './read-json-body.js';
import { setSecurityHeaders } from './security-headers.js';
import { sendJson } from './send-json.js';

/** The largest body of a replay or delete, in bytes. */
export const maxActionBodyBytes = 65_536;
/** The largest body of POST /api/messages, in bytes: a 1 MiB message with room for JSON escaping. */
export const maxMessageRequestBytes = 2_097_152;

/** Everything one handler gets. */
export interface RoutedRequest {
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  readonly url: URL;
  readonly context: DashboardContext;
  readonly clients: Set<ServerResponse>;
}

interface Route {
  readonly method: 'GET' | 'POST';
  readonly path: string | RegExp;
  readonly handle: (request: RoutedRequest, match: RegExpExecArray | undefined) => Promise<void>;
}

function sendAsset({ response, url, context }: RoutedRequest): Promise<void> {
  const asset = findPageAsset(url.pathname, context.token);
  if (asset === undefined) throw new HttpError('NOT_FOUND', `no page at ${url.pathname}`);
  setSecurityHeaders(response);
  response.writeHead(200, { 'Content-Type': asset.contentType, 'Content-Length': Buffer.byteLength(asset.body) });
  response.end(asset.body);
  return Promise.resolve();
}

function decodeJobId(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    throw invalidRequest('job id', encoded, 'a URL-encoded job id');
  }
}

const routes: readonly Route[] = [
  ...['/', '/index.html', '/dashboard.css', '/dashboard.js'].map((path): Route => ({ method: 'GET', path, handle: sendAsset })),
  {
    method: 'GET',
    path: '/api/summary',
    async handle({ response, context }) {
      await context.sampler.sample();
      sendJson(response, toSnapshot(context));
    },
  },
  { method: 'GET', path: '/api/events', handle: ({ request, response, context, clients }) => streamEvents(request, response, context, clients) },
  { method: 'GET', path: '/api/jobs', handle: async ({ response, context, url }) => sendJson(response, await listJobs(context, url)) },
  {
    method: 'GET',
    path: /^\/api\/jobs\/([^/]{1,1024})$/,
    handle: async ({ response, context }, match) => sendJson(response, await getJob(context, decodeJobId(match?.[1] ?? ''))),
  },
  { method: 'GET', path: '/api/dead-letters', handle: async ({ response, context, url }) => sendJson(response, await listDeadLetters(context, url)) },
  ...(['replay', 'delete'] as const).map(
    (action): Route => ({
      method: 'POST',
      path: `/api/dead-letters/${action}`,
      async handle({ request, response, context }) {
        const body = await readJsonBody(request, maxActionBodyBytes);
        sendJson(response, await actOnDeadLetters(context, action, body));
      },
    }),
  ),
  {
    method: 'POST',
    path: '/api/messages',
    async handle({ request, response, context }) {
      // Refuse before reading a body that would be thrown away.
      requireMessageSending(context);
      const body = await readJsonBody(request, maxMessageRequestBytes);
      sendJson(response, await postMessage(context, body));
    },
  },
];

/** Routes one request that has passed the guard; throws the {@link HttpError} to answer with. */
export async function routeRequest(request: RoutedRequest): Promise<void> {
  const { pathname } = request.url;
  const matching = routes.flatMap((route): { route: Route; match: RegExpExecArray | undefined }[] => {
    if (typeof route.path === 'string') return route.path === pathname ? [{ route, match: undefined }] : [];
    const match = route.path.exec(pathname);
    return match === null ? [] : [{ route, match }];
  });
  if (matching.length === 0) throw new HttpError('NOT_FOUND', `no endpoint at ${pathname}`);
  const chosen = matching.find(({ route }) => route.method === request.request.method);
  if (chosen === undefined) {
    const allow = [...new Set(matching.map(({ route }) => route.method))].join(', ');
    throw new HttpError('METHOD_NOT_ALLOWED', `${pathname} takes ${allow} only`, { headers: { Allow: allow } });
  }
  await chosen.route.handle(request, chosen.match);
}

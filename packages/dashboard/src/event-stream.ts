/**
 * GET /api/events: Server-Sent Events. A new page gets one fresh sample and a `snapshot` (the
 * history so far), then a `sample` event each time the shared sampler takes one. Closing the
 * page unsubscribes it; the last one out stops the sampler.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DashboardContext } from './dashboard-context.js';
import { toSnapshot } from './dashboard-context.js';
import { HttpError } from './http-error.js';
import { setSecurityHeaders } from './security-headers.js';

/** The most pages one dashboard streams to at once. */
export const maxEventClients = 64;

/** How long a browser waits before reconnecting a dropped stream, in ms. */
const reconnectMs = 2_000;

/** How much unsent data a page may fall behind by, in bytes, before its stream is cut (it reconnects and starts afresh). */
const maxUnsentBytes = 1_048_576;

/** Writes one event: its name and its JSON data (JSON.stringify never emits a raw newline). */
function writeEvent(response: ServerResponse, name: string, data: unknown): void {
  // A page that stopped reading (a suspended laptop, a stalled proxy) must not make the server buffer without end.
  if (response.writableLength > maxUnsentBytes) {
    response.destroy();
    return;
  }
  response.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
}

/** Serves one event stream until the client leaves or the dashboard closes; `clients` holds every open stream. */
export async function streamEvents(request: IncomingMessage, response: ServerResponse, context: DashboardContext, clients: Set<ServerResponse>): Promise<void> {
  if (clients.size >= maxEventClients) throw new HttpError('TOO_MANY_CLIENTS', `at most ${maxEventClients} pages can watch this dashboard at once`);
  setSecurityHeaders(response);
  response.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
  response.write(`retry: ${reconnectMs}\n\n`);
  clients.add(response);
  let unsubscribe: (() => void) | undefined;
  let gone = false;
  const leave = (): void => {
    gone = true;
    clients.delete(response);
    unsubscribe?.();
  };
  request.socket.setNoDelay(true);
  response.on('close', leave);
  // One sample on connect (shared with any already under way), so the page starts from fresh counts.
  await context.sampler.sample();
  if (gone) return;
  writeEvent(response, 'snapshot', toSnapshot(context));
  unsubscribe = context.sampler.subscribe((sample) => writeEvent(response, 'sample', sample));
}

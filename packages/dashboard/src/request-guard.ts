/**
 * Who may ask: with a token, a request must carry it (an `Authorization: Bearer` header, or
 * `?token=` on a GET — the page's address, its assets and its event stream); without one the
 * dashboard listens on loopback only and answers only to loopback host names, so a web page
 * elsewhere cannot reach it by pointing its own DNS name at 127.0.0.1. A POST from another
 * origin is refused either way.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-error.js';
import { isLoopbackHost } from './loopback-host.js';

/** Checks one request; throws the {@link HttpError} to answer with. */
export type RequestGuard = (request: IncomingMessage, url: URL) => void;

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** The host part of a Host header ("127.0.0.1:8080" → "127.0.0.1", "[::1]:80" → "::1"). */
function hostName(hostHeader: string): string {
  const bracketed = /^\[([^\]]*)\]/.exec(hostHeader);
  if (bracketed !== null) return bracketed[1] ?? '';
  return hostHeader.replace(/:\d*$/, '');
}

/** Creates the guard for a dashboard with (or without) `token`. */
export function createRequestGuard(token: string | undefined): RequestGuard {
  // Comparing digests of equal length in constant time leaks neither the token nor its length.
  const expected = token === undefined ? undefined : digest(token);

  const carriedToken = (request: IncomingMessage, url: URL): string | undefined => {
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      return match?.[1] ?? '';
    }
    // A token in the address is for what a browser fetches by URL (the page, its assets, the event stream): GETs only.
    return request.method === 'GET' ? (url.searchParams.get('token') ?? undefined) : undefined;
  };

  return (request, url) => {
    const host = request.headers.host ?? '';
    if (expected === undefined && !isLoopbackHost(hostName(host))) {
      throw new HttpError('FORBIDDEN', `this dashboard answers only to loopback host names (localhost, 127.0.0.1, [::1]), not ${JSON.stringify(host)}`);
    }
    const origin = request.headers.origin;
    if (request.method === 'POST' && origin !== undefined && origin !== `http://${host}` && origin !== `https://${host}`) {
      throw new HttpError('FORBIDDEN', `requests from ${JSON.stringify(origin)} are not accepted; only the dashboard's own page may post`);
    }
    if (expected === undefined) return;
    const given = carriedToken(request, url);
    if (given === undefined || !timingSafeEqual(digest(given), expected)) {
      throw new HttpError(
        'UNAUTHORIZED',
        given === undefined
          ? 'this dashboard needs its token: send "Authorization: Bearer <token>", or open the page as /?token=<token>'
          : 'the token given is not this dashboard\'s token',
        { headers: { 'WWW-Authenticate': 'Bearer realm="watchbot-dashboard"' } },
      );
    }
  };
}

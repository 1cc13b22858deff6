/**
 * The headers every response carries: a Content-Security-Policy that allows only the
 * dashboard's own script, styles and API (no inline code, no other origin), no framing, no
 * sniffing, no referrer (a page URL may hold the token) and no caching.
 */
import type { ServerResponse } from 'node:http';

/** The page may load its own files and call its own API; nothing else, and nobody may frame it. */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Header name → value, set on every response. */
export const securityHeaders: Readonly<Record<string, string>> = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  // Counts and tokens go stale or leak from caches; the assets are a few KiB.
  'Cache-Control': 'no-store',
};

/** Sets {@link securityHeaders} on `response`. */
export function setSecurityHeaders(response: ServerResponse): void {
  for (const [name, value] of Object.entries(securityHeaders)) response.setHeader(name, value);
}

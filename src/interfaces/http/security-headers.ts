import type { MiddlewareHandler } from 'hono';

/**
 * The dashboard loads its own script and stylesheet only (Vite emits no inline script; React sets styles
 * through the DOM, which CSP does not count as inline) and its favicon is a data: URI. No page may frame
 * it: the dashboard carries approve buttons, which a framing page could trick a reviewer into clicking.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Sets CSP, no framing, no MIME sniffing and no referrer on every response, API and dashboard alike. */
export function securityHeaders(): MiddlewareHandler {
  return async function setSecurityHeaders(c, next) {
    await next();
    const headers = c.res.headers;
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Frame-Options', 'DENY');
    headers.set('X-Content-Type-Options', 'nosniff');
    headers.set('Referrer-Policy', 'no-referrer');
  };
}

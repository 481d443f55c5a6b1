import type { MiddlewareHandler } from 'hono';

/**
 * What the browser may do with our pages: scripts and connections only from
 * this origin (the built client has no inline script), no framing at all
 * (the approve button cannot be put under someone else's page), no MIME
 * sniffing, no referrer (meeting ids in paths stay here), no powerful
 * features. Inline styles stay allowed: the editor positions carets and
 * menus with style attributes.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'permissions-policy':
    'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=()',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/** Sets the security headers on every answer, errors included (not on the websocket upgrade). */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (c.res.status === 101) return;
    for (const [name, value] of Object.entries(HEADERS)) c.res.headers.set(name, value);
  };
}

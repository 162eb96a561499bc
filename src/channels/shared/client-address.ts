import type { Context, MiddlewareHandler } from "hono";
import { limitKeyOf, type CidrList } from "../../net/cidr";

const KEY = "clientAddress";

/** The TCP peer: on Node the socket's address; on Workers the address Cloudflare itself reports. */
export function peerAddress(c: Context): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  if (incoming) return incoming.socket?.remoteAddress ?? "unknown";
  return c.req.header("cf-connecting-ip") ?? "unknown";
}

/**
 * The real client behind trusted proxies: X-Forwarded-For is read only when the peer is one of
 * `trusted`, from the right, skipping trusted hops; the first untrusted hop is the client (what
 * the nearest proxy saw). Anything to its left was written by the client and is ignored.
 */
export function resolveClientAddress(c: Context, trusted: CidrList): string {
  const peer = peerAddress(c);
  if (trusted.size === 0 || !trusted.has(peer)) return peer;
  const hops = (c.req.header("x-forwarded-for") ?? "").split(",").map((h) => h.trim()).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!trusted.has(hops[i])) return hops[i];
  }
  return hops[0] ?? peer;
}

/** Computes the client address once per request (app.ts mounts it before every route). */
export function clientAddressMiddleware(trusted: CidrList): MiddlewareHandler {
  return async (c, next) => {
    c.set(KEY as never, resolveClientAddress(c, trusted) as never);
    await next();
  };
}

/**
 * Who is asking, for every per-client limit: the address the middleware resolved (TRUST_PROXY
 * aware); without the middleware (a route mounted alone in a test) the TCP peer.
 */
export function clientAddress(c: Context): string {
  return (c.get(KEY as never) as string | undefined) ?? peerAddress(c);
}

/**
 * What a per-client limit counts: the client address, with IPv6 reduced to its /64 (one
 * subscriber's block), so rotating addresses inside it does not reset any count.
 */
export function clientLimitKey(c: Context): string {
  return limitKeyOf(clientAddress(c));
}

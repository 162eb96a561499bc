import type { Context } from "hono";

/**
 * Who is asking, for per-client limits: on Node the socket's address (a forwarded header could be
 * forged to dodge the limit); on Workers the address Cloudflare itself reports.
 */
export function clientAddress(c: Context): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  if (incoming) return incoming.socket?.remoteAddress ?? "unknown";
  return c.req.header("cf-connecting-ip") ?? "unknown";
}

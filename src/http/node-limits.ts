// Node only (never imported by src/worker.ts): connection bounds for the HTTP server.
import type { Server, ServerOptions } from "node:http";
import type { Socket } from "node:net";
import { limitKeyOf } from "../net/cidr";

/** Issue 14 item 5: a slow client cannot hold a connection (slow-loris) for long. */
export const SERVER_TIMEOUTS = {
  /** the complete request headers must arrive within this */
  headersTimeoutMs: 10_000,
  /** the whole request, body included */
  requestTimeoutMs: 30_000,
  /** an idle keep-alive connection is closed after this */
  keepAliveTimeoutMs: 5_000,
  /** how often Node checks the two timeouts above (its default, 30 s, would triple them) */
  connectionsCheckingIntervalMs: 1_000,
} as const;

/**
 * The listen backlog: connections the kernel completes before the event loop accepts them. Node's
 * default is 511; with 15,000 slow sockets closed by the header timeout and reopened together,
 * that queue overflowed and a USSD connection arriving in such a wave waited for SYN retries (p99
 * 12–15 s in `bench:floods` (4)). Linux caps it at net.core.somaxconn (4096 on current kernels).
 */
export const LISTEN_BACKLOG = 4096;

/** `serverOptions` for @hono/node-server's serve(): the timeouts, set at creation. */
export function boundedServerOptions(timeouts: typeof SERVER_TIMEOUTS = SERVER_TIMEOUTS): ServerOptions {
  return {
    headersTimeout: timeouts.headersTimeoutMs,
    requestTimeout: timeouts.requestTimeoutMs,
    keepAliveTimeout: timeouts.keepAliveTimeoutMs,
    connectionsCheckingInterval: timeouts.connectionsCheckingIntervalMs,
  };
}

/**
 * At most `maxPerClient` open connections from one TCP peer address, IPv6 by its /64 (0: no cap); one over is
 * closed at once, before a byte is read, so one client cannot take every descriptor. Counted on the
 * socket's address: behind a proxy the proxy is one client, so raise the cap there (README).
 * Returns the live counts for tests and metrics.
 */
export function capConnectionsPerClient(server: Server, maxPerClient: number): Map<string, number> {
  const open = new Map<string, number>();
  if (maxPerClient <= 0) return open;
  server.on("connection", (socket: Socket) => {
    // an IPv6 peer counts by its /64, so rotating addresses inside one block is still one client
    const address = limitKeyOf(socket.remoteAddress ?? "unknown");
    const count = (open.get(address) ?? 0) + 1;
    if (count > maxPerClient) {
      socket.destroy();
      return;
    }
    open.set(address, count);
    socket.once("close", () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left <= 0) open.delete(address);
      else open.set(address, left);
    });
  });
  return open;
}

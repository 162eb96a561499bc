import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, type Socket } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serviceEnv, startServer, type ServerProcess } from "../helpers/server-process";
import { ussdForm } from "../helpers/ussd";

/** A raw TCP connection from a chosen loopback address (Linux routes all of 127.0.0.0/8 to lo). */
function open(port: number, localAddress: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port, localAddress }, () => resolve(socket));
    socket.once("error", reject);
  });
}

const closed = (socket: Socket, withinMs: number) =>
  new Promise<number>((resolve) => {
    const started = Date.now();
    if (socket.destroyed) return resolve(0);
    const timer = setTimeout(() => resolve(-1), withinMs);
    socket.once("close", () => {
      clearTimeout(timer);
      resolve(Date.now() - started);
    });
    socket.on("error", () => {});
  });

async function ussdFrom(url: string, localAddress: string): Promise<{ status: number; ms: number; body: string }> {
  const port = Number(new URL(url).port);
  const body = ussdForm({ sessionId: `c-${Math.random()}`, phoneNumber: "+51987654321", text: "" });
  const socket = await open(port, localAddress);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    let raw = "";
    socket.on("data", (d) => {
      raw += d.toString("utf8");
      if (/\r\n\r\n/.test(raw) && /(CON|END) /.test(raw)) {
        socket.destroy();
        resolve({ status: Number(raw.split(" ")[1]), ms: performance.now() - started, body: raw });
      }
    });
    socket.once("error", reject);
    socket.write(`POST /channels/ussd HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  });
}

describe("issue 14 item 5: slow and numerous connections are bounded (real server)", () => {
  let dir = "";
  let server: ServerProcess;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "orienta-conn-"));
    server = await startServer(serviceEnv(join(dir, "db.sqlite"), "http://127.0.0.1:9", { MAX_CONNECTIONS_PER_CLIENT: "20" }));
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("the slow-loris finding: a connection sending a header byte a second is closed after ~10 s (headersTimeout)", async () => {
    const port = Number(new URL(server.url).port);
    const socket = await open(port, "127.0.0.5");
    socket.write("GET /healthz HTTP/1.1\r\nHost: x\r\n");
    const drip = setInterval(() => socket.writable && socket.write("X"), 1000);
    const ms = await closed(socket, 16_000);
    clearInterval(drip);
    expect(ms).toBeGreaterThan(8_000);
    expect(ms).toBeLessThan(13_000);
  }, 20_000);

  it("one address holding MAX_CONNECTIONS_PER_CLIENT slow connections gets the next one closed; a fresh address still gets its USSD screen", async () => {
    const port = Number(new URL(server.url).port);
    const held: Socket[] = [];
    for (let i = 0; i < 20; i++) {
      const s = await open(port, "127.0.0.7");
      s.on("error", () => {});
      s.write("POST /channels/ussd HTTP/1.1\r\n");
      held.push(s);
    }
    const extra = await open(port, "127.0.0.7");
    expect(await closed(extra, 2_000)).toBeGreaterThanOrEqual(0);
    const fresh = await ussdFrom(server.url, "127.0.0.8");
    expect(fresh.status).toBe(200);
    expect(fresh.body).toContain("CON ");
    expect(fresh.ms).toBeLessThan(1_000);
    for (const s of held) s.destroy();
  }, 20_000);
});

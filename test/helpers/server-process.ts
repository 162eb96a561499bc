// The real Node service (src/server.ts through tsx) as a child process on 127.0.0.1, for tests
// that need to kill it: same entry, same database setup and outbox timer as production.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** what the process wrote to stderr (the last 20,000 characters), for failure messages */
  stderr(): string;
  /** SIGKILL: no shutdown handler runs, nothing is flushed by the process */
  kill(): Promise<void>;
  /** SIGTERM: the graceful shutdown */
  stop(): Promise<void>;
}

/** A port the OS says is free right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Service environment for a child on a temp database, with SMS and WhatsApp pointed at `providerUrl`. */
export function serviceEnv(databasePath: string, providerUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: "production",
    APP_SECRET: "crash-test-secret-0123456789",
    // the tests play the gateway from loopback
    USSD_ALLOWED_SOURCES: "127.0.0.0/8,::1",
    DATABASE_PATH: databasePath,
    HOST: "127.0.0.1",
    LOG_LEVEL: "warn",
    TWILIO_AUTH_TOKEN: "test-auth-token",
    TWILIO_ACCOUNT_SID: "AC00000000000000000000000000000000",
    TWILIO_FROM: "+51900000000",
    TWILIO_API_URL: providerUrl,
    PUBLIC_BASE_URL: "http://127.0.0.1",
    WHATSAPP_APP_SECRET: "whatsapp-app-secret",
    WHATSAPP_VERIFY_TOKEN: "verify-token",
    WHATSAPP_ACCESS_TOKEN: "access-token",
    WHATSAPP_PHONE_NUMBER_ID: "100000000000001",
    WHATSAPP_GRAPH_URL: providerUrl,
    ...extra,
  };
}

/** Starts `src/server.ts` and resolves once `/healthz` answers (or rejects after `timeoutMs`). */
export async function startServer(env: Record<string, string>, timeoutMs = 60_000): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: ROOT,
    // only what node and tsx need from the test's environment: vitest's own variables stay out
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", TMPDIR: process.env.TMPDIR ?? "/tmp", ...env, PORT: String(port) },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let err = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    err = (err + chunk.toString("utf8")).slice(-20_000);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited before it was ready:\n${err}`);
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server not ready after ${timeoutMs} ms:\n${err}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return { url, child, stderr: () => err, kill: () => end("SIGKILL"), stop: () => end("SIGTERM") };
}

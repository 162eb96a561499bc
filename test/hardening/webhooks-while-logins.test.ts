import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openNodeDatabase } from "../../src/db/node";
import { createStaffUser } from "../../src/staff/users/create-staff-user";
import { metaSignatureHeader } from "../../src/channels/whatsapp/verify";
import { twilioSignature } from "../../src/channels/sms/verify";
import { hmac, webCryptoHmac } from "../../src/net/digest";
import { serviceEnv, startServer, type ServerProcess } from "../helpers/server-process";
import { textWebhook } from "../helpers/whatsapp";
import { twilioForm } from "../helpers/sms";

// Issue 14 item 6, "webhook signatures never wait on the thread pool": Web Crypto on Node runs
// every HMAC in libuv's thread pool, where staff logins run PBKDF2. With the pool at 2 threads
// (UV_THREADPOOL_SIZE=2) and 2 logins hashing, a Web Crypto signature check waits for a hash to
// finish; net/digest's synchronous HMAC does not. Judged by order of answers, not by a time.
const ITERATIONS = 3_000_000; // one verification ≈ 1 s here: long enough to see who waits

describe("webhooks answer while 2 logins hash (real server, thread pool of 2)", () => {
  let dir = "";
  let server: ServerProcess;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "orienta-pool-"));
    const path = join(dir, "db.sqlite");
    server = await startServer(serviceEnv(path, "http://127.0.0.1:9", { UV_THREADPOOL_SIZE: "2" }));
    const database = openNodeDatabase(path);
    await createStaffUser({ db: database.db, now: () => Date.now(), passwordIterations: ITERATIONS }, { email: "lenta@orienta.test", role: "quality_agent", password: "una clave muy larga 1" });
    database.close();
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("node:crypto and Web Crypto give the same HMAC bytes", async () => {
    for (const hash of ["SHA-1", "SHA-256"] as const) expect(await hmac(hash, "k", "datos")).toEqual(await webCryptoHmac(hash, "k", "datos"));
  });

  it("a signed WhatsApp webhook and a Twilio-signed SMS answer before either of 2 hashing logins", async () => {
    const forms = await Promise.all([0, 1].map(() => fetch(`${server.url}/staff/login`)));
    const logins = await Promise.all(
      forms.map(async (form) => {
        const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1];
        const cookie = form.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
        return { csrf, cookie };
      }),
    );
    const order: string[] = [];
    const started = performance.now();
    const loginDone = logins.map(({ csrf, cookie }, i) =>
      fetch(`${server.url}/staff/login`, { method: "POST", redirect: "manual", headers: { cookie, "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ _csrf: csrf, email: "lenta@orienta.test", password: `equivocada ${i} larga` }) }).then((r) => {
        order.push(`login ${r.status}`);
      }),
    );
    await new Promise((r) => setTimeout(r, 200)); // both hashes are in the pool now
    const wa = textWebhook({ id: "wamid.pool1", text: "hola", timestamp: Date.now() });
    const sms = twilioForm({ Body: "MENU", From: "+51987650001" });
    const timed = async (label: string, res: Promise<Response>) => {
      const r = await res;
      order.push(`${label} ${r.status}`);
      return performance.now() - started - 200;
    };
    const [waMs, smsMs] = await Promise.all([
      timed("whatsapp", fetch(`${server.url}/channels/whatsapp`, { method: "POST", headers: { "content-type": "application/json", "x-hub-signature-256": await metaSignatureHeader("whatsapp-app-secret", wa) }, body: wa })),
      timed("sms", fetch(`${server.url}/channels/sms/twilio`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": await twilioSignature("test-auth-token", "http://127.0.0.1/channels/sms/twilio", new URLSearchParams(sms)) }, body: sms })),
    ]);
    await Promise.all(loginDone);
    expect(order.slice(0, 2).sort()).toEqual(["sms 200", "whatsapp 200"]);
    expect(order.slice(2)).toEqual(["login 401", "login 401"]);
    console.log(`webhooks while 2 logins hash (pool of 2): WhatsApp ${waMs.toFixed(0)} ms, SMS ${smsMs.toFixed(0)} ms, logins ${(performance.now() - started).toFixed(0)} ms`);
  }, 60_000);
});

// A stand-in for Twilio's Messages API and Meta's Graph API on 127.0.0.1, for tests that run
// the service as a child process: it records every request it receives (before answering, so a
// request the service sent just before it was killed is counted too) and answers like the
// provider. Unlike the real providers it honours `Idempotency-Key` (the outbox id): a repeated
// key is recorded as a repeat and answered with the first answer's message id.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface Delivery {
  channel: "sms" | "whatsapp" | "voice";
  key: string | null;
  to: string;
  at: number;
  /** true when the same Idempotency-Key had been received before */
  repeat: boolean;
  /** outbound calls: the request as received (URL, headers, form) */
  request?: { url: string; headers: Record<string, string>; form: URLSearchParams };
}

export interface ProviderStub {
  url: string;
  deliveries: Delivery[];
  /** requests for Twilio recordings (GET the audio, DELETE it) */
  recordings: { method: string; url: string; authorization: string | null }[];
  /** provider message id by Idempotency-Key (the first answer's) */
  idByKey: Map<string, string>;
  /** milliseconds to wait before answering, and the status to answer (changeable while running;
   *  a new delay also ends the waits of requests held by the old one, which are then answered) */
  set(options: { delayMs?: number; status?: number }): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startProviderStub(options: { delayMs?: number; status?: number } = {}): Promise<ProviderStub> {
  let delayMs = options.delayMs ?? 0;
  let status = options.status ?? 200;
  const deliveries: Delivery[] = [];
  const recordings: { method: string; url: string; authorization: string | null }[] = [];
  const idByKey = new Map<string, string>();
  let counter = 0;
  const waiting = new Set<() => void>();

  const server: Server = createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req);
      const url = req.url ?? "";
      const sms = /\/Messages\.json$/.test(url);
      const whatsapp = /\/messages$/.test(url);
      // a Twilio recording: GET …/Recordings/RE….mp3 answers audio, DELETE …/Recordings/RE….json removes it
      const recording = /\/Recordings\/RE[0-9a-f]{32}\.(mp3|json)$/i.exec(url);
      if (recording) {
        recordings.push({ method: req.method ?? "", url, authorization: (req.headers.authorization as string | undefined) ?? null });
        if (status >= 400) return void res.writeHead(status).end();
        if (req.method === "GET" && recording[1] === "mp3") return void res.writeHead(200, { "content-type": "audio/mpeg" }).end(Buffer.from("ID3\u0004fake-mp3-audio"));
        if (req.method === "DELETE" && recording[1] === "json") return void res.writeHead(204).end();
        return void res.writeHead(404).end();
      }
      // outbound calls: Twilio's Calls.json and Africa's Talking's voice `call` API
      const twilioCall = /\/Calls\.json$/.test(url);
      const atCall = /\/call$/.test(url);
      if (req.method === "POST" && (twilioCall || atCall)) {
        const form = new URLSearchParams(raw);
        const key = (req.headers["idempotency-key"] as string | undefined) ?? null;
        deliveries.push({ channel: "voice", key, to: form.get(twilioCall ? "To" : "to") ?? "", at: Date.now(), repeat: key !== null && idByKey.has(key), request: { url, headers: req.headers as Record<string, string>, form } });
        if (status >= 400) {
          res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ code: 20500, message: "stub failure", errorMessage: "stub failure" }));
          return;
        }
        counter += 1;
        const id = twilioCall ? `CA${String(counter).padStart(32, "0")}` : `ATVId_stub${counter}`;
        if (key) idByKey.set(key, id);
        const answer = twilioCall ? { sid: id, status: "queued" } : { entries: [{ phoneNumber: form.get("to"), status: "Queued", sessionId: id }], errorMessage: "None" };
        res.writeHead(twilioCall ? 201 : 200, { "content-type": "application/json" }).end(JSON.stringify(answer));
        return;
      }
      if (req.method !== "POST" || (!sms && !whatsapp)) {
        res.writeHead(404).end();
        return;
      }
      const key = (req.headers["idempotency-key"] as string | undefined) ?? null;
      const to = sms ? (new URLSearchParams(raw).get("To") ?? "") : String((JSON.parse(raw) as { to?: string }).to ?? "");
      const repeat = key !== null && idByKey.has(key);
      deliveries.push({ channel: sms ? "sms" : "whatsapp", key, to, at: Date.now(), repeat });
      if (delayMs > 0) {
        await new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            waiting.delete(done);
            resolve();
          };
          const timer = setTimeout(done, delayMs);
          waiting.add(done);
        });
      }
      if (status >= 400) {
        res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ code: 20500, error: { code: 1, message: "stub failure" } }));
        return;
      }
      let id = key ? idByKey.get(key) : undefined;
      if (!id) {
        counter += 1;
        id = sms ? `SM${String(counter).padStart(32, "0")}` : `wamid.stub${counter}`;
        if (key) idByKey.set(key, id);
      }
      const answer = sms ? { sid: id, status: "queued" } : { messaging_product: "whatsapp", messages: [{ id }] };
      res.writeHead(sms ? 201 : 200, { "content-type": "application/json" }).end(JSON.stringify(answer));
    })().catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    deliveries,
    recordings,
    idByKey,
    set(next) {
      if (next.delayMs !== undefined && next.delayMs !== delayMs) {
        delayMs = next.delayMs;
        for (const done of [...waiting]) done();
      }
      if (next.status !== undefined) status = next.status;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

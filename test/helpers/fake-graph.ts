import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  contentType: string | undefined;
  body: unknown;
  /** the status the fake answered with */
  status: number;
}

export type ScriptedResponse = { status: number; body: unknown };

/**
 * A stand-in for Meta's Graph API on 127.0.0.1 (random port): records every request and
 * answers from a script (then with success), giving each accepted message a `wamid`.
 */
export async function startFakeGraph() {
  const requests: RecordedRequest[] = [];
  const script: ScriptedResponse[] = [];
  let accepted = 0;
  // runs before a successful answer, with the id about to be given (e.g. Meta's webhook outrunning it)
  const hooks: { beforeAccept?: (wamid: string) => Promise<void> } = {};
  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let data = "";
      req.setEncoding("utf8");
      req.on("data", (chunk) => (data += chunk));
      req.on("end", () => resolve(data));
    });
  const server: Server = createServer(async (req, res) => {
    const raw = await readBody(req);
    let body: unknown = raw;
    try {
      body = JSON.parse(raw);
    } catch {
      /* recorded as text */
    }
    const next = script.shift();
    requests.push({ method: req.method ?? "", path: req.url ?? "", authorization: req.headers.authorization, contentType: req.headers["content-type"], body, status: next?.status ?? 200 });
    if (next) {
      res.writeHead(next.status, { "content-type": "application/json" });
      res.end(JSON.stringify(next.body));
      return;
    }
    accepted += 1;
    await hooks.beforeAccept?.(fakeWamid(accepted));
    const to = (body as { to?: string }).to ?? "";
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ messaging_product: "whatsapp", contacts: [{ input: to, wa_id: to }], messages: [{ id: fakeWamid(accepted) }] }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    /** the next responses, in order (e.g. a 503, then a 429) */
    respond(...responses: ScriptedResponse[]) {
      script.push(...responses);
    },
    hooks,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The id the fake gives the n-th accepted message (the first matches the status fixtures). */
export function fakeWamid(n: number): string {
  return n === 1 ? "wamid.HBgLNTE5ODc2NTQzMjEVAgARGBJGQUtFR1JBUEgwMDAwMDAwMDEA" : `wamid.FAKEGRAPH${String(n).padStart(6, "0")}`;
}

/** Graph's error body, as Meta documents it. */
export function graphError(code: number, message: string, details?: string) {
  return { error: { message, type: "OAuthException", code, ...(details ? { error_data: { messaging_product: "whatsapp", details } } : {}), fbtrace_id: "AbCdEfGhIjK" } };
}

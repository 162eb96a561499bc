import type { Hono } from "hono";
import { ussdForm } from "../helpers/ussd";

/** What a scenario needs from a running build: the Node app (`app.request`) or the Worker (`dispatchFetch`). */
export type Client = (path: string, init?: RequestInit) => Promise<Response>;

export const nodeClient = (app: Hono): Client => (path, init) => Promise.resolve(app.request(path, init));

/** Every answer a person (or gateway) would see, in order: the thing compared between builds. */
export interface Exchange {
  request: string;
  status: number;
  type: string;
  body: string;
}

export class Transcript {
  readonly exchanges: Exchange[] = [];
  /**
   * @param normalize masks what is random by design (session ids, tokens) before comparing;
   * the raw body is still what the scenario's own assertions see
   */
  constructor(
    private readonly client: Client,
    private readonly normalize: (body: string) => string = (b) => b,
  ) {}

  async send(label: string, path: string, init?: RequestInit): Promise<Exchange> {
    const res = await this.client(path, init);
    const exchange = {
      request: label,
      status: res.status,
      type: (res.headers.get("content-type") ?? "").split(";")[0],
      body: await res.text(),
    };
    this.exchanges.push({ ...exchange, body: this.normalize(exchange.body) });
    return exchange;
  }

  json(label: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Exchange> {
    return this.send(label, path, {
      method,
      headers: { "content-type": "application/json", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  /** A USSD phone: each press resends the whole `*`-joined history, as the gateway does. */
  ussd(phoneNumber: string, sessionId: string) {
    const inputs: string[] = [];
    const post = (label: string, text: string) =>
      this.send(label, "/channels/ussd", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: ussdForm({ sessionId, phoneNumber, text }),
      });
    return {
      start: () => post(`ussd ${sessionId} dial`, ""),
      press: (input: string) => {
        inputs.push(input);
        return post(`ussd ${sessionId} press ${input}`, inputs.join("*"));
      },
    };
  }
}

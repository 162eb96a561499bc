import type { Hono } from "hono";

export interface ChatResponse {
  sessionId: string;
  lang: string;
  reply: { text: string; options: { id: string; label: string }[]; links: { text: string; href: string }[]; input: null | "digits" | "dni" | "date" | "text"; end: boolean };
}

/** POSTs one chat request as the widget does. */
export async function chat(app: Hono, body: unknown, headers: Record<string, string> = {}) {
  return app.request("/api/v1/chat", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** A widget in a browser: keeps the session id between turns. */
export class WebChat {
  sessionId: string | undefined;
  last: ChatResponse | undefined;
  constructor(readonly app: Hono) {}

  async send(fields: { text?: string; choice?: string; lang?: string; seq?: number } = {}): Promise<ChatResponse> {
    const res = await chat(this.app, { sessionId: this.sessionId, ...fields });
    if (res.status !== 200) throw new Error(`chat answered ${res.status}: ${await res.text()}`);
    this.last = (await res.json()) as ChatResponse;
    this.sessionId = this.last.sessionId;
    return this.last;
  }

  /** presses the option whose label is `label` */
  async press(label: string): Promise<ChatResponse> {
    const option = this.last?.reply.options.find((o) => o.label === label);
    if (!option) throw new Error(`no option "${label}" in ${JSON.stringify(this.last?.reply.options)}`);
    return this.send({ choice: option.id });
  }
}

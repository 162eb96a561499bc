import type { Hono } from "hono";

/** The form an Africa's Talking-style gateway posts, exactly as it encodes it. */
export function ussdForm(fields: { sessionId: string; phoneNumber: string; text: string; serviceCode?: string; networkCode?: string }): string {
  return new URLSearchParams({
    sessionId: fields.sessionId,
    serviceCode: fields.serviceCode ?? "*123#",
    phoneNumber: fields.phoneNumber,
    networkCode: fields.networkCode ?? "71610",
    text: fields.text,
  }).toString();
}

export async function postUssd(app: Hono, body: string) {
  const res = await app.request("/channels/ussd", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body,
  });
  return { status: res.status, type: res.headers.get("content-type") ?? "", body: await res.text() };
}

/**
 * A phone dialing in: each `press` sends the whole `*`-joined history, as the gateway does.
 */
export function dial(app: Hono, phoneNumber: string, sessionId = `ATUid_${Math.random().toString(36).slice(2)}`) {
  const inputs: string[] = [];
  return {
    sessionId,
    start: () => postUssd(app, ussdForm({ sessionId, phoneNumber, text: "" })),
    press: (input: string) => {
      inputs.push(input);
      return postUssd(app, ussdForm({ sessionId, phoneNumber, text: inputs.join("*") }));
    },
  };
}

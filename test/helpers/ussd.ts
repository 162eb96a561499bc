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

/**
 * A payment check on USSD over real HTTP, each step timed: language, my payments, I have a DNI,
 * DNI, birth date, its confirmation, payments. `unexpected` lists every answer that was not a `CON` screen.
 */
export async function timedPaymentCheck(url: string, phoneNumber: string, person: { dni: string; date: string }) {
  const sessionId = `ATUid_${phoneNumber}`;
  const inputs: string[] = [];
  const times: number[] = [];
  const unexpected: string[] = [];
  // language, my payments, I have a DNI, DNI, date, "1 yes, that date" (read back in words), payments
  for (const key of [null, "1", "3", "1", person.dni, person.date, "1", "1"]) {
    if (key !== null) inputs.push(key);
    const started = performance.now();
    const res = await fetch(`${url}/channels/ussd`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: ussdForm({ sessionId, phoneNumber, text: inputs.join("*") }),
    });
    const body = await res.text();
    times.push(performance.now() - started);
    if (res.status !== 200 || !body.startsWith("CON")) unexpected.push(`${res.status} ${body}`);
  }
  return { times, unexpected };
}

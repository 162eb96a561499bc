import { describe, expect, it } from "vitest";
import { DEMO, makeRegistryApp } from "../helpers/registry";
import type { ChatResponse } from "../helpers/web";

/**
 * Session 8 review: in the web chat the identity check counted failures against the chat session
 * (`web:<session id>`), and a new session costs nothing (a request without `sessionId`). So the
 * per-client bounds — 5 failures lock a DNI for that client, 10 failures at any DNI slow that
 * client down — never applied to the chat: a guesser opened a session per guess and met only the
 * DNI-wide bound. The chat now counts failures against the client address (IPv6 by its /64),
 * like `POST /api/v1/lookup`.
 */
const from = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });

async function guessInNewSession(app: Awaited<ReturnType<typeof makeRegistryApp>>["app"], address: string, dni: string, date: string): Promise<string> {
  let sessionId: string | undefined;
  let last: ChatResponse | undefined;
  for (const fields of [{ lang: "es" }, { text: "3" }, { text: "1" }, { text: dni }, { text: date }]) {
    const res = await app.request("/api/v1/chat", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ sessionId, ...fields }) }, from(address));
    expect(res.status).toBe(200);
    last = (await res.json()) as ChatResponse;
    sessionId = last.sessionId;
    // a locked DNI is said right after the DNI, before the date is asked
    if (/queda bloqueada/.test(last.reply.text)) return "locked";
  }
  return /no coinciden/.test(last!.reply.text) ? "failed" : last!.reply.text;
}

describe("web chat: identity-check failures count against the client address, not the throwaway session", () => {
  it("a new session per guess from one address: the DNI locks for that address after 5 failures; another address can still check", async () => {
    const { app } = await makeRegistryApp();
    const dni = DEMO.pension65Available.dni;
    const outcomes: string[] = [];
    for (let i = 0; i < 7; i++) outcomes.push(await guessInNewSession(app, "198.51.100.7", dni, `0101${1960 + i}`));
    expect(outcomes.slice(0, 4)).toEqual(["failed", "failed", "failed", "failed"]);
    expect(outcomes.slice(5)).toEqual(["locked", "locked"]);
    // the person herself, from elsewhere, is not locked out by this
    expect(await guessInNewSession(app, "203.0.113.9", dni, DEMO.pension65Available.date)).not.toBe("locked");
  });
});

import { isLang, type Lang } from "../../i18n/langs";

/**
 * What the call remembers between two requests, carried in the action URL of each prompt (the
 * provider calls it back with the keys pressed): what the spoken prompt expected, how many times
 * in a row the caller was not understood, the language spoken, and digits waiting for "1 = yes,
 * that is right". The conversation itself (node, answers) stays in the session, as on USSD.
 * Digits waiting for confirmation (a DNI) are sealed (AES-GCM, bound to the call): a URL the
 * provider logs never shows them.
 */
export type Expect =
  /** a menu: one key */
  | "choice"
  /** typed digits (engine input kinds), ended by # */
  | "dni"
  | "date"
  | "digits"
  /** "you pressed 1 2 3 4…: 1 if right, 2 to type again" */
  | "confirm"
  /** Aymara is not offered yet: 1 Spanish, 2 Quechua, 3 Línea 101 */
  | "lang"
  /** a spoken answer (<Record>) */
  | "record";

export interface CallState {
  expect: Expect;
  /** prompts in a row the caller let pass in silence or answered with a wrong key */
  misses: number;
  lang: Lang | null;
  /** sealed digits waiting for confirmation */
  pending: string | null;
  /** this request is the redirect after a prompt went unanswered */
  silence: boolean;
  /**
   * how many keypresses of this call the conversation had applied when the prompt was planned:
   * a provider that sends the same action again (a retry after a timeout) carries the same
   * number, and the turn runner does not apply those keys twice (`Turn.seq`)
   */
  seq?: number;
}

const EXPECTS = new Set<Expect>(["choice", "dni", "date", "digits", "confirm", "lang", "record"]);

export function readCallState(query: URLSearchParams): CallState {
  const expect = query.get("e") as Expect | null;
  const misses = Number(query.get("m") ?? "0");
  const lang = query.get("l");
  const seq = Number(query.get("n") ?? "NaN");
  return {
    ...(Number.isInteger(seq) && seq >= 0 && seq <= 100_000 ? { seq } : {}),
    expect: expect && EXPECTS.has(expect) ? expect : "choice",
    misses: Number.isInteger(misses) && misses >= 0 && misses < 10 ? misses : 0,
    lang: isLang(lang) ? lang : null,
    pending: query.get("p"),
    silence: query.get("s") === "1",
  };
}

/** The query of an action URL carrying this state (`silence` for the redirect after the prompt). */
export function callStateQuery(state: Omit<CallState, "silence">, silence = false): URLSearchParams {
  const q = new URLSearchParams({ e: state.expect, m: String(state.misses) });
  if (state.lang) q.set("l", state.lang);
  if (state.pending) q.set("p", state.pending);
  if (state.seq !== undefined) q.set("n", String(state.seq));
  if (silence) q.set("s", "1");
  return q;
}

export interface Sealer {
  seal(text: string, callId: string): Promise<string>;
  /** null: not sealed by us for this call (tampered, another call's, or garbage) */
  open(token: string, callId: string): Promise<string | null>;
}

const b64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
function fromB64url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]{20,400}$/.test(text)) return null;
  const padded = text.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (text.length % 4)) % 4);
  try {
    return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

/** AES-256-GCM under a key derived from the app secret; the call id is the additional data. */
export function createSealer(appSecret: string): Sealer {
  const encoder = new TextEncoder();
  const key = crypto.subtle
    .digest("SHA-256", encoder.encode(`voice-pending:${appSecret}`))
    .then((raw) => crypto.subtle.importKey("raw", raw, { name: "AES-GCM" }, false, ["encrypt", "decrypt"]));
  return {
    async seal(text, callId) {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: encoder.encode(callId) }, await key, encoder.encode(text)));
      const out = new Uint8Array(iv.length + sealed.length);
      out.set(iv);
      out.set(sealed, iv.length);
      return b64url(out);
    },
    async open(token, callId) {
      const bytes = fromB64url(token);
      if (!bytes || bytes.length < 29) return null;
      try {
        const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: bytes.slice(0, 12), additionalData: encoder.encode(callId) }, await key, bytes.slice(12));
        return new TextDecoder().decode(plain);
      } catch {
        return null;
      }
    },
  };
}

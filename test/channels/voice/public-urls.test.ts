import { describe, expect, it } from "vitest";
import twilio from "twilio";
import { makeTestApp } from "../../helpers/app";
import { atCall, readAnswer, voiceFixture, VOICE_ENV } from "../../helpers/voice";
import { voiceSegments } from "../../../src/db/schema";
import { createMemoryMediaStore, segmentMediaPath } from "../../../src/voice/media-store";

const KEY = "at-voice-key-0123456789";

/** An app whose prompt bank has a Spanish recording of the main menu's title (as the studio stores it). */
async function appWithRecording(env: Record<string, string>) {
  const media = createMemoryMediaStore();
  const t = makeTestApp({ env: { ...VOICE_ENV, VOICE_AT_CALLBACK_KEY: KEY, ...env }, media });
  const bytes = new Uint8Array([82, 73, 70, 70, 1, 2, 3]);
  const mediaPath = await segmentMediaPath("es", "common.main.title~0", bytes);
  await media.put(mediaPath, bytes, "audio/wav");
  await t.deps.db.insert(voiceSegments).values({ lang: "es", segment: "common.main.title~0", text: "MIDIS Orienta. Elija:", status: "recorded", mediaPath, durationMs: 800, recordedBy: "staff:t", recordedAt: 1, updatedAt: 1 });
  return { ...t, mediaPath };
}

describe("voice: every URL a provider fetches is absolute, under the public base URL", () => {
  it("Africa's Talking plays a recording from an absolute URL (a root-relative /media/… is nothing it can fetch), and that URL serves the audio", async () => {
    const t = await appWithRecording({ PUBLIC_BASE_URL: "https://orienta.example.pe" });
    const call = atCall(t.app, { key: KEY });
    await call.start();
    const menu = await call.press("1");
    expect(menu.body).toContain(`<Play url="https://orienta.example.pe/media/${t.mediaPath}"/>`);
    expect(menu.body).not.toMatch(/url="\//);
    const audio = await t.app.request(`/media/${t.mediaPath}`);
    expect(audio.status).toBe(200);
  });

  it("Twilio plays a recording from an absolute URL too", async () => {
    const t = await appWithRecording({});
    const form = new URLSearchParams(voiceFixture("twilio-incoming.form"));
    const post = async (url: string, extra: Record<string, string>) => {
      const body = new URLSearchParams(form);
      for (const [k, v] of Object.entries(extra)) body.set(k, v);
      const signature = twilio.getExpectedTwilioSignature(VOICE_ENV.TWILIO_AUTH_TOKEN, url, Object.fromEntries(body));
      const u = new URL(url);
      const res = await t.app.request(u.pathname + u.search, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature }, body: body.toString() });
      return readAnswer(res.status, await res.text());
    };
    const first = await post(`${VOICE_ENV.PUBLIC_BASE_URL}/channels/voice/twilio`, {});
    const menu = await post(first.action!, { Digits: "1", CallStatus: "in-progress" });
    expect(menu.body).toContain(`<Play>https://orienta.example.pe/media/${t.mediaPath}</Play>`);
  });

  it("Twilio behind a proxy at a path prefix (PUBLIC_BASE_URL=https://gob.example.pe/orienta): the next action keeps the prefix, so Twilio calls back where the proxy listens", async () => {
    const base = "https://gob.example.pe/orienta";
    const t = makeTestApp({ env: { TWILIO_AUTH_TOKEN: VOICE_ENV.TWILIO_AUTH_TOKEN, PUBLIC_BASE_URL: base } });
    const form = new URLSearchParams(voiceFixture("twilio-incoming.form"));
    // what Twilio does: resolve the action against the URL it called, sign that URL, post it; the
    // proxy strips /orienta before the service sees the request
    const twilioPosts = async (url: string, extra: Record<string, string>) => {
      const body = new URLSearchParams(form);
      for (const [k, v] of Object.entries(extra)) body.set(k, v);
      const signature = twilio.getExpectedTwilioSignature(VOICE_ENV.TWILIO_AUTH_TOKEN, url, Object.fromEntries(body));
      const u = new URL(url);
      expect(u.pathname.startsWith("/orienta/")).toBe(true); // anything else never reaches the service
      const res = await t.app.request(u.pathname.replace(/^\/orienta/, "") + u.search, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature }, body: body.toString() });
      return readAnswer(res.status, await res.text());
    };
    const first = await twilioPosts(`${base}/channels/voice/twilio`, {});
    expect(first.status).toBe(200);
    const called = new URL(first.action!, `${base}/channels/voice/twilio`).toString();
    expect(called.startsWith(`${base}/channels/voice/twilio?`)).toBe(true);
    const menu = await twilioPosts(called, { Digits: "1", CallStatus: "in-progress" });
    expect(menu.status).toBe(200);
    expect(menu.said.join(" ")).toContain("MIDIS Orienta");
    const silence = new URL(menu.redirect!, called).toString();
    expect(silence.startsWith(`${base}/channels/voice/twilio?`)).toBe(true);
  });
});

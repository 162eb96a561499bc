import type { Sender, SendResult } from "../../services/outbox/types";
import type { MediaStore } from "../../voice/prompt-bank";

export type RecordingProvider = "twilio" | "africastalking";

/**
 * A recording URL the provider gave, when it is the provider's own (https on its domain):
 * anything else is refused, never fetched (a forged callback must not make us fetch a URL).
 */
export function providerRecordingUrl(provider: RecordingProvider, raw: string): URL | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" || url.username || url.password || url.port) return null;
  const host = url.hostname.toLowerCase();
  if (provider === "twilio") return host === "api.twilio.com" && /^\/2010-04-01\/Accounts\/AC[0-9a-f]{32}\/Recordings\/RE[0-9a-f]{32}$/i.test(url.pathname) ? url : null;
  return host === "africastalking.com" || host.endsWith(".africastalking.com") ? url : null;
}

/** The outbox ref of a recording to fetch: its provider and where it goes in the media store. */
export const recordingRef = (provider: RecordingProvider, mediaPath: string) => `voice-recording:${provider}:${mediaPath}`;
const refOf = (ref: string | null) => /^voice-recording:(twilio|africastalking):(recordings\/[\w.-]+)$/.exec(ref ?? "");

export interface RecordingFetcherConfig {
  media: MediaStore;
  /** Twilio's REST base (TWILIO_API_URL: Twilio or a compatible API) and its credentials, when set */
  twilio: { apiUrl: string; accountSid: string; authToken: string } | null;
  fetch?: typeof fetch;
}

/**
 * The outbox's sender for channel `voice-recording`: fetches a spoken complaint from the provider
 * into the media store, then deletes it at the provider (Twilio: `DELETE …/Recordings/RE….json`;
 * Africa's Talking has no delete API). A recording not ready yet (404) or a provider that cannot
 * be reached is retried by the outbox.
 */
export function createRecordingFetcher(config: RecordingFetcherConfig): Sender {
  const http = config.fetch ?? fetch;
  return {
    channel: "voice-recording",
    async send(message): Promise<SendResult> {
      const ref = refOf(message.ref);
      const url = ref ? providerRecordingUrl(ref[1] as RecordingProvider, message.address) : null;
      if (!ref || !url) return { ok: false, retryable: false, error: "not a provider recording: refused" };
      const twilio = ref[1] === "twilio" ? config.twilio : null;
      // Twilio's API base may be a compatible API (TWILIO_API_URL); the path is the recording's
      const base = twilio ? `${twilio.apiUrl}${url.pathname}` : url.toString();
      const auth: Record<string, string> = twilio ? { authorization: `Basic ${btoa(`${twilio.accountSid}:${twilio.authToken}`)}` } : {};
      try {
        const res = await http(ref[1] === "twilio" ? `${base}.mp3` : base, { headers: auth });
        if (!res.ok) return { ok: false, retryable: res.status === 404 || res.status === 429 || res.status >= 500, error: `recording fetch ${res.status}` };
        const bytes = new Uint8Array(await res.arrayBuffer());
        await config.media.put(ref[2], bytes, res.headers.get("content-type") ?? "audio/mpeg");
        if (twilio) {
          const deleted = await http(`${base}.json`, { method: "DELETE", headers: auth });
          if (!deleted.ok && deleted.status !== 404) return { ok: true, providerId: `kept-at-provider:${deleted.status}` };
        }
        return { ok: true };
      } catch (error) {
        return { ok: false, retryable: true, error: `network: ${(error as Error).message}` };
      }
    },
  };
}

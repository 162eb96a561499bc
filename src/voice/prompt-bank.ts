import type { Lang } from "../i18n/langs";
import type { Message } from "../domain/messages";

/**
 * How the voice channel speaks a message: the seam between the call handlers
 * (src/channels/voice/, which build TwiML / Africa's Talking XML) and the prompt bank (recorded
 * segments per language, synthetic drafts, the provider's text-to-speech). The channel never
 * decides where audio comes from; the bank never knows a provider's markup.
 */
export type SpeechPart =
  /** a stored audio file (a recorded segment, or a synthetic draft), served under /media/voice/ */
  | { kind: "play"; url: string; segment: string }
  /** text for the provider's own text-to-speech (Spanish on Twilio only, until recordings exist) */
  | { kind: "say"; text: string; lang: Lang };

export interface PromptBank {
  /**
   * the parts that speak this message in this language, in order. `tts: false` for a provider
   * with no Spanish text-to-speech (Africa's Talking): Spanish then plays audio (synthetic drafts
   * included) like the other languages instead of answering `say`. Default: true.
   */
  speak(lang: Lang, message: Message, options?: { tts?: boolean }): Promise<SpeechPart[]>;
  /** the language can be offered by voice (its menu segments are recorded or synthesized) */
  offered(lang: Lang): Promise<boolean>;
}

/** Where audio lives: a folder under the data directory on Node, an R2 bucket on Workers. */
export interface MediaStore {
  put(path: string, bytes: Uint8Array, contentType: string): Promise<void>;
  get(path: string): Promise<{ bytes: Uint8Array; contentType: string } | null>;
  delete(path: string): Promise<void>;
}

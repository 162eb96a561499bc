import type { Message, Reply } from "../../domain/messages";
import type { Lang } from "../../i18n/langs";

/** A message to a person as the dispatcher hands it to a channel's sender. */
export interface OutboundMessage {
  id: string;
  channel: string;
  address: string;
  lang: Lang;
  body: Message[];
  ref: string | null;
  /** a conversation reply's options and navigation (buttons, lists); null for a notice */
  choices: OutboundChoices | null;
  attempts: number;
  createdAt: number;
  /** when the person last wrote to us on this channel (WhatsApp's 24-hour window), epoch ms */
  lastInboundAt: number | null;
}

export type OutboundChoices = Pick<Reply, "options" | "nav">;

export type SendResult =
  | { ok: true; providerId?: string }
  /** retryable: 429, 5xx, network; permanent: the provider refused this message for good */
  | { ok: false; retryable: boolean; error: string; notSent?: false }
  /** no provider is configured for the channel: nothing was handed to anyone (stored `not_sent`) */
  | { ok: false; retryable: false; error: string; notSent: true };

/** A channel's outbound port (SMS gateway, WhatsApp Graph API, a logging stand-in). */
export interface Sender {
  channel: string;
  send(message: OutboundMessage): Promise<SendResult>;
}

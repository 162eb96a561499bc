import type { Db } from "../../db/client";
import { outbox } from "../../db/schema";
import type { Message } from "../../domain/messages";
import type { Lang } from "../../i18n/langs";
import type { OutboundChoices } from "./types";

export interface NewOutboundMessage {
  channel: string;
  address: string;
  lang: Lang;
  body: Message[];
  ref?: string;
  id?: string;
  /** set for a conversation reply: its options and navigation */
  choices?: OutboundChoices;
  /** not sent before this time (ms); default: at once */
  notBefore?: number;
}

/**
 * The insert for one outbound message, to pass to `atomic(...)` together with the change that
 * causes it (a complaint filed, a status changed): both are stored, or neither.
 */
export function enqueueOutbound(db: Db, message: NewOutboundMessage, now: number) {
  return db.insert(outbox).values({
    id: message.id ?? crypto.randomUUID(),
    channel: message.channel,
    address: message.address,
    lang: message.lang,
    body: message.body,
    ref: message.ref ?? null,
    choices: message.choices ?? null,
    status: "pending",
    attempts: 0,
    nextAttemptAt: Math.max(now, message.notBefore ?? now),
    createdAt: now,
    updatedAt: now,
  });
}

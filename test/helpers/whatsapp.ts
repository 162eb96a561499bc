import { readFileSync } from "node:fs";
import type { Hono } from "hono";
import { metaSignatureHeader } from "../../src/channels/whatsapp/verify";

export const WA_SECRET = "test-app-secret-0123456789";
export const WA_VERIFY = "orienta-verify-token";
export const WA_PHONE_ID = "106540352242922";

/** Environment for an app with WhatsApp on, sending to `graphUrl`. */
export function whatsappEnv(graphUrl = "http://127.0.0.1:9"): Record<string, string> {
  return {
    WHATSAPP_APP_SECRET: WA_SECRET,
    WHATSAPP_VERIFY_TOKEN: WA_VERIFY,
    WHATSAPP_ACCESS_TOKEN: "EAAtesttoken",
    WHATSAPP_PHONE_NUMBER_ID: WA_PHONE_ID,
    WHATSAPP_GRAPH_URL: graphUrl,
    WHATSAPP_GRAPH_VERSION: "v24.0",
  };
}

export const waFixture = (name: string) => readFileSync(new URL(`../channels/whatsapp/fixtures/${name}`, import.meta.url), "utf8");

/** POSTs a raw body as Meta would: signed with the app secret, unless told otherwise. */
export async function postWebhook(app: Hono, body: string, signature: "valid" | "bad" | "missing" = "valid") {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (signature === "valid") headers["x-hub-signature-256"] = await metaSignatureHeader(WA_SECRET, body);
  if (signature === "bad") headers["x-hub-signature-256"] = await metaSignatureHeader("not-the-secret", body);
  const res = await app.request("/channels/whatsapp", { method: "POST", headers, body });
  return { status: res.status, body: await res.text() };
}

/** A webhook with one text (or button/list) message from `from`, shaped like Meta's. */
export function textWebhook(opts: { id: string; from?: string; text?: string; buttonId?: string; listId?: string; timestamp: number; answers?: string }): string {
  const from = opts.from ?? "51987654321";
  const message: Record<string, unknown> = { from, id: opts.id, timestamp: String(Math.floor(opts.timestamp / 1000)) };
  if (opts.answers) message.context = { from: "15550783881", id: opts.answers };
  if (opts.buttonId !== undefined) Object.assign(message, { type: "interactive", interactive: { type: "button_reply", button_reply: { id: opts.buttonId, title: "x" } } });
  else if (opts.listId !== undefined) Object.assign(message, { type: "interactive", interactive: { type: "list_reply", list_reply: { id: opts.listId, title: "x" } } });
  else Object.assign(message, { type: "text", text: { body: opts.text ?? "" } });
  return JSON.stringify({
    object: "whatsapp_business_account",
    entry: [
      {
        id: "102290129340398",
        changes: [
          {
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: "15550783881", phone_number_id: WA_PHONE_ID },
              contacts: [{ profile: { name: "Rosa Quispe" }, wa_id: from }],
              messages: [message],
            },
            field: "messages",
          },
        ],
      },
    ],
  });
}

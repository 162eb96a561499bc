import { readFileSync } from "node:fs";
import type { Hono } from "hono";
import { gatewaySignature, twilioSignature, GATEWAY_SIGNATURE_HEADER } from "../../src/channels/sms/verify";

/** A complete SMS configuration for tests (the REST API points at nothing until a test fakes it). */
export const SMS_ENV = {
  TWILIO_AUTH_TOKEN: "test-auth-token-0123456789abcdef",
  TWILIO_ACCOUNT_SID: "AC0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e",
  TWILIO_FROM: "+51902000101",
  TWILIO_API_URL: "http://127.0.0.1:9",
  PUBLIC_BASE_URL: "https://orienta.example.pe",
  SMS_GATEWAY_SECRET: "gateway-secret-0123456789abcdef",
};

export const TWILIO_URL = `${SMS_ENV.PUBLIC_BASE_URL}/channels/sms/twilio`;

export function smsFixture(name: string): string {
  return readFileSync(new URL(`../channels/sms/fixtures/${name}`, import.meta.url), "utf8");
}

/** Twilio's form with other values, field order and encoding kept as Twilio sends them. */
export function twilioForm(fields: { Body: string; From?: string; MessageSid?: string }): string {
  const form = new URLSearchParams(smsFixture("twilio-menu.form"));
  const sid = fields.MessageSid ?? `SM${crypto.randomUUID().replace(/-/g, "")}`;
  for (const key of ["SmsMessageSid", "SmsSid", "MessageSid"]) form.set(key, sid);
  form.set("Body", fields.Body);
  if (fields.From) form.set("From", fields.From);
  return form.toString();
}

export async function postTwilio(app: Hono, body: string, options: { signature?: string | null; url?: string } = {}) {
  const signature = options.signature === undefined ? await twilioSignature(SMS_ENV.TWILIO_AUTH_TOKEN, options.url ?? TWILIO_URL, new URLSearchParams(body)) : options.signature;
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  if (signature !== null) headers["X-Twilio-Signature"] = signature;
  const res = await app.request("/channels/sms/twilio", { method: "POST", headers, body });
  const text = await res.text();
  return { status: res.status, type: res.headers.get("content-type") ?? "", body: text, message: twimlMessage(text) };
}

/** The text of the TwiML `<Message>`, unescaped; null for `<Response/>`. */
export function twimlMessage(body: string): string | null {
  const match = /<Response><Message>([\s\S]*)<\/Message><\/Response>$/.exec(body);
  if (!match) return null;
  return match[1].replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
}

export async function postGateway(app: Hono, body: string, signature?: string | null) {
  const sig = signature === undefined ? await gatewaySignature(SMS_ENV.SMS_GATEWAY_SECRET, body) : signature;
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (sig !== null) headers[GATEWAY_SIGNATURE_HEADER] = sig;
  const res = await app.request("/channels/sms", { method: "POST", headers, body });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/** A phone texting the service through Twilio: each `send` is a new message with its own sid. */
export function texter(app: Hono, phone = "+51987654321") {
  return {
    send: async (text: string) => (await postTwilio(app, twilioForm({ Body: text, From: phone }))).message,
  };
}

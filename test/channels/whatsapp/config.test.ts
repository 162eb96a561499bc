import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../../src/config";
import { makeTestApp } from "../../helpers/app";
import { whatsappEnv } from "../../helpers/whatsapp";

const PROD = { NODE_ENV: "production", APP_SECRET: "a-production-secret-of-some-length", USSD_CALLBACK_KEY: "a-gateway-key-0123456789" };

describe("WhatsApp configuration", () => {
  it("is off without WHATSAPP_APP_SECRET", () => {
    expect(loadConfig({ NODE_ENV: "test" }).config.whatsapp).toBeNull();
  });

  it("fills Meta's Graph URL and a current API version by default", () => {
    const { config: c } = loadConfig({ NODE_ENV: "test", WHATSAPP_APP_SECRET: "s", WHATSAPP_VERIFY_TOKEN: "v", WHATSAPP_ACCESS_TOKEN: "t", WHATSAPP_PHONE_NUMBER_ID: "106540352242922" });
    expect(c.whatsapp).toMatchObject({ graphUrl: "https://graph.facebook.com", graphVersion: "v24.0", templates: { notice: "orienta_aviso", byKey: {}, lang: "es" } });
  });

  it("production refuses half a configuration, naming what is missing", () => {
    expect(() => loadConfig({ ...PROD, WHATSAPP_APP_SECRET: "s", WHATSAPP_VERIFY_TOKEN: "v" })).toThrow(/WHATSAPP_ACCESS_TOKEN, WHATSAPP_PHONE_NUMBER_ID/);
    expect(() => loadConfig({ ...PROD, WHATSAPP_ACCESS_TOKEN: "t" })).toThrow(ConfigError);
  });

  it("production starts with all four set", () => {
    const { config } = loadConfig({ ...PROD, ...whatsappEnv("https://graph.facebook.com") });
    expect(config.whatsapp?.phoneNumberId).toBe("106540352242922");
  });

  it("template names per message key are read from key=name pairs; a malformed pair is an error", () => {
    const { config } = loadConfig({ NODE_ENV: "test", WHATSAPP_APP_SECRET: "s", WHATSAPP_TEMPLATES: "complaints:notify.status=orienta_reclamo_estado, complaints:notify.filed=orienta_reclamo_registrado" });
    expect(config.whatsapp?.templates.byKey).toEqual({ "complaints:notify.status": "orienta_reclamo_estado", "complaints:notify.filed": "orienta_reclamo_registrado" });
    expect(() => loadConfig({ NODE_ENV: "test", WHATSAPP_APP_SECRET: "s", WHATSAPP_TEMPLATES: "oops" })).toThrow(/WHATSAPP_TEMPLATES/);
  });

  it("in development, the secret alone opens the webhook and replies are only logged, never counted as sent", async () => {
    const t = makeTestApp({ env: { WHATSAPP_APP_SECRET: "s" } });
    const result = await t.ctx().senders.whatsapp.send({ id: "x", channel: "whatsapp", address: "+51987654321", lang: "es", body: [], ref: null, choices: null, attempts: 0, createdAt: 0, lastInboundAt: null });
    expect(result).toEqual({ ok: false, retryable: false, notSent: true, error: "no provider configured for the channel (whatsapp)" });
    expect((await t.app.request("/channels/whatsapp")).status).toBe(403);
  });
});

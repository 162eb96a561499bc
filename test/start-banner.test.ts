import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config";
import { startBanner } from "../src/start-banner";

describe("what npm start prints", () => {
  it("names every endpoint, including SMS and the staff console, and how to dial in on another port", () => {
    const { config } = loadConfig({ NODE_ENV: "development", SMS_GATEWAY_SECRET: "0123456789abcdef" });
    const banner = startBanner(config, "http://127.0.0.1:18790");
    expect(banner).toContain("POST http://127.0.0.1:18790/channels/ussd   (try: npm run ussd -- --url http://127.0.0.1:18790)");
    expect(banner).toContain("POST http://127.0.0.1:18790/channels/sms\n");
    expect(banner).toMatch(/SMS \(Twilio\)\s+off \(set TWILIO_AUTH_TOKEN/);
    expect(banner).toContain("http://127.0.0.1:18790/staff");
    expect(banner).toContain("http://127.0.0.1:18790/chat");
  });

  it("names the voice endpoints: Twilio off until its token and PUBLIC_BASE_URL, Africa's Talking open or keyed like USSD", () => {
    const off = startBanner(loadConfig({ NODE_ENV: "development" }).config, "http://127.0.0.1:18790");
    expect(off).toMatch(/Voice \(Twilio\)\s+off \(set TWILIO_AUTH_TOKEN, PUBLIC_BASE_URL\)/);
    expect(off).toMatch(/Voice \(AT\)\s+POST http:\/\/127\.0\.0\.1:18790\/channels\/voice\/africastalking   \(OPEN to anyone/);
    const on = startBanner(loadConfig({ NODE_ENV: "development", TWILIO_AUTH_TOKEN: "0123456789abcdef0123", PUBLIC_BASE_URL: "https://orienta.example", VOICE_AT_CALLBACK_KEY: "0123456789abcdef" }).config, "http://127.0.0.1:18790");
    expect(on).toContain("POST http://127.0.0.1:18790/channels/voice/twilio   (Twilio calls https://orienta.example/channels/voice/twilio)");
    expect(on).toMatch(/Voice \(AT\)\s+POST http:\/\/127\.0\.0\.1:18790\/channels\/voice\/africastalking   \(key required/);
  });

  it("names the Africa's Talking SMS endpoint: off until AT_USERNAME and AT_API_KEY, then keyed like USSD and the sender it replies from", () => {
    const off = startBanner(loadConfig({ NODE_ENV: "development" }).config, "http://127.0.0.1:18790");
    expect(off).toMatch(/SMS \(AT\)\s+off \(set AT_USERNAME, AT_API_KEY\)/);
    const open = startBanner(loadConfig({ NODE_ENV: "development", AT_USERNAME: "sandbox", AT_API_KEY: "k" }).config, "http://127.0.0.1:18790");
    expect(open).toMatch(/SMS \(AT\)\s+POST http:\/\/127\.0\.0\.1:18790\/channels\/sms\/africastalking   \(OPEN to anyone: set SMS_AT_CALLBACK_KEY or SMS_AT_ALLOWED_SOURCES; replies from AT's default sender: set AT_SMS_FROM, sandbox\)/);
    const on = startBanner(loadConfig({ NODE_ENV: "development", AT_USERNAME: "midis", AT_API_KEY: "k", AT_SMS_FROM: "21512", USSD_CALLBACK_KEY: "0123456789abcdef" }).config, "http://127.0.0.1:18790");
    expect(on).toMatch(/SMS \(AT\)\s+POST http:\/\/127\.0\.0\.1:18790\/channels\/sms\/africastalking   \(key required \(\?key= or X-Callback-Key\); replies from 21512\)/);
  });

  it("on the default port the README's plain `npm run ussd` is the hint", () => {
    const { config } = loadConfig({ NODE_ENV: "development" });
    expect(startBanner(config, "http://127.0.0.1:8787")).toContain("(try: npm run ussd)");
  });
});

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

  it("on the default port the README's plain `npm run ussd` is the hint", () => {
    const { config } = loadConfig({ NODE_ENV: "development" });
    expect(startBanner(config, "http://127.0.0.1:8787")).toContain("(try: npm run ussd)");
  });
});

import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../../src/config";
import { SMS_ENV } from "../../helpers/sms";

const PROD = { NODE_ENV: "production", APP_SECRET: "a-production-secret-of-some-length", USSD_CALLBACK_KEY: "a-gateway-key-0123456789" };

describe("SMS configuration", () => {
  it("is off (endpoints answer 503, logging sender) when nothing is set", () => {
    const { config } = loadConfig({ NODE_ENV: "test" });
    expect(config.sms).toEqual({ twilio: null, gatewaySecret: null, maxSegments: 2, africastalking: null });
  });

  it("reads every variable, trimming trailing slashes of URLs", () => {
    const { config } = loadConfig({ ...PROD, ...SMS_ENV, PUBLIC_BASE_URL: "https://orienta.example.pe/", SMS_MAX_SEGMENTS: "3" });
    expect(config.sms).toEqual({
      twilio: {
        authToken: SMS_ENV.TWILIO_AUTH_TOKEN,
        accountSid: SMS_ENV.TWILIO_ACCOUNT_SID,
        from: SMS_ENV.TWILIO_FROM,
        messagingServiceSid: null,
        sharedKey: null,
        apiUrl: "http://127.0.0.1:9",
        publicBaseUrl: "https://orienta.example.pe",
      },
      gatewaySecret: SMS_ENV.SMS_GATEWAY_SECRET,
      maxSegments: 3,
      africastalking: null,
    });
  });

  it("takes a Messaging Service in place of TWILIO_FROM (production too), and refuses a malformed one", () => {
    const { TWILIO_FROM: _from, ...rest } = SMS_ENV;
    const sid = "MG0123456789abcdef0123456789abcdef";
    expect(loadConfig({ ...PROD, ...rest, TWILIO_MESSAGING_SERVICE_SID: sid }).config.sms.twilio).toMatchObject({ from: null, messagingServiceSid: sid });
    expect(() => loadConfig({ ...PROD, ...rest })).toThrow("TWILIO_FROM (or TWILIO_MESSAGING_SERVICE_SID)");
    expect(() => loadConfig({ ...PROD, ...SMS_ENV, TWILIO_MESSAGING_SERVICE_SID: "MGshort" })).toThrow("TWILIO_MESSAGING_SERVICE_SID");
  });

  it("defaults the API to Twilio's", () => {
    const { TWILIO_API_URL: _omit, ...rest } = SMS_ENV;
    expect(loadConfig({ NODE_ENV: "test", ...rest }).config.sms.twilio?.apiUrl).toBe("https://api.twilio.com");
  });

  it.each(["TWILIO_AUTH_TOKEN", "TWILIO_ACCOUNT_SID", "TWILIO_FROM", "PUBLIC_BASE_URL"])("production refuses a Twilio set without %s", (missing) => {
    const env: Record<string, string> = { ...PROD, ...SMS_ENV };
    delete env[missing];
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(missing);
  });

  it.each([
    ["SMS_MAX_SEGMENTS", "0"],
    ["SMS_MAX_SEGMENTS", "abc"],
    ["SMS_GATEWAY_SECRET", "short"],
    ["PUBLIC_BASE_URL", "not a url"],
    ["SMS_AT_CALLBACK_KEY", "short"],
    ["AT_SMS_FROM", "a sender id far too long"],
    ["AT_SMS_API_URL", "not a url"],
  ])("refuses %s=%s", (key, value) => {
    expect(() => loadConfig({ NODE_ENV: "test", [key]: value })).toThrow(ConfigError);
  });
});

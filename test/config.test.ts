import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config";

describe("configuration", () => {
  it("development defaults everything and says what it defaulted", () => {
    const { config, defaulted } = loadConfig({});
    expect(config).toMatchObject({ port: 8787, databasePath: "./data/orienta.db", env: "development", demoData: true });
    expect(defaulted).toEqual(expect.arrayContaining(["PORT", "DATABASE_PATH", "NODE_ENV", "APP_SECRET"]));
  });

  it("honours PORT, DATABASE_PATH and NODE_ENV", () => {
    const { config } = loadConfig({ PORT: "9000", DATABASE_PATH: "/tmp/x.db", NODE_ENV: "production", APP_SECRET: "a-long-enough-secret-value", USSD_CALLBACK_KEY: "a-gateway-key-0123456789" });
    expect(config).toMatchObject({ port: 9000, databasePath: "/tmp/x.db", env: "production", demoData: false });
  });

  it("production refuses to start without its secrets", () => {
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(/APP_SECRET/);
  });

  it("USSD_MAX_CHARS below 70 is refused at start, saying why; 70–181 is an operator's smaller (UCS-2) screen, turned with 98", () => {
    expect(() => loadConfig({ USSD_CHARSET: "ucs2", USSD_MAX_CHARS: "69" })).toThrow(/USSD_MAX_CHARS.*70/s);
    expect(loadConfig({ USSD_CHARSET: "ucs2", USSD_MAX_CHARS: "80" }).config.ussd).toMatchObject({ charset: "ucs2", maxChars: 80 });
    expect(loadConfig({ USSD_MAX_CHARS: "182" }).config.ussd.maxChars).toBe(182);
    expect(loadConfig({ USSD_CHARSET: "ucs2", USSD_MAX_CHARS: "200" }).config.ussd).toMatchObject({ charset: "ucs2", maxChars: 200 });
  });

  it("a malformed value names the variable", () => {
    expect(() => loadConfig({ PORT: "eighty" })).toThrow(/PORT/);
  });
});

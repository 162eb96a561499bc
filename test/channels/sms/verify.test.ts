import { describe, expect, it } from "vitest";
import { gatewaySignature, twilioSignature, verifyGatewaySignature, verifyTwilioSignature } from "../../../src/channels/sms/verify";

// Twilio's documented example (webhooks security page)
const TOKEN = "12345";
const URL_ = "https://mycompany.com/myapp";
const params = () =>
  new URLSearchParams({ CallSid: "CA1234567890ABCDE", Caller: "+12349013030", Digits: "1234", From: "+12349013030", To: "+18005551212" });

describe("X-Twilio-Signature", () => {
  it("matches Twilio's documented example", async () => {
    expect(await twilioSignature(TOKEN, URL_, params())).toBe("3KI2uRuYyAdhZIJXcpU0izDUzWI=");
    expect(await verifyTwilioSignature(TOKEN, URL_, params(), "3KI2uRuYyAdhZIJXcpU0izDUzWI=")).toBe(true);
  });

  it("does not depend on the order the parameters arrive in", async () => {
    const shuffled = new URLSearchParams([...params().entries()].reverse());
    expect(await verifyTwilioSignature(TOKEN, URL_, shuffled, "3KI2uRuYyAdhZIJXcpU0izDUzWI=")).toBe(true);
  });

  it.each([
    ["another token", "54321", URL_, params(), "3KI2uRuYyAdhZIJXcpU0izDUzWI="],
    ["another URL", TOKEN, "https://mycompany.com/myapp2", params(), "3KI2uRuYyAdhZIJXcpU0izDUzWI="],
    ["a changed parameter", TOKEN, URL_, new URLSearchParams({ ...Object.fromEntries(params()), Digits: "1235" }), "3KI2uRuYyAdhZIJXcpU0izDUzWI="],
    ["an added parameter", TOKEN, URL_, new URLSearchParams({ ...Object.fromEntries(params()), Body: "x" }), "3KI2uRuYyAdhZIJXcpU0izDUzWI="],
    ["a missing header", TOKEN, URL_, params(), undefined],
    ["an empty header", TOKEN, URL_, params(), ""],
    ["not base64", TOKEN, URL_, params(), "3KI2uRuYyAdhZIJXcpU0izDUzWI"],
    ["a truncated signature", TOKEN, URL_, params(), "3KI2uRuYyAdhZIJX"],
  ])("rejects %s", async (_label, token, url, p, header) => {
    expect(await verifyTwilioSignature(token, url, p, header)).toBe(false);
  });
});

describe("generic gateway signature (X-Orienta-Signature: sha256=<hex>)", () => {
  const body = '{"id":"1","from":"+51987654321","text":"MENU"}';
  it("is HMAC-SHA256 of the raw body in hex", async () => {
    // reference value computed independently with node:crypto
    const { createHmac } = await import("node:crypto");
    expect(await gatewaySignature("secret", body)).toBe("sha256=" + createHmac("sha256", "secret").update(body).digest("hex"));
    expect(await verifyGatewaySignature("secret", body, await gatewaySignature("secret", body))).toBe(true);
  });

  it.each([
    ["another body", body + " ", "secret"],
    ["another secret", body, "secret2"],
  ])("rejects %s", async (_label, b, secret) => {
    expect(await verifyGatewaySignature(secret, b, await gatewaySignature("secret", body))).toBe(false);
  });

  it.each([[undefined], [""], ["sha256="], ["sha1=abcd"], ["sha256=zz"]])("rejects header %s", async (header) => {
    expect(await verifyGatewaySignature("secret", body, header)).toBe(false);
  });
});

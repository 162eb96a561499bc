import twilio from "twilio";
import { describe, expect, it } from "vitest";
import { signatureAlgorithm, verifyTwilioRequest } from "../../../src/channels/sms/twilio-signature";
import { smsFixture } from "../../helpers/sms";

/**
 * Our check against twilio-node's own (the `twilio` package, exact version in package.json):
 * every signature here is produced by `twilio.getExpectedTwilioSignature`, and for every URL form
 * our answer must equal `twilio.validateRequest`'s — a differential test over the full
 * parameter sets Twilio sends (an inbound SMS, a delivery receipt).
 */
const TOKEN = "test-auth-token-0123456789abcdef";
const SHARED = "webhooks-shared-key-0123456789";
const FORMS = { inbound: smsFixture("twilio-menu.form"), receipt: smsFixture("twilio-status-undelivered.form") };
const params = (body: string) => Object.fromEntries(new URLSearchParams(body));

type Case = {
  label: string;
  /** the URL as Twilio's console holds it (what Twilio signed) */
  signedUrl: string;
  /** the URL we reconstruct: PUBLIC_BASE_URL + path + query as received */
  ourUrl: string;
  algorithm?: "HMAC_SHA1" | "HMAC_SHA256";
  valid: boolean;
};

const BASE = "https://orienta.example.pe";
const cases: Case[] = [
  { label: "the same URL", signedUrl: `${BASE}/channels/sms/twilio`, ourUrl: `${BASE}/channels/sms/twilio`, valid: true },
  { label: "Twilio signed with :443, our base has no port", signedUrl: `${BASE}:443/channels/sms/twilio`, ourUrl: `${BASE}/channels/sms/twilio`, valid: true },
  { label: "Twilio signed without a port, our base has :443", signedUrl: `${BASE}/channels/sms/twilio`, ourUrl: `${BASE}:443/channels/sms/twilio`, valid: true },
  { label: "http with :80", signedUrl: "http://orienta.example.pe:80/channels/sms/twilio", ourUrl: "http://orienta.example.pe/channels/sms/twilio", valid: true },
  { label: "a query string kept", signedUrl: `${BASE}/channels/sms/twilio?region=apurimac&x=1`, ourUrl: `${BASE}/channels/sms/twilio?region=apurimac&x=1`, valid: true },
  { label: "a query Twilio signed normalized (' as %27)", signedUrl: `${BASE}/channels/sms/twilio?name=O%27Higgins`, ourUrl: `${BASE}/channels/sms/twilio?name=O'Higgins`, valid: true },
  { label: "HMAC-SHA256 (X-Twilio-Webhooks-Signature-Settings)", signedUrl: `${BASE}/channels/sms/twilio`, ourUrl: `${BASE}/channels/sms/twilio`, algorithm: "HMAC_SHA256", valid: true },
  { label: "HMAC-SHA256 with :443 on one side", signedUrl: `${BASE}:443/channels/sms/twilio`, ourUrl: `${BASE}/channels/sms/twilio`, algorithm: "HMAC_SHA256", valid: true },
  { label: "another path", signedUrl: `${BASE}/channels/sms/other`, ourUrl: `${BASE}/channels/sms/twilio`, valid: false },
  { label: "another host", signedUrl: "https://evil.example/channels/sms/twilio", ourUrl: `${BASE}/channels/sms/twilio`, valid: false },
  { label: "another port", signedUrl: `${BASE}:8443/channels/sms/twilio`, ourUrl: `${BASE}/channels/sms/twilio`, valid: false },
];

describe("Twilio signatures as twilio-node checks them", () => {
  for (const [formName, body] of Object.entries(FORMS)) {
    it.each(cases)(`${formName} form: $label`, async ({ signedUrl, ourUrl, algorithm, valid }) => {
      const signature = twilio.getExpectedTwilioSignature(TOKEN, signedUrl, params(body), algorithm);
      const settings = algorithm ? `key=webhooks_sharedkey_1,algorithm=${algorithm}` : null;
      expect(twilio.validateRequest(TOKEN, signature, ourUrl, params(body), algorithm)).toBe(valid);
      expect(await verifyTwilioRequest({ authToken: TOKEN }, { url: ourUrl, body, signature, settings })).toBe(valid);
    });
  }

  it("a changed parameter, a missing signature or a wrong token is refused", async () => {
    const url = `${BASE}/channels/sms/twilio`;
    const signature = twilio.getExpectedTwilioSignature(TOKEN, url, params(FORMS.inbound));
    const tampered = FORMS.inbound.replace("Body=MENU", "Body=BAJA");
    expect(await verifyTwilioRequest({ authToken: TOKEN }, { url, body: tampered, signature, settings: null })).toBe(false);
    expect(await verifyTwilioRequest({ authToken: TOKEN }, { url, body: FORMS.inbound, signature: null, settings: null })).toBe(false);
    expect(await verifyTwilioRequest({ authToken: "another-token-0123456789" }, { url, body: FORMS.inbound, signature, settings: null })).toBe(false);
  });

  it("repeated parameters: distinct values sorted, as twilio-node signs them", async () => {
    const url = `${BASE}/channels/sms/twilio`;
    const body = "Body=hola&MediaUrl=b&MediaUrl=a&MediaUrl=b&From=%2B51987654321";
    const signature = twilio.getExpectedTwilioSignature(TOKEN, url, { Body: "hola", MediaUrl: ["b", "a", "b"], From: "+51987654321" });
    expect(await verifyTwilioRequest({ authToken: TOKEN }, { url, body, signature, settings: null })).toBe(true);
  });

  it("HMAC-SHA256 signed with a SharedKey verifies with TWILIO_WEBHOOK_SHARED_KEY; SHA-1 stays on the auth token", async () => {
    const url = `${BASE}/channels/sms/twilio`;
    const sha256 = twilio.getExpectedTwilioSignature(SHARED, url, params(FORMS.inbound), "HMAC_SHA256");
    const settings = "key=webhooks_sharedkey_1,algorithm=HMAC_SHA256";
    expect(await verifyTwilioRequest({ authToken: TOKEN, sharedKey: SHARED }, { url, body: FORMS.inbound, signature: sha256, settings })).toBe(true);
    expect(await verifyTwilioRequest({ authToken: TOKEN }, { url, body: FORMS.inbound, signature: sha256, settings })).toBe(false);
    const sha1 = twilio.getExpectedTwilioSignature(TOKEN, url, params(FORMS.inbound));
    expect(await verifyTwilioRequest({ authToken: TOKEN, sharedKey: SHARED }, { url, body: FORMS.inbound, signature: sha1, settings: null })).toBe(true);
  });

  it("an algorithm Twilio may add later is refused, as twilio-node refuses it", async () => {
    expect(signatureAlgorithm("key=k,algorithm=HMAC_SHA512")).toBeNull();
    expect(twilio.getSignatureAlgorithm("key=k")).toBe("HMAC_SHA1");
    expect(signatureAlgorithm("key=k")).toBe("SHA-1");
    const url = `${BASE}/channels/sms/twilio`;
    const signature = twilio.getExpectedTwilioSignature(TOKEN, url, params(FORMS.inbound));
    expect(await verifyTwilioRequest({ authToken: TOKEN }, { url, body: FORMS.inbound, signature, settings: "algorithm=HMAC_SHA512" })).toBe(false);
  });

  it("bodySHA256 webhooks (JSON bodies): the URL alone is signed and the body must match its hash", async () => {
    const body = JSON.stringify({ MessageSid: "SM1", MessageStatus: "delivered" });
    const url = `${BASE}/channels/sms/twilio/status?bodySHA256=${twilio.getExpectedBodyHash(body)}`;
    const signature = twilio.getExpectedTwilioSignature(TOKEN, url, {});
    expect(twilio.validateRequestWithBody(TOKEN, signature, url, body)).toBe(true);
    expect(await verifyTwilioRequest({ authToken: TOKEN }, { url, body, signature, settings: null })).toBe(true);
    expect(await verifyTwilioRequest({ authToken: TOKEN }, { url, body: body.replace("delivered", "read"), signature, settings: null })).toBe(false);
  });
});

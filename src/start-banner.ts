import type { Config } from "./config";

/** What `npm start` prints once it listens: where every endpoint is, and what is switched off. */
export function startBanner(config: Config, base: string): string {
  const port = Number(new URL(base).port || 80);
  return [
    ``,
    `MIDIS Orienta is running (${config.env})`,
    `  home page        ${base}/   (for people: the chat, Línea 101)`,
    `  developer page   ${base}/desarrollo`,
    `  health           ${base}/healthz`,
    `  metrics          ${base}/metrics   (Prometheus${config.metricsToken ? ", bearer token" : ""})`,
    `  USSD callback    POST ${base}/channels/ussd   (try: npm run ussd${port === 8787 ? "" : ` -- --url ${base}`})`,
    `  USSD gateway     ${ussdAuthLine(config)}`,
    `  SMS (Twilio)     ${config.sms.twilio ? `POST ${base}/channels/sms/twilio` : "off (set TWILIO_AUTH_TOKEN, TWILIO_ACCOUNT_SID, TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID, PUBLIC_BASE_URL)"}`,
    `  SMS (AT)         ${smsAtLine(config, base)}`,
    `  SMS (gateway)    ${config.sms.gatewaySecret ? `POST ${base}/channels/sms` : "off (set SMS_GATEWAY_SECRET)"}`,
    `  WhatsApp webhook ${config.whatsapp ? `GET/POST ${base}/channels/whatsapp` : "off (set WHATSAPP_APP_SECRET)"}`,
    `  Voice (Twilio)   ${config.voice.twilio ? `POST ${base}/channels/voice/twilio   (Twilio calls ${config.voice.twilio.publicBaseUrl}/channels/voice/twilio)` : "off (set TWILIO_AUTH_TOKEN, PUBLIC_BASE_URL)"}`,
    `  Voice (AT)       POST ${base}/channels/voice/africastalking   (${voiceAtAuthLine(config)})`,
    `  web chat         ${base}/chat   (widget: ${base}/widget.js)`,
    `  staff console    ${base}/staff${config.demoData ? "   (demo accounts: README, Staff console)" : ""}`,
    `  database         ${config.databasePath}`,
    ``,
  ].join("\n");
}

function ussdAuthLine(config: Config): string {
  const parts = [config.ussd.callbackKey ? "key required (?key= or X-Callback-Key)" : "", config.ussd.allowedSources.size ? `sources limited (${config.ussd.allowedSources.size} ranges)` : ""].filter(Boolean);
  return parts.length ? parts.join(", ") : "OPEN to anyone (set USSD_CALLBACK_KEY or USSD_ALLOWED_SOURCES)";
}

function voiceAtAuthLine(config: Config): string {
  const at = config.voice.africastalking;
  const parts = [at.callbackKey ? "key required (?key= or X-Callback-Key)" : "", at.allowedSources.size ? `sources limited (${at.allowedSources.size} ranges)` : ""].filter(Boolean);
  return parts.length ? parts.join(", ") : "OPEN to anyone: set VOICE_AT_CALLBACK_KEY or VOICE_AT_ALLOWED_SOURCES";
}

function smsAtLine(config: Config, base: string): string {
  const at = config.sms.africastalking;
  if (!at) return "off (set AT_USERNAME, AT_API_KEY)";
  const parts = [at.auth.callbackKey ? "key required (?key= or X-Callback-Key)" : "", at.auth.allowedSources.size ? `sources limited (${at.auth.allowedSources.size} ranges)` : ""].filter(Boolean);
  const auth = parts.length ? parts.join(", ") : "OPEN to anyone: set SMS_AT_CALLBACK_KEY or SMS_AT_ALLOWED_SOURCES";
  return `POST ${base}/channels/sms/africastalking   (${auth}; replies from ${at.from ?? "AT's default sender: set AT_SMS_FROM"}${at.username === "sandbox" ? ", sandbox" : ""})`;
}

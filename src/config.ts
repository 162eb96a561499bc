import { z } from "zod";
import { parseApiKeyHashes } from "./api/v1/api-keys";
import { parseCidrList, type CidrList } from "./net/cidr";

/**
 * Environment → typed configuration. In production a missing secret stops the start;
 * in development every default is listed so nobody is surprised by it.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(8787),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_PATH: z.string().min(1).default("./data/orienta.db"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // secret for keyed hashes of identifiers (sessions, rate limits); production must set it
  APP_SECRET: z.string().min(16).optional(),
  // minutes of silence after which a conversation on SMS/WhatsApp/web counts as idle
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(15),
  // hours during which a returning person is offered to resume where they were
  SESSION_RESUME_HOURS: z.coerce.number().int().positive().default(24),
  // load db/demo/ into an empty database on start (default: on except in production)
  DEMO_DATA: z.enum(["on", "off"]).optional(),
  // PBKDF2-SHA256 work factor for staff passwords (Cloudflare Workers accept at most 100000)
  STAFF_PASSWORD_ITERATIONS: z.coerce.number().int().min(10_000).max(5_000_000).default(600_000),
  // console sessions: idle minutes before sign-out, and the absolute limit in hours
  STAFF_SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  STAFF_SESSION_MAX_HOURS: z.coerce.number().int().positive().default(12),
  // SMS through Twilio (or a Twilio-compatible API): inbound signature and outbound REST sender
  TWILIO_AUTH_TOKEN: z.string().min(1).optional(),
  TWILIO_ACCOUNT_SID: z.string().min(1).optional(),
  TWILIO_FROM: z.string().min(1).optional(),
  // a Twilio Messaging Service sends instead of one number (its sender pool, Twilio's own routing)
  TWILIO_MESSAGING_SERVICE_SID: z.string().regex(/^MG[0-9a-fA-F]{32}$/, "MG followed by 32 hex digits").optional(),
  // Twilio's HMAC-SHA256 webhook signing (header X-Twilio-Webhooks-Signature-Settings) signs with a
  // SharedKey secret instead of the auth token; unset: the auth token verifies both
  TWILIO_WEBHOOK_SHARED_KEY: z.string().min(16).optional(),
  TWILIO_API_URL: z.url().default("https://api.twilio.com"),
  // the externally visible base URL Twilio calls (its signature covers the full URL)
  PUBLIC_BASE_URL: z.url().optional(),
  // HMAC-SHA256 key of the generic JSON SMS gateway endpoint
  SMS_GATEWAY_SECRET: z.string().min(16).optional(),
  // longest SMS answer in segments; the rest waits for "MAS"
  // E.164 phone of the quality office's on-call supervisor: an SMS at once for every urgent complaint
  COMPLAINTS_URGENT_ALERT_PHONE: z
    .string()
    .regex(/^\+\d{8,15}$/, "expected an E.164 phone, e.g. +51987654321")
    .optional(),
  SMS_MAX_SEGMENTS: z.coerce.number().int().min(1).max(10).default(2),
  // USSD screens: gsm7 folds every screen to GSM 03.38 (operators cannot render more); ucs2 sends them as written
  USSD_CHARSET: z.enum(["gsm7", "ucs2"]).default("gsm7"),
  // the longest USSD screen, CON/END included. Below 182 (an operator's UCS-2 limit, often ~80)
  // a reply that does not fit is shown over several screens turned with 98 (walked at 80 and 70
  // by test/i18n/screens.test.ts); below 70 a menu line and "98 Más" no longer fit together
  USSD_MAX_CHARS: z.coerce
    .number()
    .int()
    .min(70, "at least 70: below that a screen cannot hold an option line and its \"98 Más\"")
    .max(1000)
    .default(182),
  // pages allowed to call the web chat API from a browser (comma-separated origins, or * for any)
  WEB_ALLOWED_ORIGINS: z.string().default("*"),
  // WhatsApp Cloud API (Meta). The channel is enabled when the app secret is set.
  WHATSAPP_APP_SECRET: z.string().min(1).optional(),
  WHATSAPP_VERIFY_TOKEN: z.string().min(1).optional(),
  WHATSAPP_ACCESS_TOKEN: z.string().min(1).optional(),
  WHATSAPP_PHONE_NUMBER_ID: z.string().regex(/^\d+$/, "digits only").optional(),
  WHATSAPP_GRAPH_URL: z.string().url().default("https://graph.facebook.com"),
  WHATSAPP_GRAPH_VERSION: z.string().regex(/^v\d+\.\d+$/, "like v24.0").default("v24.0"),
  // approved template for notices outside the 24-hour window: one body variable, the notice's Spanish text
  WHATSAPP_TEMPLATE_NOTICE: z.string().regex(/^[a-z0-9_]+$/, "a template name: a-z, 0-9, _").default("orienta_aviso"),
  // optional templates per message key with named parameters: "complaints:notify.answered=orienta_reclamo_respondido,…"
  WHATSAPP_TEMPLATES: z.string().optional(),
  // Meta has no Quechua or Aymara template language: notices outside the window go in Spanish
  WHATSAPP_TEMPLATE_LANG: z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, "like es or es_MX").default("es"),
  // identity checks for "my payments / my status": failures per DNI within the window lock it
  LOOKUP_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  LOOKUP_WINDOW_MINUTES: z.coerce.number().int().positive().default(60),
  LOOKUP_LOCK_MINUTES: z.coerce.number().int().positive().default(60),
  // failures at one DNI from all clients together before the DNI is locked for everyone (a distributed guesser's bound)
  LOOKUP_DNI_MAX_FAILURES: z.coerce.number().int().positive().default(10),
  // a phone or client address failing this often within the window is slowed down
  LOOKUP_CLIENT_MAX_FAILURES: z.coerce.number().int().positive().default(10),
  // days after which conversation sessions and sent messages are purged (complaints are kept)
  RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  // Node: milliseconds between outbox dispatcher runs (Workers: the cron decides)
  OUTBOX_INTERVAL_MS: z.coerce.number().int().min(50).max(600_000).default(3000),
  // a message left "sending" this long was being sent by a process that died: it is sent again
  // (lower it only where one process sends; tests use a few seconds to observe crash recovery)
  OUTBOX_STALE_SENDING_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  // POST /api/v1/chat requests per minute from one client address (0: no limit)
  CHAT_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(100_000).default(60),
  // when set, GET /metrics (Node only) requires `Authorization: Bearer <token>`
  METRICS_TOKEN: z.string().min(16).optional(),
  // USSD gateway authentication: the key the gateway sends (`?key=` or X-Callback-Key) and/or the
  // CIDRs it calls from; production refuses to start with neither
  USSD_CALLBACK_KEY: z.string().min(16).optional(),
  USSD_ALLOWED_SOURCES: z.string().optional(),
  // CIDRs of your reverse proxies: only a request from one of them has its X-Forwarded-For believed
  TRUST_PROXY: z.string().optional(),
  // Node: concurrent connections allowed from one client address (0: no cap)
  MAX_CONNECTIONS_PER_CLIENT: z.coerce.number().int().min(0).max(1_000_000).default(50),
  // POST /api/v1/complaints per client address per hour, and GET /api/v1/complaints/{code} per minute (0: off)
  COMPLAINTS_RATE_LIMIT_PER_HOUR: z.coerce.number().int().min(0).max(1_000_000).default(10),
  STATUS_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(30),
  // help desk: person lookups per operator per hour (0: off)
  HELPDESK_LOOKUPS_PER_HOUR: z.coerce.number().int().min(0).max(100_000).default(60),
  // what a receipt tells people to dial or write to; unset: the receipt says it is not configured
  PUBLIC_USSD_CODE: z.string().regex(/^\*[\d*]+#$/, "like *123#").optional(),
  PUBLIC_SMS_NUMBER: z.string().regex(/^\+?\d{3,15}$/, "digits, optionally with +").optional(),
  PUBLIC_WHATSAPP_NUMBER: z.string().regex(/^\+?\d{6,15}$/, "digits, optionally with +").optional(),
  // integrators' API keys, stored hashed: comma-separated `sha256:<64 hex digits>`; a request
  // carrying one (Authorization: Bearer / X-Api-Key) files under the key's own hourly limit
  COMPLAINTS_API_KEYS: z.string().optional(),
  COMPLAINTS_API_KEY_RATE_LIMIT_PER_HOUR: z.coerce.number().int().min(0).max(10_000_000).default(1000),
  // payment notices (issue 21): the reminder goes this many days before a window closes
  NOTICES_REMINDER_DAYS: z.coerce.number().int().min(1).max(60).default(5),
  // Lima hours when no notice is sent ("20-07": from 20:00 to 07:00; held until morning); "off": none
  NOTICES_QUIET_HOURS: z.string().regex(/^(off|([01]?\d|2[0-3])-([01]?\d|2[0-3]))$/, 'like "20-07" (Lima hours) or "off"').default("20-07"),
  // most notices sent on one Lima day; the rest wait for the next day, in order
  NOTICES_DAILY_LIMIT: z.coerce.number().int().min(1).max(100_000_000).default(200_000),
  // Twilio Voice speaks Spanish text with this <Say> voice (es-MX; an invalid language/voice pair fails the call)
  VOICE_TWILIO_SAY_VOICE: z.string().regex(/^[A-Za-z0-9.-]+$/, "a Twilio voice name, e.g. Polly.Mia").default("Polly.Mia"),
  // Africa's Talking Voice callback authentication (as USSD's: `?key=`/X-Callback-Key and/or source CIDRs);
  // unset: the USSD callback's key and sources (same provider)
  VOICE_AT_CALLBACK_KEY: z.string().min(16).optional(),
  VOICE_AT_ALLOWED_SOURCES: z.string().optional(),
  // broadcasts (/staff/broadcasts): messages queued per minute, all broadcasts together
  BROADCAST_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(60),
  // the form's cost estimate, in soles: per SMS segment and per WhatsApp message (unset: "no price configured")
  BROADCAST_PRICE_SMS_SEGMENT: z.coerce.number().min(0).max(100).optional(),
  BROADCAST_PRICE_WHATSAPP_MESSAGE: z.coerce.number().min(0).max(100).optional(),
  // missed-call callback: an inbound call is rejected unanswered (free for the caller) and the
  // service calls back through the provider's outbound call API (outside NOTICES_QUIET_HOURS)
  VOICE_CALLBACK: z.enum(["on", "off"]).default("off"),
  // callbacks per number per Lima day; past it the call is answered normally
  VOICE_CALLBACKS_PER_DAY: z.coerce.number().int().min(0).max(100).default(3),
  // the number callbacks come from on Twilio (default TWILIO_FROM)
  VOICE_TWILIO_FROM: z.string().regex(/^\+\d{6,15}$/, "an E.164 number").optional(),
  // Africa's Talking outbound calls (the voice `call` API): username, API key, the purchased number
  AT_USERNAME: z.string().min(1).optional(),
  AT_API_KEY: z.string().min(1).optional(),
  AT_VOICE_NUMBER: z.string().regex(/^\+\d{6,15}$/, "an E.164 number").optional(),
  AT_VOICE_API_URL: z.url().default("https://voice.africastalking.com"),
  // Africa's Talking SMS (POST /channels/sms/africastalking): with AT_USERNAME and AT_API_KEY the
  // route is on and replies go through AT's messaging API. AT_SMS_FROM: the shortcode or approved
  // sender id (unset: the account's default). AT_SMS_API_URL: the API's base URL (default
  // https://api.africastalking.com, https://api.sandbox.africastalking.com when AT_USERNAME=sandbox)
  AT_SMS_FROM: z.string().regex(/^(\+?\d{3,15}|[A-Za-z0-9 ._-]{1,11})$/, "a shortcode, a number or an alphanumeric sender id (at most 11 characters)").optional(),
  AT_SMS_API_URL: z.url().optional(),
  // its inbound and delivery-report callbacks, authenticated as USSD's (`?key=`/X-Callback-Key
  // and/or source CIDRs); unset: the USSD callback's key and sources (same provider)
  SMS_AT_CALLBACK_KEY: z.string().min(16).optional(),
  SMS_AT_ALLOWED_SOURCES: z.string().optional(),
});

export type Env = z.infer<typeof envSchema>;

export interface NoticesConfig {
  reminderDays: number;
  /** Lima hours [from, until): from 20 until 7 wraps midnight */
  quietHours: { from: number; until: number } | null;
  dailyLimit: number;
}

export interface Config {
  env: Env["NODE_ENV"];
  port: number;
  host: string;
  databasePath: string;
  logLevel: Env["LOG_LEVEL"];
  appSecret: string;
  sessionIdleMs: number;
  sessionResumeMs: number;
  demoData: boolean;
  staff: { passwordIterations: number; sessionIdleMs: number; sessionMaxMs: number; secureCookies: boolean };
  sms: SmsConfig;
  web: { allowedOrigins: string[]; rateLimitPerMinute: number };
  /** null when the WhatsApp channel is off (no app secret) */
  whatsapp: WhatsAppConfig | null;
  lookup: { maxFailures: number; dniMaxFailures: number; windowMs: number; lockMs: number; clientMaxFailures: number };
  /** null: no supervisor alert for urgent complaints */
  complaintsUrgentAlertPhone: string | null;
  broadcasts: { ratePerMinute: number; prices: { smsSegment: number | null; whatsappMessage: number | null } };
  /** sessions and sent outbox rows older than this many days are purged daily */
  retentionDays: number;
  /** Node's dispatcher timer, and when a "sending" row counts as left behind by a dead process */
  outbox: { intervalMs: number; staleSendingMs: number };
  /** null: /metrics is open (keep it on the internal network) */
  metricsToken: string | null;
  /** payment notices: reminder lead, quiet Lima hours (null: none), the daily cap */
  notices: NoticesConfig;
  /** USSD gateway authentication; both unset: open (development and tests only) */
  ussd: { callbackKey: string | null; allowedSources: CidrList; charset: "gsm7" | "ucs2"; maxChars: number };
  /** reverse proxies whose X-Forwarded-For is believed */
  trustProxy: CidrList;
  /** Node: concurrent connections per client address (0: no cap) */
  maxConnectionsPerClient: number;
  complaintsRateLimitPerHour: number;
  statusRateLimitPerMinute: number;
  helpdesk: { lookupsPerHour: number };
  /** the numbers people are told on receipts; null: not configured (the receipt says so) */
  publicContact: { ussdCode: string | null; smsNumber: string | null; whatsappNumber: string | null };
  /** SHA-256 hex digests of the integrators' keys, and each key's filings per hour (0: no limit) */
  complaintsApiKeys: { hashes: string[]; perHour: number };
  voice: VoiceConfig;
}

export interface VoiceConfig {
  /** Twilio Voice: needs TWILIO_AUTH_TOKEN and PUBLIC_BASE_URL (null: the route answers 503) */
  twilio: { authToken: string; sharedKey: string | null; publicBaseUrl: string; sayVoice: string } | null;
  /** Africa's Talking Voice callback: both unset is open (development and tests only) */
  africastalking: { callbackKey: string | null; allowedSources: CidrList; publicBaseUrl: string | null };
  /** missed-call callback (VOICE_CALLBACK=on) and the providers' outbound call settings */
  callback: {
    on: boolean;
    perDay: number;
    twilio: { accountSid: string; authToken: string; apiUrl: string; from: string; publicBaseUrl: string } | null;
    africastalking: { username: string; apiKey: string; apiUrl: string; from: string } | null;
  };
}

export interface WhatsAppConfig {
  appSecret: string;
  /** null: webhook verification (GET) always refused */
  verifyToken: string | null;
  /** null (development only): replies are logged, not sent */
  accessToken: string | null;
  phoneNumberId: string | null;
  graphUrl: string;
  graphVersion: string;
  templates: { notice: string; byKey: Record<string, string>; lang: string };
}

const WHATSAPP_REQUIRED = ["WHATSAPP_APP_SECRET", "WHATSAPP_VERIFY_TOKEN", "WHATSAPP_ACCESS_TOKEN", "WHATSAPP_PHONE_NUMBER_ID"] as const;

/** `key=name,key=name` → { key: name }; a malformed pair is a configuration error, not a silent skip. */
function parseTemplateMap(raw: string | undefined): Record<string, string> {
  const map: Record<string, string> = {};
  for (const pair of (raw ?? "").split(",").map((p) => p.trim()).filter(Boolean)) {
    const match = /^([\w.:-]+)=([a-z0-9_]+)$/.exec(pair);
    if (!match) throw new ConfigError(`invalid configuration: WHATSAPP_TEMPLATES: "${pair}" is not key=template_name`);
    map[match[1]] = match[2];
  }
  return map;
}

export interface SmsConfig {
  /** set only when every Twilio variable is: inbound verification and the REST sender need them all */
  twilio: {
    authToken: string;
    accountSid: string;
    /** the sending number; null when a Messaging Service sends */
    from: string | null;
    /** Twilio Messaging Service (MG…): sends in place of `from` when set */
    messagingServiceSid: string | null;
    /** HMAC-SHA256 webhook signing secret, when Twilio signs with a SharedKey */
    sharedKey: string | null;
    apiUrl: string;
    publicBaseUrl: string;
  } | null;
  gatewaySecret: string | null;
  maxSegments: number;
  /** Africa's Talking SMS: set when AT_USERNAME and AT_API_KEY are (null: its routes answer 503) */
  africastalking: {
    username: string;
    apiKey: string;
    /** base URL of the messaging API (no trailing slash): the sandbox's when the username is `sandbox` */
    apiUrl: string;
    /** shortcode or sender id; null: AT's default for the account */
    from: string | null;
    /** the callbacks' authentication: both unset is open (development and tests only) */
    auth: { callbackKey: string | null; allowedSources: CidrList };
  } | null;
}

// all or nothing: a half-configured Twilio would accept no request or send from nowhere; the
// sender is a number (TWILIO_FROM) or a Messaging Service (TWILIO_MESSAGING_SERVICE_SID)
const TWILIO_VARS = ["TWILIO_AUTH_TOKEN", "TWILIO_ACCOUNT_SID", "TWILIO_FROM", "PUBLIC_BASE_URL"] as const;
const twilioVarSet = (source: Record<string, string | undefined>, k: (typeof TWILIO_VARS)[number]) =>
  Boolean(source[k] || (k === "TWILIO_FROM" && source.TWILIO_MESSAGING_SERVICE_SID));

export class ConfigError extends Error {}

const DEV_SECRET = "dev-only-secret-not-for-production";

/** Parses the environment. Returns the config and the list of defaults applied (for the start banner). */
export function loadConfig(source: Record<string, string | undefined> = process.env): {
  config: Config;
  defaulted: string[];
} {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new ConfigError(`invalid configuration: ${fields}`);
  }
  const env = parsed.data;
  const defaulted = Object.keys(envSchema.shape).filter((k) => source[k] === undefined || source[k] === "");
  if (env.NODE_ENV === "production") {
    const missing = ["APP_SECRET"].filter((k) => !source[k]);
    if (missing.length) throw new ConfigError(`production requires: ${missing.join(", ")}`);
    // an open USSD callback lets anyone who reaches it speak for any phone number
    if (!source.USSD_CALLBACK_KEY && !source.USSD_ALLOWED_SOURCES?.trim()) {
      throw new ConfigError("production requires USSD gateway authentication: set USSD_CALLBACK_KEY or USSD_ALLOWED_SOURCES (or both)");
    }
    const twilioSet = TWILIO_VARS.filter((k) => twilioVarSet(source, k));
    if (twilioSet.length > 0 && twilioSet.length < TWILIO_VARS.length) {
      const absent = TWILIO_VARS.filter((k) => !twilioVarSet(source, k)).map((k) => (k === "TWILIO_FROM" ? "TWILIO_FROM (or TWILIO_MESSAGING_SERVICE_SID)" : k));
      throw new ConfigError(`SMS via Twilio is half-configured: set ${absent.join(", ")} too (or none of ${TWILIO_VARS.join(", ")})`);
    }
    // half a WhatsApp configuration answers Meta but never replies (or the reverse): refuse it
    const whatsappSet = WHATSAPP_REQUIRED.filter((k) => source[k]);
    if (whatsappSet.length > 0 && whatsappSet.length < WHATSAPP_REQUIRED.length) {
      const absent = WHATSAPP_REQUIRED.filter((k) => !source[k]);
      throw new ConfigError(`WhatsApp is half-configured; production also requires: ${absent.join(", ")}`);
    }
  }
  const twilioComplete = TWILIO_VARS.every((k) => twilioVarSet(source, k));
  const cidrs = (name: "USSD_ALLOWED_SOURCES" | "TRUST_PROXY" | "VOICE_AT_ALLOWED_SOURCES" | "SMS_AT_ALLOWED_SOURCES") => {
    try {
      return parseCidrList(env[name]);
    } catch (error) {
      throw new ConfigError(`invalid configuration: ${name}: ${(error as Error).message}`);
    }
  };
  const apiKeyHashes = () => {
    try {
      return parseApiKeyHashes(env.COMPLAINTS_API_KEYS);
    } catch (error) {
      throw new ConfigError(`invalid configuration: COMPLAINTS_API_KEYS: ${(error as Error).message}`);
    }
  };
  return {
    config: {
      env: env.NODE_ENV,
      port: env.PORT,
      host: env.HOST,
      databasePath: env.DATABASE_PATH,
      logLevel: env.LOG_LEVEL,
      appSecret: env.APP_SECRET ?? DEV_SECRET,
      sessionIdleMs: env.SESSION_IDLE_MINUTES * 60_000,
      sessionResumeMs: env.SESSION_RESUME_HOURS * 3_600_000,
      demoData: env.DEMO_DATA ? env.DEMO_DATA === "on" : env.NODE_ENV !== "production",
      staff: {
        passwordIterations: env.STAFF_PASSWORD_ITERATIONS,
        sessionIdleMs: env.STAFF_SESSION_IDLE_MINUTES * 60_000,
        sessionMaxMs: env.STAFF_SESSION_MAX_HOURS * 3_600_000,
        // production is served over HTTPS; local development over plain http://127.0.0.1
        secureCookies: env.NODE_ENV === "production",
      },
      complaintsUrgentAlertPhone: env.COMPLAINTS_URGENT_ALERT_PHONE ?? null,
      retentionDays: env.RETENTION_DAYS,
      broadcasts: { ratePerMinute: env.BROADCAST_RATE_PER_MINUTE, prices: { smsSegment: env.BROADCAST_PRICE_SMS_SEGMENT ?? null, whatsappMessage: env.BROADCAST_PRICE_WHATSAPP_MESSAGE ?? null } },
      outbox: { intervalMs: env.OUTBOX_INTERVAL_MS, staleSendingMs: env.OUTBOX_STALE_SENDING_SECONDS * 1000 },
      metricsToken: env.METRICS_TOKEN ?? null,
      notices: {
        reminderDays: env.NOTICES_REMINDER_DAYS,
        quietHours: env.NOTICES_QUIET_HOURS === "off" ? null : { from: Number(env.NOTICES_QUIET_HOURS.split("-")[0]), until: Number(env.NOTICES_QUIET_HOURS.split("-")[1]) },
        dailyLimit: env.NOTICES_DAILY_LIMIT,
      },
      ussd: { callbackKey: env.USSD_CALLBACK_KEY ?? null, allowedSources: cidrs("USSD_ALLOWED_SOURCES"), charset: env.USSD_CHARSET, maxChars: env.USSD_MAX_CHARS },
      trustProxy: cidrs("TRUST_PROXY"),
      maxConnectionsPerClient: env.MAX_CONNECTIONS_PER_CLIENT,
      complaintsRateLimitPerHour: env.COMPLAINTS_RATE_LIMIT_PER_HOUR,
      statusRateLimitPerMinute: env.STATUS_RATE_LIMIT_PER_MINUTE,
      helpdesk: { lookupsPerHour: env.HELPDESK_LOOKUPS_PER_HOUR },
      publicContact: {
        ussdCode: env.PUBLIC_USSD_CODE ?? null,
        // the number people text is the one we send from, unless another is published
        smsNumber: env.PUBLIC_SMS_NUMBER ?? env.TWILIO_FROM ?? (env.AT_SMS_FROM && /^\+?\d{3,15}$/.test(env.AT_SMS_FROM) ? env.AT_SMS_FROM : null),
        whatsappNumber: env.PUBLIC_WHATSAPP_NUMBER ?? null,
      },
      complaintsApiKeys: { hashes: apiKeyHashes(), perHour: env.COMPLAINTS_API_KEY_RATE_LIMIT_PER_HOUR },
      voice: {
        twilio:
          env.TWILIO_AUTH_TOKEN && env.PUBLIC_BASE_URL
            ? { authToken: env.TWILIO_AUTH_TOKEN, sharedKey: env.TWILIO_WEBHOOK_SHARED_KEY ?? null, publicBaseUrl: env.PUBLIC_BASE_URL.replace(/\/+$/, ""), sayVoice: env.VOICE_TWILIO_SAY_VOICE }
            : null,
        africastalking: {
          callbackKey: env.VOICE_AT_CALLBACK_KEY ?? env.USSD_CALLBACK_KEY ?? null,
          allowedSources: env.VOICE_AT_ALLOWED_SOURCES?.trim() ? cidrs("VOICE_AT_ALLOWED_SOURCES") : cidrs("USSD_ALLOWED_SOURCES"),
          publicBaseUrl: env.PUBLIC_BASE_URL?.replace(/\/+$/, "") ?? null,
        },
        callback: {
          on: env.VOICE_CALLBACK === "on",
          perDay: env.VOICE_CALLBACKS_PER_DAY,
          twilio:
            env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN && env.PUBLIC_BASE_URL && (env.VOICE_TWILIO_FROM ?? env.TWILIO_FROM)
              ? { accountSid: env.TWILIO_ACCOUNT_SID, authToken: env.TWILIO_AUTH_TOKEN, apiUrl: env.TWILIO_API_URL.replace(/\/+$/, ""), from: (env.VOICE_TWILIO_FROM ?? env.TWILIO_FROM)!, publicBaseUrl: env.PUBLIC_BASE_URL.replace(/\/+$/, "") }
              : null,
          africastalking:
            env.AT_USERNAME && env.AT_API_KEY && env.AT_VOICE_NUMBER
              ? { username: env.AT_USERNAME, apiKey: env.AT_API_KEY, apiUrl: env.AT_VOICE_API_URL.replace(/\/+$/, ""), from: env.AT_VOICE_NUMBER }
              : null,
        },
      },
      sms: {
        twilio: twilioComplete
          ? {
              authToken: env.TWILIO_AUTH_TOKEN!,
              accountSid: env.TWILIO_ACCOUNT_SID!,
              from: env.TWILIO_FROM ?? null,
              messagingServiceSid: env.TWILIO_MESSAGING_SERVICE_SID ?? null,
              sharedKey: env.TWILIO_WEBHOOK_SHARED_KEY ?? null,
              apiUrl: env.TWILIO_API_URL.replace(/\/+$/, ""),
              publicBaseUrl: env.PUBLIC_BASE_URL!.replace(/\/+$/, ""),
            }
          : null,
        gatewaySecret: env.SMS_GATEWAY_SECRET ?? null,
        maxSegments: env.SMS_MAX_SEGMENTS,
        africastalking:
          env.AT_USERNAME && env.AT_API_KEY
            ? {
                username: env.AT_USERNAME,
                apiKey: env.AT_API_KEY,
                apiUrl: (env.AT_SMS_API_URL ?? (env.AT_USERNAME === "sandbox" ? "https://api.sandbox.africastalking.com" : "https://api.africastalking.com")).replace(/\/+$/, ""),
                from: env.AT_SMS_FROM ?? null,
                auth: {
                  callbackKey: env.SMS_AT_CALLBACK_KEY ?? env.USSD_CALLBACK_KEY ?? null,
                  allowedSources: env.SMS_AT_ALLOWED_SOURCES?.trim() ? cidrs("SMS_AT_ALLOWED_SOURCES") : cidrs("USSD_ALLOWED_SOURCES"),
                },
              }
            : null,
      },
      web: { allowedOrigins: env.WEB_ALLOWED_ORIGINS.split(",").map((o) => o.trim()).filter(Boolean), rateLimitPerMinute: env.CHAT_RATE_LIMIT_PER_MINUTE },
      whatsapp: env.WHATSAPP_APP_SECRET
        ? {
            appSecret: env.WHATSAPP_APP_SECRET,
            verifyToken: env.WHATSAPP_VERIFY_TOKEN ?? null,
            accessToken: env.WHATSAPP_ACCESS_TOKEN ?? null,
            phoneNumberId: env.WHATSAPP_PHONE_NUMBER_ID ?? null,
            graphUrl: env.WHATSAPP_GRAPH_URL.replace(/\/+$/, ""),
            graphVersion: env.WHATSAPP_GRAPH_VERSION,
            templates: { notice: env.WHATSAPP_TEMPLATE_NOTICE, byKey: parseTemplateMap(env.WHATSAPP_TEMPLATES), lang: env.WHATSAPP_TEMPLATE_LANG },
          }
        : null,
      lookup: {
        maxFailures: env.LOOKUP_MAX_FAILURES,
        dniMaxFailures: env.LOOKUP_DNI_MAX_FAILURES,
        windowMs: env.LOOKUP_WINDOW_MINUTES * 60_000,
        lockMs: env.LOOKUP_LOCK_MINUTES * 60_000,
        clientMaxFailures: env.LOOKUP_CLIENT_MAX_FAILURES,
      },
    },
    defaulted,
  };
}

import { Hono, type Context, type MiddlewareHandler } from "hono";
import { sql } from "drizzle-orm";
import type { Config } from "./config";
import type { Db } from "./db/client";
import { createEngine, NODES, type Engine } from "./engine/engine";
import { allNodes } from "./engine/flows";
import { keywordEntries } from "./engine/flows/keywords";
import type { EngineServices } from "./engine/types";
import { createTranslator, type Translator } from "./i18n/translator";
import { foldToGsm7 } from "./i18n/gsm7";
import type { Logger } from "./logging/logger";
import { handleTurn, type Turn } from "./conversation/run-turn";
import { loadCatalog, type ProgramCatalog } from "./services/programs/catalog";
import { createLookupService } from "./services/lookups/service";
import { createDistrictDirectory, type DistrictDirectory } from "./services/districts/directory";
import { createEligibilityService } from "./services/eligibility/service";
import { recordEligibilityCounts } from "./services/eligibility/record-counts";
import type { Focalization } from "./services/eligibility/focalization";
import { eligibilityApiRoutes } from "./api/eligibility-routes";
import { lookupApiRoutes } from "./api/lookup-routes";
import { storeFailedScreen, ussdRoutes } from "./channels/ussd/routes";
import { webChatRoutes } from "./channels/web/routes";
import { pageSecurityHeaders, widgetRoutes } from "./channels/web/widget/routes";
import { staffRoutes } from "./staff/routes";
import { smsRoutes } from "./channels/sms/routes";
import { buildKeywordTable } from "./channels/sms/commands";
import { SMS_PROFILE, type SmsKeywordServices } from "./channels/sms/handle";
import { contactsRepo } from "./db/repos/contacts";
import { sessionsRepo } from "./db/repos/sessions";
import { complaintStatusMessages } from "./services/sms/complaint-status";
import { paymentsMessages } from "./services/sms/payments";
import { createSmsStore } from "./services/sms/store";
import { createTwilioSender } from "./channels/sms/send";
import { createAfricasTalkingSender } from "./channels/sms/africastalking";
import { createSmsGatewaySender } from "./channels/sms/gateway-sender";
import { whatsappRoutes } from "./channels/whatsapp/routes";
import { createWhatsAppSender } from "./channels/whatsapp/send";
import { recordDeliveryStatus, type DeliveryUpdate } from "./services/outbox/record-delivery";
import { purgeInboundMessages } from "./services/conversations/purge-inbound";
import { purgeExpired, type RetentionReport } from "./services/retention/purge-expired";
import { developerPage, landingPage, pageLang } from "./landing";
import { openDataRoutes } from "./open-data/routes";
import { dispatchOutbox, type DispatchReport } from "./services/outbox/dispatch";
import { createLoggingSender } from "./services/outbox/logging-sender";
import type { Sender } from "./services/outbox/types";
import { createComplaintsService } from "./services/complaints";
import { complaintsApi } from "./api/v1/complaints";
import { isStorageFailure } from "./db/storage-errors";
import { html } from "hono/html";
import { endReply, type Message } from "./domain/messages";
import type { Lang } from "./i18n/langs";
import { atomic } from "./db/atomic";
import { renderSmsMessages, twiml } from "./channels/sms/render";
import { openApiRoutes } from "./api/openapi/routes";
import { sameToken } from "./staff/auth/tokens";
import { clientAddressMiddleware } from "./channels/shared/client-address";
import { inboundMessages } from "./db/schema/inbound-messages";
import { BODY_LIMITS, capBody, jsonDepthLimit } from "./http/body-limits";
import { sqlRateLimitStore } from "./db/rate-limit-store";
import { createKeyedHash } from "./services/lookups/keyed-hash";
import { satisfactionReplyEntry } from "./services/complaints/satisfaction-reply";
import { runNoticesJob, type NoticesReport } from "./services/notices/run-notices";
import { voiceRoutes } from "./channels/voice/routes";
import { createSealer } from "./channels/voice/state";
import { createVoiceCallbackSender } from "./channels/voice/send";
import { VOICE_PROFILE } from "./channels/voice/profile";
import { VOICE_RECORD_NODE } from "./channels/voice/speech";
import { createRecordingFetcher, providerRecordingUrl, recordingRef } from "./channels/voice/recordings";
import { enqueueOutbound } from "./services/outbox/enqueue";
import { requestCallback } from "./services/voice-callback/request-callback";
import { renderAfricasTalkingXml, renderTwiml } from "./channels/voice/render";
import type { PromptBank } from "./voice/prompt-bank";
import type { MediaStore } from "./voice/prompt-bank";
import { createPromptBank, type VoiceBank, type VoiceFallback } from "./voice/bank";
import { createMemoryMediaStore } from "./voice/media-store";
import { mediaRoutes } from "./voice/media-routes";
import { createNoticeConsentService } from "./services/notices/consent-port";
import { noticeReplyEntry } from "./services/notices/notice-reply";

/** Everything the app needs, passed in: no database, clock or config is created at import time. */
export interface AppDeps {
  db: Db;
  config: Config;
  logger: Logger;
  now?: () => number;
  i18n?: Translator;
  catalog?: ProgramCatalog;
  districts?: DistrictDirectory;
  /** focalised districts per program (default: db/catalog/focalization.json) */
  focalization?: Focalization;
  /** outbound senders by channel; a channel without one gets a logging stand-in */
  senders?: Record<string, Sender>;
  /** told when a webhook put replies in the outbox (Node: runs the dispatcher at once) */
  onOutboxEnqueued?: () => void | Promise<unknown>;
  /** Prometheus metrics (Node: src/ops/metrics.ts); without it there is no /metrics route */
  metrics?: AppMetrics;
  /** how calls are spoken (tests: a small say-only bank); absent: the voice routes answer 503 */
  voiceBank?: PromptBank;
  /** where voice audio lives (Node: a folder under the data directory; Workers: the R2 bucket `MEDIA`); default: memory */
  media?: MediaStore;
}

/** Request instrumentation plus the scrape handler, injected so the Worker bundle never loads prom-client. */
export interface AppMetrics {
  middleware: MiddlewareHandler;
  serve(c: Context): Response | Promise<Response>;
  /** counts an error a provider reported in a webhook */
  countProviderError?: (error: { channel: string; scope: "webhook" | "message" | "status"; code: number }) => void;
  /** counts a voice prompt that fell back (Spanish text-to-speech) or was skipped (no audio) */
  countVoiceFallback?: (fallback: VoiceFallback) => void;
  /** counts what a run of the notices job did (outcome → how many) */
  countNotices?: (outcomes: Record<string, number>) => void;
}

export interface AppContext {
  db: Db;
  config: Config;
  logger: Logger;
  now: () => number;
  i18n: Translator;
  engine: Engine;
  services: EngineServices;
  senders: Record<string, Sender>;
  handleTurn(turn: Turn): ReturnType<typeof handleTurn>;
  /** sends what is due in the outbox (Node: a timer; Workers: a cron trigger) */
  dispatchOutbox(): Promise<DispatchReport>;
  /** a provider's delivery report (WhatsApp statuses) recorded on the outbox row */
  recordDeliveryStatus(update: DeliveryUpdate): Promise<boolean>;
  /** housekeeping (Node: hourly timer; Workers: the cron at minute 0): old processed message ids */
  purgeInboundMessages(): Promise<void>;
  /** retention (Node: daily timer and `npm run purge`; Workers: the daily cron): old sessions and sent messages */
  purgeExpired(): Promise<RetentionReport>;
  /** payment notices (the `notices` job, `npm run notices`): at `now` (default the clock), optionally without writing */
  runNotices(options?: { now?: number; dryRun?: boolean }): Promise<NoticesReport>;
  /** the voice channel's prompt bank and the media store its audio lives in (issue 22) */
  voice: { bank: VoiceBank; media: MediaStore };
}

/** Builds the full context once; routes and tests share it. */
export function createContext(deps: AppDeps): AppContext {
  const i18n = deps.i18n ?? createTranslator();
  const now = deps.now ?? (() => Date.now());
  const split = (key: string) => i18n.all(key).flatMap((v) => v.split("|"));
  const engine = createEngine({
    nodes: allNodes,
    keywords: {
      menu: split("commands:menu"),
      help: split("commands:help"),
      language: split("commands:language"),
      exit: split("commands:exit"),
      back: split("commands:back"),
      more: split("sms:keywords.more"),
      stop: split("sms:keywords.stop"),
    },
    entries: keywordEntries({ status: split("sms:keywords.status"), payments: split("sms:keywords.payments"), complaint: split("sms:keywords.complaint") }),
  });
  const catalog = deps.catalog ?? loadCatalog();
  const districts = deps.districts ?? createDistrictDirectory();
  const services: EngineServices = {
    catalog,
    districts,
    complaints: createComplaintsService({ db: deps.db, now, districtExists: (ubigeo) => districts.get(ubigeo) !== undefined, urgentAlertPhone: deps.config.complaintsUrgentAlertPhone }),
    eligibility: createEligibilityService(catalog, deps.focalization, (input) => recordEligibilityCounts(deps.db, input)),
    lookups: createLookupService({ db: deps.db, config: deps.config, now }),
    notices: createNoticeConsentService({ db: deps.db, hash: createKeyedHash(deps.config.appSecret), now }),
  };
  const wa = deps.config.whatsapp;
  const media = deps.media ?? createMemoryMediaStore();
  const cb = deps.config.voice.callback.twilio;
  const senders: Record<string, Sender> = {
    sms: smsSender(deps, i18n, now),
    voice: createVoiceCallbackSender({ twilio: deps.config.voice.callback.twilio, africastalking: deps.config.voice.callback.africastalking, now }),
    "voice-recording": createRecordingFetcher({ media, twilio: cb ? { apiUrl: cb.apiUrl, accountSid: cb.accountSid, authToken: cb.authToken } : null }),
    whatsapp:
      wa?.accessToken && wa.phoneNumberId
        ? createWhatsAppSender({ config: { ...wa, accessToken: wa.accessToken, phoneNumberId: wa.phoneNumberId }, i18n, now, logger: deps.logger })
        : createLoggingSender("whatsapp", deps.logger),
    ...deps.senders,
  };
  const bank = createPromptBank({ db: deps.db, logger: deps.logger, now, countFallback: deps.metrics?.countVoiceFallback });
  const ctx: AppContext = {
    voice: { bank, media },
    db: deps.db,
    config: deps.config,
    logger: deps.logger,
    now,
    i18n,
    engine,
    services,
    senders,
    dispatchOutbox: () => dispatchOutbox({ db: deps.db, senders, now, logger: deps.logger, staleSendingMs: deps.config.outbox.staleSendingMs }),
    recordDeliveryStatus: (update) => recordDeliveryStatus(deps.db, update, now()),
    purgeInboundMessages: () => purgeInboundMessages(deps.db, now()),
    purgeExpired: () => purgeExpired(deps.db, now(), deps.config.retentionDays, Math.max(deps.config.lookup.windowMs, deps.config.lookup.lockMs)),
    runNotices: async (options = {}) => {
      const report = await runNoticesJob({ db: deps.db, hash: createKeyedHash(deps.config.appSecret), config: deps.config.notices }, { now: options.now ?? now(), dryRun: options.dryRun });
      if (!report.dryRun) {
        const { scanned: _scanned, ...found } = report.found;
        deps.metrics?.countNotices?.({ ...Object.fromEntries(Object.entries(found).map(([k, n]) => [`found_${k}`, n])), sent: report.sent.sent, cancelled: report.sent.cancelled, held_quiet: report.sent.heldQuiet, held_cap: report.sent.heldCap });
      }
      return report;
    },
    handleTurn: (turn) =>
      handleTurn(
        { db: deps.db, engine, services, now, idleMs: deps.config.sessionIdleMs, resumeMs: deps.config.sessionResumeMs, replyEntry: async (query) => (await satisfactionReplyEntry(deps.db, query)) ?? (await noticeReplyEntry(deps.db, query)) },
        turn,
      ),
  };
  return ctx;
}

/**
 * Twilio's REST API and/or Africa's Talking's messaging API when configured (each number answered
 * by the gateway it wrote by), else the logging stand-in (which says it did not deliver).
 */
function smsSender(deps: AppDeps, i18n: Translator, now: () => number): Sender {
  const { twilio, africastalking: at, maxSegments } = deps.config.sms;
  if (!twilio && !at) return createLoggingSender("sms", deps.logger);
  const store = createSmsStore({ db: deps.db, now, continuationTtlMs: deps.config.sessionIdleMs });
  const common = {
    i18n,
    maxSegments,
    isOptedOut: store.isOptedOut,
    markOptedOut: async (urn: string) => store.setOptOut(await store.contact(urn), urn, true),
    saveContinuation: store.saveContinuation,
  };
  const viaTwilio = twilio ? createTwilioSender({ twilio, ...common }) : null;
  const viaAt = at ? createAfricasTalkingSender({ at, ...common }) : null;
  if (!viaTwilio || !viaAt) return (viaTwilio ?? viaAt)!;
  return createSmsGatewaySender({ twilio: viaTwilio, africastalking: viaAt, gatewayOf: store.gatewayOf });
}

/** The SMS channel's ports, built from the context (the channel itself never sees the database). */
function smsDeps(ctx: AppContext, onOutboxEnqueued?: () => void | Promise<unknown>) {
  const services: SmsKeywordServices = {
    payments: ({ urn, dni, birthDate }) => paymentsMessages({ lookups: ctx.services.lookups }, { urn, dni, birthDate }),
    complaintStatus: ({ urn, code, lang }) => complaintStatusMessages({ complaints: ctx.services.complaints, i18n: ctx.i18n }, { urn, code, lang }),
  };
  const store = createSmsStore({ db: ctx.db, now: ctx.now, continuationTtlMs: ctx.config.sessionIdleMs });
  return {
    handleTurn: ctx.handleTurn,
    i18n: ctx.i18n,
    logger: ctx.logger,
    now: ctx.now,
    store,
    keywords: buildKeywordTable(ctx.i18n),
    services,
    maxSegments: ctx.config.sms.maxSegments,
    // the screen of the person's SMS conversation takes typed text (its keywords are words there)
    typingText: async (urn: string) => {
      const contact = await contactsRepo(ctx.db).findByUrn(urn);
      const row = contact ? await sessionsRepo(ctx.db).latest(contact.id, SMS_PROFILE.name) : undefined;
      if (!row || row.ended || row.lang === null || ctx.now() - row.updatedAt > ctx.config.sessionIdleMs) return false;
      return ctx.engine.nodes.get(row.node)?.input?.kind === "text";
    },
    config: ctx.config.sms,
    // a receipt for an id we do not know is stored only while an SMS send is in flight (it may be ours)
    recordDeliveryStatus: (update: DeliveryUpdate) => recordDeliveryStatus(ctx.db, update, ctx.now(), { keepUnknown: "while-sending" }),
    enqueueReply: (reply: { address: string; lang: Lang; body: Message[]; ref: string }) => atomic(ctx.db, [enqueueOutbound(ctx.db, { channel: "sms", ...reply }, ctx.now())]),
    markOptedOut: async (urn: string) => store.setOptOut(await store.contact(urn), urn, true),
    onOutboxEnqueued,
  };
}

const safeHost = (raw: string) => {
  try {
    return new URL(raw).hostname;
  } catch {
    return "(not a URL)";
  }
};

/** The voice channel's ports and provider settings, built from the context. */
function voiceDeps(deps: AppDeps, ctx: AppContext) {
  const at = ctx.config.voice.africastalking;
  return {
    handleTurn: ctx.handleTurn,
    bank: deps.voiceBank ?? ctx.voice.bank,
    sealer: createSealer(ctx.config.appSecret),
    i18n: ctx.i18n,
    logger: ctx.logger,
    twilio: ctx.config.voice.twilio,
    requestCallback: ctx.config.voice.callback.on
      ? (call: { provider: "twilio" | "africastalking"; phone: string; callId: string }) =>
          requestCallback({ db: ctx.db, now: ctx.now, perDay: ctx.config.voice.callback.perDay, quietHours: ctx.config.notices.quietHours }, call)
      : undefined,
    onOutboxEnqueued: deps.onOutboxEnqueued,
    storeRecording: async (recording: { provider: "twilio" | "africastalking"; url: string }) => {
      const url = providerRecordingUrl(recording.provider, recording.url);
      if (!url) {
        ctx.logger.warn({ channel: "voice", provider: recording.provider, host: safeHost(recording.url) }, "recording URL outside the provider's domain: refused");
        return null;
      }
      const mediaPath = `recordings/${crypto.randomUUID()}.mp3`;
      await enqueueOutbound(ctx.db, { channel: "voice-recording", address: url.toString(), lang: "es", body: [], ref: recordingRef(recording.provider, mediaPath) }, ctx.now());
      await deps.onOutboxEnqueued?.();
      return mediaPath;
    },
    africastalking: { auth: { callbackKey: at.callbackKey, allowedSources: at.allowedSources }, publicBaseUrl: at.publicBaseUrl },
    // the call's conversation is at the spoken description (the <Record> prompt): its language and keypresses so far
    recordPromptPending: async ({ urn, callId }: { urn: string; callId: string }) => {
      const row = (await sessionsRepo(ctx.db).contactAndSession(urn, VOICE_PROFILE.name, callId))?.session;
      if (!row || row.ended || !row.lang || row.node !== VOICE_RECORD_NODE) return null;
      return { lang: row.lang as Lang, seq: row.consumed };
    },
  };
}

/**
 * A request that failed on storage, answered the way its caller reads answers, through each
 * channel's own renderer (Spanish: the person's language is not known here).
 */
/**
 * The database-backed counts of the public APIs' limits: one count for every process and Worker
 * isolate. On the wall clock, not `ctx.now`: hono-rate-limiter writes `Retry-After` from it.
 */
function sharedLimitStore(ctx: AppContext) {
  const hash = createKeyedHash(ctx.config.appSecret);
  return (name: string) => sqlRateLimitStore({ db: ctx.db, name, hash: (v) => hash(`rate-limit:${v}`) });
}

function storageUnavailable(c: Context, ctx: AppContext): Response | Promise<Response> {
  const notice = [{ key: "common:save_failed" }];
  const message = ctx.i18n.t("es", notice[0].key);
  const path = c.req.path;
  if (path.startsWith("/channels/ussd")) {
    return c.text(storeFailedScreen(endReply("es", notice), ctx.i18n, ctx.config.ussd).body);
  }
  if (path.startsWith("/channels/voice")) {
    // a call cannot wait: the notice is said (Spanish text-to-speech) and the call ends
    const say = { kind: "say" as const, text: message, lang: "es" as const };
    const body = path.startsWith("/channels/voice/africastalking") ? renderAfricasTalkingXml({ parts: [say], next: null }, () => "") : renderTwiml({ parts: [say], next: null }, () => "", { sayVoice: ctx.config.voice.twilio?.sayVoice ?? "Polly.Mia" });
    return c.body(body, 200, { "content-type": "text/xml; charset=utf-8" });
  }
  // Africa's Talking reads nothing from a callback's answer (the reply would go through the
  // outbox, which cannot be written either): a non-2xx, so AT may deliver the message again
  if (path.startsWith("/channels/sms/africastalking")) return c.text("storage unavailable", 503, { "Retry-After": "5" });
  if (path.startsWith("/channels/sms")) return c.body(twiml(foldToGsm7(renderSmsMessages("es", notice, ctx.i18n))), 200, { "content-type": "text/xml; charset=utf-8" });
  if (path.startsWith("/staff")) return c.html(html`<!doctype html><html lang="es"><meta charset="utf-8" /><title>No disponible</title><p>${message}</p></html>`, 503, { "Retry-After": "5" });
  return c.json({ error: "storage_unavailable", message }, 503, { "Retry-After": "5" });
}

export function createApp(deps: AppDeps, ctx: AppContext = createContext(deps)): Hono {
  const app = new Hono();

  // in production /metrics needs METRICS_TOKEN: without it the route does not exist (404) and
  // src/server.ts warns at start
  if (deps.metrics && (ctx.config.metricsToken || ctx.config.env !== "production")) {
    const { middleware, serve } = deps.metrics;
    app.use(middleware);
    const token = ctx.config.metricsToken;
    app.get("/metrics", (c) => {
      if (token && !sameToken(c.req.header("authorization"), `Bearer ${token}`)) return c.json({ error: "unauthorized" }, 401);
      return serve(c);
    });
  }

  // one client address for every limit and source check (TRUST_PROXY aware)
  app.use(clientAddressMiddleware(ctx.config.trustProxy));
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    ctx.logger.info(
      { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round((performance.now() - started) * 10) / 10 },
      "request",
    );
  });

  // the person's page (their language: ?lang=qu); what runs where is for developers, on its own page
  app.get("/", pageSecurityHeaders, (c) => c.html(landingPage(ctx.i18n, pageLang(c.req.query("lang")))));
  app.get("/desarrollo", pageSecurityHeaders, (c) => c.html(developerPage()));
  // open data (issue 20): public, no login, small cells suppressed
  app.route("/", openDataRoutes({ db: ctx.db, now: ctx.now }));
  // API answers can hold a person's (masked) data: never cached on the way, never sniffed as HTML
  app.use("/api/*", async (c, next) => {
    await next();
    c.header("X-Content-Type-Options", "nosniff");
    if (c.req.method !== "GET" && c.req.method !== "HEAD") c.header("Cache-Control", "no-store");
  });
  app.get("/healthz", async (c) => {
    try {
      await ctx.db.run(sql`select 1`);
      // a write probe (issue 14 item 8): a full disk or a read-only file answers 503, not "ok".
      // One statement that writes a row and one that removes it; the key is no keyed hash.
      await ctx.db.run(sql`insert or replace into lookup_throttle (key, failures, window_start, locked_until) values ('healthz:probe', 0, ${ctx.now()}, null)`);
      await ctx.db.run(sql`delete from lookup_throttle where key = 'healthz:probe'`);
      return c.json({ status: "ok" });
    } catch (error) {
      ctx.logger.error({ error }, "health check failed");
      return c.json({ status: "error", reason: "database unreachable or not writable" }, 503);
    }
  });

  // bounded requests (issue 14 item 4): caps per route, enforced while reading, before any route
  // `/x/*` also matches `/x` itself in Hono: one registration each (two ran the cap twice per request)
  app.use("/channels/ussd/*", capBody(BODY_LIMITS.form, "text"));
  app.use("/channels/sms/*", capBody(BODY_LIMITS.form, "text"));
  app.use("/channels/whatsapp/*", capBody(BODY_LIMITS.webhook, "text"));
  app.use("/channels/voice/*", capBody(BODY_LIMITS.form, "text"));
  app.use("/api/*", capBody(BODY_LIMITS.json, "json"));
  // each API keeps the error code it has answered since v1 (src/api/errors.ts): lookup and complaints say invalid_request
  app.use("/api/*", jsonDepthLimit((c) => (c.req.path.startsWith("/api/v1/complaints") || c.req.path.startsWith("/api/v1/lookup") ? "invalid_request" : "bad_request")));
  app.use("/staff", capBody(BODY_LIMITS.staff, "text"));
  // the voice studio's audio upload is the one staff request larger than a form
  const staffCap = capBody(BODY_LIMITS.staff, "text");
  const voiceUploadCap = capBody(BODY_LIMITS.voiceUpload, "text");
  app.use("/staff/*", (c, next) => (/^\/staff\/voice\/[a-z]{2}\/[^/]+\/audio$/.test(c.req.path) ? voiceUploadCap(c, next) : staffCap(c, next)));

  app.route("/api/v1/complaints", complaintsApi({ complaints: ctx.services.complaints, i18n: ctx.i18n, logger: ctx.logger, limits: { filePerHour: ctx.config.complaintsRateLimitPerHour, statusPerMinute: ctx.config.statusRateLimitPerMinute }, apiKeys: ctx.config.complaintsApiKeys, limitStore: sharedLimitStore(ctx) }));
  app.route("/api/v1", eligibilityApiRoutes({ db: ctx.db, catalog: ctx.services.catalog, districts: ctx.services.districts, eligibility: ctx.services.eligibility, i18n: ctx.i18n, logger: ctx.logger, now: ctx.now }));
  app.route("/channels/ussd", ussdRoutes({ handleTurn: ctx.handleTurn, i18n: ctx.i18n, logger: ctx.logger, auth: ctx.config.ussd, render: ctx.config.ussd }));
  app.route("/", widgetRoutes({ i18n: ctx.i18n }));
  app.route("/media", mediaRoutes({ media: ctx.voice.media }));
  app.route("/api/v1/chat", webChatRoutes({ handleTurn: ctx.handleTurn, i18n: ctx.i18n, secret: ctx.config.appSecret, allowedOrigins: ctx.config.web.allowedOrigins, rateLimitPerMinute: ctx.config.web.rateLimitPerMinute }));
  app.route("/api", openApiRoutes());
  app.route("/api/v1/lookup", lookupApiRoutes({ lookups: ctx.services.lookups, i18n: ctx.i18n, now: ctx.now }));
  app.route("/staff", staffRoutes({ db: ctx.db, config: ctx.config, logger: ctx.logger, now: ctx.now, i18n: ctx.i18n, complaints: ctx.services.complaints, districts: ctx.services.districts, eligibility: ctx.services.eligibility, voice: ctx.voice }));
  app.route("/channels/sms", smsRoutes(smsDeps(ctx, deps.onOutboxEnqueued)));
  app.route("/channels/voice", voiceRoutes(voiceDeps(deps, ctx)));
  if (ctx.config.whatsapp) app.route("/channels/whatsapp", whatsappRoutes({ config: ctx.config.whatsapp, handleTurn: ctx.handleTurn, recordDeliveryStatus: ctx.recordDeliveryStatus, logger: ctx.logger, onOutboxEnqueued: deps.onOutboxEnqueued, now: ctx.now, recordStaleInbound: async (m) => void (await ctx.db.insert(inboundMessages).values({ channel: "whatsapp", ...m, receivedAt: ctx.now() }).onConflictDoNothing()), countProviderError: deps.metrics?.countProviderError }));

  app.notFound((c) => c.json({ error: "not_found", message: "no such route", path: c.req.path }, 404));
  // Errors in our own execution: logged (scrubbed) and answered without internals, in the APIs' error shape.
  app.onError((error, c) => {
    if (isStorageFailure(error)) {
      // the database cannot be written (full disk, I/O error, a lock that stays): each caller
      // is told in its own terms that nothing was stored and to try again (Línea 101 for people)
      ctx.logger.error({ error, path: c.req.path }, "storage unavailable");
      return storageUnavailable(c, ctx);
    }
    ctx.logger.error({ error, path: c.req.path }, "unhandled error");
    return c.json({ error: "internal_error", message: "something failed on our side; try again later" }, 500);
  });
  return app;
}

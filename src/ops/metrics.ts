// Node-only: Prometheus metrics through @hono/prometheus (prom-client). The Worker build has no
// /metrics (Cloudflare's own analytics cover requests there), so nothing here may be reachable
// from src/worker.ts — test/boundaries.test.ts checks it.
import { prometheus } from "@hono/prometheus";
import type { Context, MiddlewareHandler } from "hono";
import { count, inArray, min } from "drizzle-orm";
import { Counter, Gauge, Registry, type Registry as RegistryType } from "prom-client";
import type { Db } from "../db/client";
import { complaints, notices, outbox } from "../db/schema";
import type { AppMetrics } from "../app";

/** Which channel a request came in on; a fixed, small set so label cardinality stays bounded. */
export function channelOf(path: string): string {
  if (path.startsWith("/channels/ussd")) return "ussd";
  if (path.startsWith("/channels/sms")) return "sms";
  if (path.startsWith("/channels/whatsapp")) return "whatsapp";
  if (path === "/chat" || path === "/widget.js" || path.startsWith("/api/v1/chat")) return "web";
  if (path.startsWith("/api/")) return "api";
  if (path.startsWith("/staff")) return "staff";
  if (path.startsWith("/media/")) return "media";
  return "other";
}

/**
 * Request counts and latency by channel and route, plus two gauges read from the database when
 * Prometheus scrapes: the outbox backlog and complaints by status. Counts only: never a person's
 * data, and the route label is the route pattern (`/staff/complaints/:code`), never the path.
 */
export function createMetrics(db: Db, options: { defaultMetrics?: boolean; now?: () => number } = {}): AppMetrics & { registry: RegistryType } {
  const now = options.now ?? (() => Date.now());
  const registry = new Registry();
  const channel = (c: Context) => channelOf(c.req.path);
  const { printMetrics, registerMetrics } = prometheus({
    registry,
    prefix: "orienta_",
    collectDefaultMetrics: options.defaultMetrics ?? true,
    metricOptions: {
      requestsTotal: { customLabels: { channel } },
      requestDuration: { customLabels: { channel } },
    },
  });

  /** a gauge of row counts by two labels, read from the database at each scrape */
  // drizzle's result type differs between the sync and async drivers: read the rows loosely
  const countsBy = (name: string, help: string, labelNames: [string, string], rows: () => unknown) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        this.reset();
        for (const row of (await rows()) as Record<string, string | number>[]) {
          this.set(Object.fromEntries(labelNames.map((label) => [label, String(row[label])])), Number(row.n));
        }
      },
    });

  countsBy("orienta_outbox_messages", "Outbox messages by channel and status (pending and sending are the backlog)", ["channel", "status"], () =>
    db.select({ channel: outbox.channel, status: outbox.status, n: count() }).from(outbox).groupBy(outbox.channel, outbox.status).all(),
  );
  countsBy("orienta_complaints", "Complaints by kind and status", ["kind", "status"], () =>
    db.select({ kind: complaints.kind, status: complaints.status, n: count() }).from(complaints).groupBy(complaints.kind, complaints.status).all(),
  );
  // payment notices (issue 21): every notice ever found, by kind and what became of it (pending,
  // sent, cancelled); read from the notices table, which keeps them (a count that only grows)
  countsBy("orienta_notices", "Payment notices by kind and status (pending: held by quiet hours or the daily cap)", ["kind", "status"], () =>
    db.select({ kind: notices.kind, status: notices.status, n: count() }).from(notices).groupBy(notices.kind, notices.status).all(),
  );
  new Gauge({
    name: "orienta_outbox_oldest_pending_seconds",
    help: "Age of the oldest message still waiting to be sent (0 when none)",
    registers: [registry],
    async collect() {
      const [row] = await db.select({ oldest: min(outbox.createdAt) }).from(outbox).where(inArray(outbox.status, ["pending", "sending"])).all();
      this.set(row?.oldest ? Math.max(0, (now() - row.oldest) / 1000) : 0);
    },
  });

  // errors providers report in their webhooks (Meta's `value.errors`, a message's or a failed
  // status's `errors`): the code is the provider's number, a bounded set; anything else is "other"
  const providerErrors = new Counter({
    name: "orienta_provider_errors_total",
    help: "Errors reported by providers in their webhooks, by channel, where they came (webhook, message, status) and the provider's code",
    labelNames: ["channel", "scope", "code"],
    registers: [registry],
  });
  const countProviderError: NonNullable<AppMetrics["countProviderError"]> = ({ channel, scope, code }) =>
    providerErrors.inc({ channel, scope, code: Number.isInteger(code) && code >= 0 && code < 10_000_000 ? String(code) : "other" });

  // voice prompts spoken without their recording (issue 22): Spanish by the provider's TTS, other
  // languages skipped; labels are the language, the fallback and why (never the text or a value)
  const voiceFallbacks = new Counter({
    name: "orienta_voice_prompt_fallbacks_total",
    help: "Voice prompt parts spoken without a recording: by language, fallback (say: provider text-to-speech, skip: left out) and reason (missing audio, free text such as a place name)",
    labelNames: ["lang", "fallback", "reason"],
    registers: [registry],
  });
  const countVoiceFallback: NonNullable<AppMetrics["countVoiceFallback"]> = ({ lang, fallback, reason }) => voiceFallbacks.inc({ lang, fallback, reason });

  // what each run of the notices job did in this process (found per kind, sent, held, cancelled)
  const noticeRuns = new Counter({
    name: "orienta_notices_job_total",
    help: "Payment notices job outcomes in this process: found_<kind> (due notices seen; a re-run sees them again), sent, cancelled, held_quiet, held_cap (a held notice counts at every run that holds it)",
    labelNames: ["outcome"],
    registers: [registry],
  });
  const countNotices: NonNullable<AppMetrics["countNotices"]> = (outcomes) => {
    for (const [outcome, n] of Object.entries(outcomes)) if (n > 0) noticeRuns.inc({ outcome }, n);
  };

  const middleware: MiddlewareHandler = async (c, next) => {
    // scrapes are not traffic: leave them out of the request figures
    if (c.req.path === "/metrics") return next();
    return registerMetrics(c, next);
  };
  return { registry, middleware, countProviderError, countVoiceFallback, countNotices, serve: async (c) => {
    const res = await printMetrics(c);
    res.headers.set("Content-Type", registry.contentType);
    return res;
  } };
}

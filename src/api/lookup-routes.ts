import { Hono } from "hono";
import { z } from "zod";
import { LANGS, type Lang } from "../i18n/langs";
import type { Translator } from "../i18n/translator";
import type { LookupService } from "../services/lookups/types";
import { clientLimitKey } from "../channels/shared/client-address";
import { zodApiError } from "./errors";

export interface LookupApiDeps {
  lookups: LookupService;
  i18n: Translator;
  now(): number;
}

function realPastDate(value: string, now: number): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value && value >= "1900-01-01" && date.getTime() <= now;
}

/**
 * `POST /api/v1/lookup`'s body: validates the request and is its OpenAPI description. Built once
 * per app (zod schemas are costly to build); "past" is judged against `now()` at parse time.
 */
export const lookupRequestSchema = (now: () => number) =>
  z.object({
    dni: z.string().regex(/^\d{8}$/, "the DNI is 8 digits"),
    birthDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD")
      .refine((v) => realPastDate(v, now()), "not a real past date"),
    lang: z.enum(LANGS).default("es"),
  });

const soles = (cents: number) => Math.round(cents) / 100;

/**
 * `POST /api/v1/lookup` `{dni, birthDate, lang?}` → the person's own record (masked name).
 * 401 with one body whatever failed (unknown DNI or wrong date), 429 when locked, 400 naming the field.
 */
export function lookupApiRoutes(deps: LookupApiDeps): Hono {
  const app = new Hono();
  const schema = lookupRequestSchema(deps.now);
  app.post("/", async (c) => {
    let raw: unknown;
    try {
      raw = await c.req.json();
    } catch {
      return c.json({ error: "invalid_request", field: "body", message: "the body must be JSON" }, 400);
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return c.json(zodApiError("invalid_request", parsed.error), 400);
    const { dni, birthDate, lang } = parsed.data as { dni: string; birthDate: string; lang: Lang };
    // verify, read, and audit the attempt and what was shown in one write
    const result = await deps.lookups.verifyAndRead({ dni, birthDate, channel: "api", client: clientLimitKey(c) }, "all");
    if (result.outcome === "failed") {
      return c.json({ error: "verification_failed", message: deps.i18n.t(lang, "lookup:failed") }, 401);
    }
    if (result.outcome === "locked") {
      const seconds = Math.ceil(result.retryAfterMs / 1000);
      c.header("Retry-After", String(seconds));
      const minutes = Math.max(1, Math.ceil(seconds / 60));
      return c.json({ error: "locked", message: deps.i18n.t(lang, "lookup:locked", { minutes }), retryAfter: seconds }, 429);
    }
    const record = result.record;
    return c.json({
      person: { name: result.maskedName },
      enrolments: record.enrolments.map((e) => ({ program: e.program, status: e.status, statusReason: e.statusReason, since: e.since })),
      classification: record.classification,
      payments: record.payments.map((p) => ({
        program: p.program,
        period: p.period,
        amount: soles(p.amountCents),
        status: p.status,
        availableFrom: p.availableFrom,
        availableUntil: p.availableUntil,
        paymentPoint: p.paymentPoint,
      })),
    });
  });
  return app;
}

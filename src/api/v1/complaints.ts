import { Hono, type Context } from "hono";
import type { Store } from "hono-rate-limiter";
import { perClientLimit } from "../../channels/shared/per-client-limit";
import { apiKeyId, filingGate } from "./api-keys";
import type { Translator } from "../../i18n/translator";
import { isLang, LANGS, type Lang } from "../../i18n/langs";
import type { Logger } from "../../logging/logger";
import { ComplaintValidationError, IdempotencyMismatchError, publicStatus, type ComplaintsService } from "../../services/complaints";
import { COMPLAINT_KINDS } from "../../db/schema/complaints";

/**
 * Filing confirmations one number may receive a day through the public API (no API key): the
 * endpoint needs no account, so without this anyone could make the service text a stranger's
 * phone over and over at the ministry's cost (session 8 review). Further cases are still filed.
 */
export const CONFIRMATIONS_PER_NUMBER_PER_DAY = 3;

export interface ComplaintsApiDeps {
  complaints: ComplaintsService;
  i18n: Translator;
  logger: Logger;
  /** POST / per client address per hour, GET /:code per minute (0: off) */
  limits?: { filePerHour: number; statusPerMinute: number };
  /** where each limiter counts (the database in the app: shared by every process and isolate); memory when absent */
  limitStore?: (name: string) => Store;
  /** integrators' keys (SHA-256 hex digests) and each key's filings per hour (0: off) */
  apiKeys?: { hashes: string[]; perHour: number };
}

/** The request's language for a refusal: `?lang=`, then the JSON body's `lang`, then Accept-Language. */
async function refusalLang(c: Context): Promise<Lang> {
  const q = c.req.query("lang");
  if (isLang(q)) return q;
  if (c.req.method === "POST") {
    const asked = ((await c.req.json().catch(() => null)) as { lang?: unknown } | null)?.lang;
    if (isLang(asked)) return asked;
  }
  const header = (c.req.header("accept-language") ?? "").toLowerCase().split(",").map((p) => p.trim().slice(0, 2));
  return header.find((l): l is Lang => isLang(l)) ?? "es";
}

// printable ASCII, as the IETF Idempotency-Key draft and Stripe accept; long enough for a UUID or a hash
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** A program's label for people: its proper name, or "none / I don't know". */
export function programLabel(i18n: Translator, lang: Lang, program: string): string {
  return program === "general" ? i18n.t(lang, "complaints:program.general") : i18n.t(lang, `programs:${program}.name`);
}

/**
 * `/api/v1/complaints`: file a complaint (idempotent with `Idempotency-Key`), check its status
 * by code (nothing personal), and list kinds, programs and categories with localized labels.
 * Errors name the field: `{ error, field, message }`.
 */
export function complaintsApi(deps: ComplaintsApiDeps): Hono {
  const app = new Hono();
  const { complaints, i18n } = deps;
  // issue 14 item 6: one address filed 200 urgent reclamos in 1.2 s and walked the tracking codes
  const limit = (windowMs: number, max: number, key: string) =>
    perClientLimit({
      windowMs,
      limit: max,
      refuse: async (c) => c.json({ error: "rate_limited", message: i18n.t(await refusalLang(c), `complaints:api.${key}`) }, 429),
      store: deps.limitStore?.(key),
    });
  // a known API key files under its own limit, an unknown one is refused, no key: the address's
  app.post(
    "/",
    filingGate({
      keyHashes: deps.apiKeys?.hashes ?? [],
      keyPerHour: deps.apiKeys?.perHour ?? 0,
      addressPerHour: deps.limits?.filePerHour ?? 0,
      refuse: async (c) => c.json({ error: "rate_limited", message: i18n.t(await refusalLang(c), "complaints:api.rate_limited") }, 429),
      store: deps.limitStore,
    }),
  );
  if (deps.limits?.statusPerMinute) app.get("/:code", limit(60_000, deps.limits.statusPerMinute, "status_rate_limited"));
  // counted in the shared store (a keyed hash of the number, never the number)
  const confirmations = deps.limitStore?.("complaints-confirm");
  confirmations?.init?.({ windowMs: 86_400_000 } as never);
  /**
   * whether this filing may send its confirmation: asked by the service with the number it would
   * really text (validated, E.164: `contact.address`, else `reporter.phone`), and only for a new
   * filing — reading the raw body let a filing with the number in `reporter.phone` alone pass
   * uncounted (session 9 review)
   */
  const mayConfirm = async (contact: { address: string }): Promise<boolean> =>
    !confirmations || (await confirmations.increment(contact.address)).totalHits <= CONFIRMATIONS_PER_NUMBER_PER_DAY;

  app.get("/categories", (c) => {
    const lang = c.req.query("lang") ?? "es";
    if (!isLang(lang)) return c.json({ error: "invalid_request", field: "lang", message: `one of ${LANGS.join(", ")}` }, 400);
    const catalog = complaints.catalog;
    return c.json({
      lang,
      kinds: COMPLAINT_KINDS.map((kind) => ({
        code: kind,
        label: i18n.t(lang, `complaints:kinds.${kind}`),
        anonymousAllowed: catalog.kinds[kind].mayBeAnonymous,
        identityRequired: catalog.kinds[kind].needsIdentity,
        categories: catalog.kinds[kind].categories.map((code) => ({ code, label: i18n.t(lang, `complaints:categories.${code}`), mayBeUrgent: catalog.askUrgent.includes(code) })),
      })),
      programs: catalog.programs.map((code) => ({ code, label: programLabel(i18n, lang, code) })),
    });
  });

  app.get("/:code", async (c) => {
    const complaint = await complaints.getByCode(c.req.param("code"));
    if (!complaint) return c.json({ error: "not_found", field: "code", message: "no complaint has this code" }, 404);
    return c.json(publicStatus(complaint));
  });

  app.post("/", async (c) => {
    const key = c.req.header("idempotency-key");
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
      return c.json({ error: "invalid_request", field: "Idempotency-Key", message: "1 to 200 printable ASCII characters" }, 400);
    }
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return c.json({ error: "invalid_request", field: "body", message: "the body must be a JSON object" }, 400);
    }
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      return c.json({ error: "invalid_request", field: "body", message: "the body must be a JSON object" }, 400);
    }
    try {
      // filed with an API key: the audit names the key (a prefix of its digest), never the key
      const integrator = apiKeyId(c);
      // an integrator with a key files for many people, each with their own number: not capped
      const confirm = integrator ? true : mayConfirm;
      const { complaint, replayed } = await complaints.file({ body, channel: "api", actor: integrator ? `api:key:${integrator}` : "api", idempotencyKey: key ? (integrator ? `api:key:${integrator}:${key}` : `api:${key}`) : undefined, confirm });
      if (replayed) c.header("Idempotent-Replayed", "true");
      return c.json({ code: complaint.code, status: complaint.status, deadline: complaint.deadline }, 201);
    } catch (error) {
      if (error instanceof ComplaintValidationError) {
        return c.json({ error: "invalid_request", field: error.field, message: error.message.slice(error.field.length + 2), issues: error.issues }, 400);
      }
      if (error instanceof IdempotencyMismatchError) {
        return c.json({ error: "idempotency_key_reused", field: "Idempotency-Key", message: error.message }, 422);
      }
      throw error;
    }
  });

  return app;
}

import { Hono, type Context } from "hono";
import { desc } from "drizzle-orm";
import { broadcasts } from "../../db/schema";
import { staffRepo } from "../../db/repos/staff";
import { LANGS } from "../../i18n/langs";
import { checkBroadcast, type BroadcastForm } from "../../services/broadcasts/check";
import type { BroadcastDeps } from "../../services/broadcasts/deps";
import { BroadcastInputError, BroadcastNotFoundError, BroadcastRefusedError } from "../../services/broadcasts/errors";
import { broadcastDelivery } from "../../services/broadcasts/send";
import { approveBroadcast, cancelBroadcast, createBroadcast, getBroadcast } from "../../services/broadcasts/steps";
import { createKeyedHash } from "../../services/lookups/keyed-hash";
import { PROGRAM_IDS } from "../../services/programs/catalog";
import { BroadcastFormPage } from "../pages/broadcast-form-page";
import { BroadcastPage } from "../pages/broadcast-page";
import { BroadcastsPage } from "../pages/broadcasts-page";
import { consoleLabels } from "../ui/labels";
import type { StaffDeps } from "./deps";
import type { StaffEnv } from "./env";
import { errorPage, requireRole } from "./middleware";

const NOTICES: Record<string, string> = {
  created: "Mensaje guardado. Otra persona debe aprobarlo antes de que salga.",
  approved: "Mensaje aprobado: saldrá a la hora programada, al ritmo configurado.",
  cancelled: "Envío cancelado: no se enviará nada más.",
};

const EMPTY_FORM: BroadcastForm = { title: "", programs: [], place: "", langs: [...LANGS], texts: {}, scheduled: "" };

/** /staff/broadcasts: supervisors and admins write, approve (never their own), schedule and cancel messages to consenting people. */
export function broadcastRoutes(deps: StaffDeps) {
  const app = new Hono<StaffEnv>();
  const guard = requireRole(deps.db, deps.now, "quality_supervisor", "admin");
  const labels = consoleLabels(deps.i18n, deps.districts);
  const service: BroadcastDeps = {
    db: deps.db,
    now: deps.now,
    i18n: deps.i18n,
    hash: createKeyedHash(deps.config.appSecret),
    districts: deps.districts,
    programs: PROGRAM_IDS,
    prices: deps.config.broadcasts.prices,
    maxSmsSegments: deps.config.sms.maxSegments,
  };
  const programs = PROGRAM_IDS.map((id) => ({ id, name: labels.program(id) }));
  const names = async () => {
    const map = await staffRepo.names(deps.db);
    return (id: string | null) => (id ? (map.get(id) ?? "persona de la consola") : "—");
  };
  const placeName = (prefix: string) => {
    if (prefix === "") return "todo el país";
    if (prefix.length === 2) return `departamento ${deps.districts.department(prefix)?.label ?? prefix}`;
    if (prefix.length === 4) return `provincia ${deps.districts.province(prefix)?.label ?? prefix}`;
    return `distrito ${deps.districts.get(prefix)?.label ?? prefix}`;
  };

  app.get("/broadcasts", guard, async (c) => {
    const rows = await deps.db.select().from(broadcasts).orderBy(desc(broadcasts.createdAt)).limit(200).all();
    return c.html(<BroadcastsPage user={c.get("staff")!} csrf={c.get("session")!.csrfToken} rows={rows} staffName={await names()} notice={NOTICES[c.req.query("done") ?? ""]} />);
  });

  const formPage = (c: Context<StaffEnv>, form: BroadcastForm, plan: Awaited<ReturnType<typeof checkBroadcast>>["plan"], errors: BroadcastInputError[], status: 200 | 400 = 200) =>
    c.html(<BroadcastFormPage user={c.get("staff")!} csrf={c.get("session")!.csrfToken} form={form} programs={programs} plan={plan} errors={errors} maxSmsSegments={service.maxSmsSegments} />, status);

  app.get("/broadcasts/new", guard, (c) => formPage(c, EMPTY_FORM, null, []));

  app.post("/broadcasts", guard, async (c) => {
    const f = c.get("form");
    const form: BroadcastForm = {
      title: (f.get("title") ?? "").slice(0, 500),
      programs: f.getAll("programs"),
      place: (f.get("place") ?? "").slice(0, 20),
      langs: f.getAll("langs"),
      texts: Object.fromEntries(LANGS.map((l) => [l, (f.get(`text_${l}`) ?? "").slice(0, 5000)])),
      scheduled: (f.get("scheduled") ?? "").slice(0, 40),
    };
    if (f.get("action") !== "create") {
      const { plan, errors } = await checkBroadcast(service, form);
      return formPage(c, form, plan, errors);
    }
    try {
      const row = await createBroadcast(service, form, c.get("staff")!.id);
      return c.redirect(`/staff/broadcasts/${row.id}?done=created`, 303);
    } catch (error) {
      if (!(error instanceof BroadcastInputError)) throw error;
      const { plan, errors } = await checkBroadcast(service, form);
      return formPage(c, form, plan, errors.length ? errors : [error], 400);
    }
  });

  const detail = async (c: Context<StaffEnv>, id: string, flash: { error?: string; notice?: string } = {}, status: 200 | 400 | 403 = 200) => {
    const row = await getBroadcast(service, id);
    const form: BroadcastForm = { title: row.title, programs: row.audience.programs, place: row.audience.ubigeoPrefix, langs: row.audience.langs, texts: row.texts, scheduled: "" };
    const plan = row.startedAt === null ? (await checkBroadcast(service, form)).plan : null;
    return c.html(
      <BroadcastPage
        user={c.get("staff")!}
        csrf={c.get("session")!.csrfToken}
        row={row}
        plan={plan}
        delivery={await broadcastDelivery(deps.db, id)}
        staffName={await names()}
        placeName={placeName(row.audience.ubigeoPrefix)}
        programName={labels.program}
        {...flash}
      />,
      status,
    );
  };

  const step = (what: "approved" | "cancelled", run: (id: string, staffId: string) => Promise<void>) => async (c: Context<StaffEnv>) => {
    const id = c.req.param("id") ?? "";
    try {
      await run(id, c.get("staff")!.id);
    } catch (error) {
      if (error instanceof BroadcastNotFoundError) return errorPage(c, 404, "Mensaje no encontrado", "Ese mensaje no existe.");
      if (error instanceof BroadcastRefusedError) return detail(c, id, { error: error.message }, 403);
      throw error;
    }
    return c.redirect(`/staff/broadcasts/${id}?done=${what}`, 303);
  };

  app.get("/broadcasts/:id", guard, async (c) => {
    try {
      return await detail(c, c.req.param("id"), { notice: NOTICES[c.req.query("done") ?? ""] });
    } catch (error) {
      if (error instanceof BroadcastNotFoundError) return errorPage(c, 404, "Mensaje no encontrado", "Ese mensaje no existe.");
      throw error;
    }
  });
  app.post("/broadcasts/:id/approve", guard, step("approved", (id, staffId) => approveBroadcast(service, id, staffId)));
  app.post("/broadcasts/:id/cancel", guard, step("cancelled", (id, staffId) => cancelBroadcast(service, id, staffId)));
  return app;
}

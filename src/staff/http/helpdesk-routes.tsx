import { Hono, type Context } from "hono";
import { COMPLAINT_STATUSES, type ComplaintRow } from "../../db/schema";
import { districtCounts, personRecord } from "../../db/repos/helpdesk-registry";
import { complaintsRepo } from "../../db/repos/complaints";
import { staffRepo } from "../../db/repos/staff";
import { ComplaintValidationError } from "../../services/complaints";
import { atomic } from "../../db/atomic";
import { staffAudit } from "../audit";
import { maskPhone } from "../../logging/mask";
import type { Lang } from "../../i18n/langs";
import { complaintBodyFromForm, formErrorFromDomain, HelpdeskFormError } from "../helpdesk/complaint-form";
import { receiptColumn } from "../helpdesk/receipt";
import { ComplaintFormPage } from "../pages/helpdesk-complaint-form";
import { ReceiptPage } from "../pages/receipt-page";
import type { Answers } from "../../services/eligibility/fields";
import { limaDate } from "../../services/complaints/deadline";
import type { StaffUser } from "../auth/roles";
import { LOOKUP_REASONS, LookupInputError, LookupLimitError, lookedUpRecently, lookupPersonForHelpdesk, type LookupReason } from "../helpdesk/lookup-person";
import { sendReceiptBySms } from "../helpdesk/send-receipt";
import { createLookupService } from "../../services/lookups/service";
import { registryRepo } from "../../db/repos/registry";
import { createKeyedHash } from "../../services/lookups/keyed-hash";
import { consentsOfPerson, grantConsent, revokeConsent } from "../../services/notices/consent";
import { CONSENT_OFFER_KEY, consentOfferText } from "../../services/notices/consent-text";
import { phoneToE164 } from "../../services/complaints/phone";
import { NoticeConsentSection } from "../pages/notice-consent-section";
import {
  DistrictPage,
  EligibilityPage,
  HelpdeskHomePage,
  PersonRecordPage,
  PersonSearchPage,
  type EligibilityForm,
  type Labels,
} from "../pages/helpdesk-pages";
import { consoleLabels, limaDateTime } from "../ui/labels";
import type { StaffDeps } from "./deps";
import type { StaffEnv } from "./env";
import { errorPage, requireRole } from "./middleware";

// the district page counts self-checks of the last 90 days
const COUNT_DAYS = 90;

/** Names of codes on the help desk's pages (Spanish, from the same locale files the person sees). */
export function helpdeskLabels(deps: Pick<StaffDeps, "i18n" | "districts">): Labels {
  const t = (key: string) => deps.i18n.t("es", key);
  return {
    ...consoleLabels(deps.i18n, deps.districts),
    cse: (level) => t(`eligibility:cse.${level}`),
    outcome: (o) => t(`eligibility:outcome.${o}`),
  };
}

/** The help desk (role `helpdesk`): everything on behalf of a person of the operator's own district. */
export function helpdeskRoutes(deps: StaffDeps) {
  const app = new Hono<StaffEnv>();
  const guard = requireRole(deps.db, deps.now, "helpdesk");
  const t = (key: string, params?: Record<string, string | number>) => deps.i18n.t("es", key, params);
  const labels = helpdeskLabels(deps);
  const page = (c: Context<StaffEnv>) => ({ user: c.get("staff")!, csrf: c.get("session")?.csrfToken, labels });
  const form = (c: Context<StaffEnv>) => Object.fromEntries(c.get("form").entries()) as Record<string, string>;
  const lookups = createLookupService({ db: deps.db, config: deps.config, now: deps.now });

  app.use("/helpdesk", guard);
  app.use("/helpdesk/*", guard);

  app.get("/helpdesk", (c) => c.html(<HelpdeskHomePage {...page(c)} />));

  // --- a person's status and payments ---------------------------------------------------------
  app.get("/helpdesk/person", (c) => c.html(<PersonSearchPage {...page(c)} />));
  app.post("/helpdesk/person", async (c) => {
    const f = form(c);
    const dni = (f.dni ?? "").replace(/\D/g, "");
    const reason = (LOOKUP_REASONS as readonly string[]).includes(f.reason) ? (f.reason as LookupReason) : "otro";
    try {
      const record = await lookupPersonForHelpdesk({ db: deps.db, now: deps.now, secret: deps.config.appSecret, lookupsPerHour: deps.config.helpdesk.lookupsPerHour }, c.get("staff")!, {
        dni,
        reason,
        consent: f.consent === "yes",
      });
      if (!record) return c.html(<PersonSearchPage {...page(c)} dni={dni} reason={reason} notFound />, 404);
      return c.html(<PersonRecordPage {...page(c)} record={record} today={limaDate(deps.now())} notices={await noticesSection(c, dni, record.person.phone)} />);
    } catch (error) {
      if (error instanceof LookupInputError) return c.html(<PersonSearchPage {...page(c)} dni={dni} reason={reason} error={error.message} field={error.field} />, 400);
      if (error instanceof LookupLimitError) {
        const text = `Llegó al límite de ${error.limit} consultas de personas por hora de su cuenta. Espere un momento e inténtelo de nuevo; si atiende a muchas personas seguidas, avise a la supervisión.`;
        return c.html(<PersonSearchPage {...page(c)} dni={dni} reason={reason} error={text} />, 429);
      }
      throw error;
    }
  });

  // the forms on a person's record act only after this operator's own audited, consented lookup of
  // that person: without it they would show the record (or tell whether a DNI lives in the
  // district) with no audit row, no consent and no hourly limit (session 8 review)
  const lookupDeps = { db: deps.db, now: deps.now, secret: deps.config.appSecret };
  const lookUpFirst = (c: Context<StaffEnv>) =>
    c.html(<PersonSearchPage {...page(c)} error="Primero consulte a la persona aquí, con su autorización; después puede desbloquear o registrar sus avisos desde su ficha." />, 403);

  // the person is at the desk (their record was just looked up with their consent): lift every lock
  // and failure count of their DNI so they can check by phone or chat again; audited
  app.post("/helpdesk/person/unlock", async (c) => {
    const dni = (form(c).dni ?? "").replace(/\D/g, "");
    if (!/^\d{8}$/.test(dni)) return c.html(<PersonSearchPage {...page(c)} error="El DNI debe tener 8 números." field="dni" />, 400);
    if (!(await lookedUpRecently(lookupDeps, c.get("staff")!, dni))) return lookUpFirst(c);
    // only a person of the operator's own district (answered like a DNI nobody has otherwise)
    const person = await registryRepo(deps.db).person(dni);
    const district = c.get("staff")!.district;
    if (!person || !district || person.ubigeo !== district) return c.html(<PersonSearchPage {...page(c)} dni={dni} notFound />, 404);
    await lookups.unlock(dni, { actor: `staff:${c.get("staff")!.id}`, channel: "helpdesk" });
    return c.html(<PersonSearchPage {...page(c)} notice="Listo: la persona ya puede volver a consultar sus pagos por teléfono, SMS, WhatsApp o la web." />);
  });

  // --- payment notices: consent given or ended with the person at the desk (issue 21) -------------
  const consentDeps = { db: deps.db, hash: createKeyedHash(deps.config.appSecret), now: deps.now };
  const offers = Object.fromEntries((["es", "qu", "ay"] as const).map((l) => [l, consentOfferText(l, CONSENT_OFFER_KEY.sms)])) as Record<Lang, string>;
  const noticesSection = async (c: Context<StaffEnv>, dni: string, phone: string | null) => (
    <NoticeConsentSection csrf={c.get("session")?.csrfToken} dni={dni} phone={phone} consents={await consentsOfPerson(consentDeps, dni)} offers={offers} />
  );
  /** the person of this DNI when they belong to the operator's district (else null, answered as unknown) */
  const ownPerson = async (c: Context<StaffEnv>, dni: string) => {
    const person = /^\d{8}$/.test(dni) ? await registryRepo(deps.db).person(dni) : undefined;
    const district = c.get("staff")!.district;
    return person && district && person.ubigeo === district ? person : null;
  };
  /** back to the record (read again, not a new lookup: the person was just looked up with consent) */
  const recordAgain = async (c: Context<StaffEnv>, dni: string, notice: { notice?: string; error?: string }, status: 200 | 400 = 200) => {
    const record = await personRecord(deps.db, dni);
    if (!record) return c.html(<PersonSearchPage {...page(c)} dni={dni} notFound />, 404);
    return c.html(<PersonRecordPage {...page(c)} record={record} today={limaDate(deps.now())} notice={notice.notice ?? notice.error} notices={await noticesSection(c, dni, record.person.phone)} />, status);
  };

  app.post("/helpdesk/person/notices", async (c) => {
    const f = form(c);
    const dni = (f.dni ?? "").replace(/\D/g, "");
    if (!(await lookedUpRecently(lookupDeps, c.get("staff")!, dni))) return lookUpFirst(c);
    if (!(await ownPerson(c, dni))) return c.html(<PersonSearchPage {...page(c)} dni={dni} notFound />, 404);
    const channel = f.channel === "whatsapp" ? "whatsapp" : f.channel === "sms" ? "sms" : null;
    const lang = (["es", "qu", "ay"] as const).find((l) => l === f.lang);
    const phone = phoneToE164(f.phone ?? "");
    // a refusal stores nothing
    if (f.agree !== "yes") return recordAgain(c, dni, { error: "Marque que la persona escuchó el texto y dice que sí: sin eso no se registra nada." }, 400);
    if (!channel || !lang || !phone) return recordAgain(c, dni, { error: "Revise el canal, el idioma y el celular (9 números, empieza con 9)." }, 400);
    await grantConsent(consentDeps, { dni, channel, address: phone, lang, via: "helpdesk", actor: `staff:${c.get("staff")!.id}` });
    return recordAgain(c, dni, { notice: `Listo: recibirá avisos de pago por ${channel === "sms" ? "SMS" : "WhatsApp"} en el número que termina en ${phone.slice(-3)}.` });
  });

  app.post("/helpdesk/person/notices/revoke", async (c) => {
    const f = form(c);
    const dni = (f.dni ?? "").replace(/\D/g, "");
    if (!(await lookedUpRecently(lookupDeps, c.get("staff")!, dni))) return lookUpFirst(c);
    if (!(await ownPerson(c, dni))) return c.html(<PersonSearchPage {...page(c)} dni={dni} notFound />, 404);
    const consent = (await consentsOfPerson(consentDeps, dni)).find((r) => r.id === f.consent);
    if (consent) await revokeConsent(consentDeps, { dni, address: consent.address, channel: consent.channel, via: "helpdesk", actor: `staff:${c.get("staff")!.id}` });
    return recordAgain(c, dni, { notice: "Listo: ya no recibirá avisos de pago en ese número." });
  });

  // --- eligibility check for a visitor -----------------------------------------------------------
  app.get("/helpdesk/eligibility", (c) => c.html(<EligibilityPage {...page(c)} form={{}} />));
  app.post("/helpdesk/eligibility", async (c) => {
    const f = form(c) as EligibilityForm;
    const user = c.get("staff")!;
    // from a person's record: the form filled with what the registry knows, to check and complete
    if (f.prefill === "1") return c.html(<EligibilityPage {...page(c)} form={{ ...f, prefill: undefined }} notice="Datos tomados del padrón: revíselos y complete lo que falta con la persona." />);
    const parsed = answersFrom(f, user);
    if ("error" in parsed) return c.html(<EligibilityPage {...page(c)} form={f} error={parsed.error} />, 400);
    const results = deps.eligibility.evaluate(parsed.answers);
    await deps.eligibility.recordCounts({ results, ubigeo: user.district, channel: "helpdesk", now: deps.now() });
    const rows = results.map((r) => ({
      program: r.program,
      outcome: r.outcome,
      reasons: r.reasons.map((n) => t(n.key, n.params)),
      steps: r.nextSteps.map((n) => t(n.key, n.params)),
    }));
    return c.html(<EligibilityPage {...page(c)} form={f} results={rows} />);
  });

  // --- a complaint on the person's behalf, its receipt, the receipt by SMS ---------------------
  const catalog = deps.complaints.catalog;
  const kinds = Object.entries(catalog.kinds).map(([id, k]) => ({ id, categories: k.categories }));
  const complaintPage = (c: Context<StaffEnv>, f: Record<string, string | undefined>, error?: HelpdeskFormError, status: 200 | 400 = 200) =>
    c.html(
      <ComplaintFormPage {...page(c)} form={f} error={error?.message} errorField={error?.field} programs={catalog.programs} kinds={kinds} district={c.get("staff")!.district ?? ""} />,
      status,
    );

  app.get("/helpdesk/complaint", (c) => complaintPage(c, { dni: (c.req.query("dni") ?? "").replace(/\D/g, "").slice(0, 8) }));
  app.post("/helpdesk/complaint", async (c) => {
    const f = form(c);
    const user = c.get("staff")!;
    if (!user.district) return errorPage(c, 403, "Sin distrito", "Su cuenta de mesa de ayuda no tiene distrito asignado.");
    // from a person's record: the form filled with the registry's name and phone, nothing filed yet
    if (f.prefill === "1") return complaintPage(c, { dni: f.dni, name: f.name, phone: f.phone, kind: "reclamo" });
    try {
      const body = complaintBodyFromForm(f, { catalog, ubigeo: user.district, labels });
      const { complaint } = await deps.complaints.file({ body, channel: "helpdesk", actor: `staff:${user.id}` });
      return c.redirect(`/staff/helpdesk/receipt/${complaint.code}?new=1`, 303);
    } catch (error) {
      if (error instanceof HelpdeskFormError) return complaintPage(c, f, error, 400);
      if (error instanceof ComplaintValidationError) return complaintPage(c, f, formErrorFromDomain(error.field), 400);
      throw error;
    }
  });

  async function complaintOfDistrict(user: StaffUser, code: string) {
    const complaint = await deps.complaints.getByCode(code);
    // a case of another district is "not found" for a help desk, like a person of another district
    return complaint && complaint.ubigeo === user.district && !complaint.confidential ? complaint : null;
  }

  // who registered it: the actor of the case's first event (an operator, or the person's own channel)
  async function filedBy(complaintId: string): Promise<string> {
    const [first] = await complaintsRepo(deps.db).events(complaintId);
    const staffId = first?.actor.startsWith("staff:") ? first.actor.slice(6) : null;
    if (!staffId) return "la propia persona (canal digital)";
    return `${(await staffRepo.names(deps.db)).get(staffId) ?? "personal de la consola"} (mesa de ayuda)`;
  }

  /** The receipt's columns: the person's language first, the Spanish beside it (one column for Spanish). */
  async function receiptColumns(complaint: ComplaintRow) {
    const repo = complaintsRepo(deps.db);
    // a denuncia's reporter stays protected (DL 1327) even on its receipt
    const reporter = complaint.kind === "denuncia" ? null : ((await repo.reporter(complaint.id)) ?? null);
    const filer = await filedBy(complaint.id);
    const langs: Lang[] = complaint.lang === "es" ? ["es"] : [complaint.lang, "es"];
    return {
      reporter,
      columns: langs.map((lang) =>
        receiptColumn(deps.i18n, lang, {
          complaint,
          reporter,
          place: labels.district(complaint.ubigeo),
          filedBy: filer,
          labels: localLabels(lang),
          publicContact: deps.config.publicContact,
        }),
      ),
    };
  }

  /** Code names in the receipt's language (the console's own labels are Spanish). */
  const localLabels = (lang: Lang) => ({
    kind: (k: string) => deps.i18n.t(lang, `complaints:kinds.${k}`),
    category: (k: string) => deps.i18n.t(lang, `complaints:categories.${k}`),
    program: (p: string) => (p === "general" ? deps.i18n.t(lang, "complaints:program.general") : deps.i18n.t(lang, `programs:${p}.name`)),
  });

  /** The number recorded for the case (its answer phone, else the reporter's phone) and the receipts already sent to it. */
  async function receiptSms(complaint: ComplaintRow, reporterPhone: string | null | undefined) {
    const phone = complaint.contactChannel === "sms" || complaint.contactChannel === "whatsapp" ? complaint.contactAddress : (reporterPhone ?? null);
    const messages = await complaintsRepo(deps.db).messages(complaint.code);
    const sent = messages.filter((m) => m.channel === "sms" && m.body.some((b) => b.key === "complaints:notify.filed"));
    return { phone, state: { maskedPhone: phone ? maskPhone(phone) : null, sent: sent.map((m) => ({ at: limaDateTime(m.createdAt), status: m.status })) } };
  }

  async function showReceipt(c: Context<StaffEnv>, code: string, extra: { notice?: string; error?: string } = {}, status: 200 | 400 = 200) {
    const user = c.get("staff")!;
    const complaint = await complaintOfDistrict(user, code);
    if (!complaint) return errorPage(c, 404, "Constancia no encontrada", "No hay un caso con ese código en su distrito.");
    const { reporter, columns } = await receiptColumns(complaint);
    const sms = await receiptSms(complaint, reporter?.phone);
    await atomic(deps.db, [staffAudit(deps.db, { staffId: user.id, action: "helpdesk.receipt_view", subject: `complaint:${complaint.code}`, detail: { district: user.district } }, deps.now())]);
    return c.html(<ReceiptPage {...page(c)} complaint={complaint} columns={columns} sms={sms.state} notice={extra.notice} error={extra.error} />, status);
  }

  app.get("/helpdesk/receipt/:code", (c) =>
    showReceipt(c, c.req.param("code"), { notice: c.req.query("new") ? "Reclamo registrado." : c.req.query("sms") ? "SMS en la cola de envío." : undefined }),
  );
  // only to the number recorded for the case; a second time only when the operator confirms the person asks for it
  app.post("/helpdesk/receipt/:code/sms", async (c) => {
    const user = c.get("staff")!;
    const complaint = await complaintOfDistrict(user, c.req.param("code"));
    if (!complaint) return errorPage(c, 404, "Constancia no encontrada", "No hay un caso con ese código en su distrito.");
    const reporter = complaint.kind === "denuncia" ? null : await complaintsRepo(deps.db).reporter(complaint.id);
    const sms = await receiptSms(complaint, reporter?.phone);
    if (!sms.phone) return showReceipt(c, complaint.code, { error: "Este caso no tiene celular registrado: no se puede enviar por SMS." }, 400);
    if (sms.state.sent.length > 0 && form(c).confirm_resend !== "yes")
      return showReceipt(c, complaint.code, { error: "La constancia ya se envió por SMS. Para enviarla otra vez, marque «La persona pide que se envíe otra vez» y pulse «Enviar otra vez»." }, 400);
    await sendReceiptBySms({ db: deps.db, now: deps.now }, user, complaint, sms.phone, sms.state.sent.length > 0);
    return c.redirect(`/staff/helpdesk/receipt/${complaint.code}?sms=1`, 303);
  });

  // --- the district's counts --------------------------------------------------------------------
  app.get("/helpdesk/district", async (c) => {
    const user = c.get("staff")!;
    if (!user.district) return errorPage(c, 403, "Sin distrito", "Su cuenta de mesa de ayuda no tiene distrito asignado.");
    const since = limaDate(deps.now() - COUNT_DAYS * 86_400_000);
    const counts = await districtCounts(deps.db, user.district, since);
    return c.html(<DistrictPage {...page(c)} since={since} complaints={counts.complaints} eligibility={counts.eligibility} statuses={COMPLAINT_STATUSES} />);
  });
  return app;
}

const yesNo = (v: string | undefined) => (v === "yes" ? true : v === "no" ? false : undefined);

/** The form's answers as the evaluator takes them; counts must be whole numbers. */
function answersFrom(f: EligibilityForm, user: StaffUser): { answers: Answers } | { error: string } {
  const count = (name: string, label: string, max: number): number | undefined | string => {
    const v = (f[name] ?? "").trim();
    if (v === "") return undefined;
    if (!/^\d{1,3}$/.test(v) || Number(v) > max) return `«${label}» debe ser un número entre 0 y ${max}.`;
    return Number(v);
  };
  const age = count("age", "Edad", 120);
  const under3 = count("childrenUnder3", "Niños menores de 3 años", 30);
  const under19 = count("childrenUnder19", "Menores de 19 años", 30);
  const school = count("childrenInPublicSchool", "Niños en colegio público", 30);
  for (const v of [age, under3, under19, school]) if (typeof v === "string") return { error: v };
  const cse = ["pobre_extremo", "pobre", "no_pobre", "sin_clasificacion", "no_sabe"].includes(f.cse ?? "") ? (f.cse as Answers["cse"]) : undefined;
  return {
    answers: {
      age: age as number | undefined,
      hasDni: yesNo(f.hasDni),
      cse,
      contributoryPension: yesNo(f.contributoryPension),
      essalud: yesNo(f.essalud),
      severeDisability: yesNo(f.severeDisability),
      household: {
        pregnant: yesNo(f.pregnant),
        childrenUnder3: under3 as number | undefined,
        childrenUnder19: under19 as number | undefined,
        childrenInPublicSchool: school as number | undefined,
      },
      ubigeo: user.district ?? undefined,
    },
  };
}

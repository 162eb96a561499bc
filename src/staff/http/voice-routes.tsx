import { Hono, type Context } from "hono";
import { isLang, LANGS, type Lang } from "../../i18n/langs";
import { VOICE_ROLES } from "../auth/roles";
import { staffAudit } from "../audit";
import { atomic } from "../../db/atomic";
import { VoiceStudioPage, type StudioFilter } from "../pages/voice-page";
import { STUDIO_SCRIPT } from "../ui/voice-studio-script";
import type { StaffDeps } from "./deps";
import type { StaffEnv } from "./env";
import { errorPage, requireRole } from "./middleware";
import { segmentStatuses } from "../../voice/studio-rows";
import { reviewSegment, setLanguageSwitch, storeSegmentAudio, StudioError } from "../../voice/segment-changes";
import { AudioError, prepareSegmentAudio } from "../../voice/wav";
import { languageSwitches } from "../../voice/segment-store";

const PAGE_SIZE = 40;
const FILTERS: StudioFilter[] = ["missing", "synthetic", "recorded", "reviewed", "all"];
const NOTICES: Record<string, string> = {
  reviewed: "Segmento marcado como revisado.",
  on: "Canal de voz encendido para este idioma.",
  off: "Canal de voz apagado para este idioma.",
  recorded: "Grabación guardada.",
};

/**
 * The voice studio (issue 22 item 4): per language, every segment with its text and where it is
 * used; upload or record (the page's script converts to WAV in the browser and posts it), listen,
 * mark reviewed by a second person, switch a language's voice channel on when it is complete.
 * Admins and voice editors only; every change audited.
 */
export function voiceRoutes(deps: StaffDeps & { voice: NonNullable<StaffDeps["voice"]> }) {
  const app = new Hono<StaffEnv>();
  const guard = requireRole(deps.db, deps.now, ...VOICE_ROLES);
  const { bank, media } = deps.voice;
  const changeDeps = { db: deps.db, media, now: deps.now };

  app.get("/assets/voice-studio.js", (c) => c.body(STUDIO_SCRIPT, 200, { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "public, max-age=3600" }));

  /**
   * The studio page. A refusal is shown on the page answering the POST (400), never carried in the
   * URL: `?error=<any text>` was printed as the console's own warning, so a link could make the
   * studio tell an editor anything (session 8 review).
   */
  async function studioPage(c: Context<StaffEnv>, view: { lang: Lang; status?: string; page?: string; error?: string }, code: 200 | 400 = 200) {
    const user = c.get("staff")!;
    const lang = view.lang;
    const filter = (FILTERS as string[]).includes(view.status ?? "") ? (view.status as StudioFilter) : "missing";
    const page = Math.max(1, Math.min(1000, Number.parseInt(view.page ?? "1", 10) || 1));
    const rows = await segmentStatuses(deps.db, bank, lang);
    const shown = rows.filter((r) => filter === "all" || r.status === filter);
    const counts = Object.fromEntries(FILTERS.map((f) => [f, f === "all" ? rows.length : rows.filter((r) => r.status === f).length])) as Record<StudioFilter, number>;
    const notRecorded = rows.filter((r) => r.status !== "recorded" && r.status !== "reviewed");
    const switches = await languageSwitches(deps.db);
    const offered = Object.fromEntries(await Promise.all(LANGS.map(async (l) => [l, await bank.offered(l)]))) as Record<Lang, boolean>;
    return c.html(
      <VoiceStudioPage
        user={user}
        csrf={c.get("session")!.csrfToken}
        lang={lang}
        filter={filter}
        page={page}
        pageSize={PAGE_SIZE}
        rows={shown.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)}
        total={shown.length}
        counts={counts}
        notRecorded={notRecorded.map((r) => r.segment)}
        switchState={switches[lang]}
        offered={offered}
        notice={view.error ? undefined : NOTICES[c.req.query("done") ?? ""]}
        error={view.error}
      />,
      code,
    );
  }

  app.get("/voice", guard, (c) => studioPage(c, { lang: isLang(c.req.query("lang")) ? (c.req.query("lang") as Lang) : "qu", status: c.req.query("status"), page: c.req.query("page") }));

  /** the segment named in the path, or null (a language and an id from the bank's catalog only) */
  const segmentOf = (c: Context<StaffEnv>) => {
    const lang = c.req.param("lang");
    if (!isLang(lang)) return null;
    const segment = bank.catalog(lang).find((s) => s.id === c.req.param("segment"));
    return segment ? { lang, segment } : null;
  };

  // the page's script posts the audio as a WAV body (converted in the browser) with the CSRF token in a header
  app.post("/voice/:lang/:segment/audio", guard, async (c) => {
    const found = segmentOf(c);
    if (!found) return c.json({ error: "not_found", message: "Ese segmento no existe." }, 404);
    const type = c.req.header("content-type") ?? "";
    if (!/^audio\/(wav|x-wav|wave)\b/.test(type)) return c.json({ error: "unsupported_type", message: "Se espera audio WAV (la página convierte MP3, OGG y las grabaciones del navegador)." }, 415);
    const user = c.get("staff")!;
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const source = c.req.header("x-audio-source") === "microphone" ? "microphone" : "upload";
    try {
      const audio = prepareSegmentAudio(bytes);
      await storeSegmentAudio(changeDeps, { lang: found.lang, segment: found.segment.id, text: found.segment.text, status: "recorded", audio, actor: `staff:${user.id}`, source });
      bank.invalidate(found.lang);
      return c.json({ ok: true, durationMs: audio.durationMs, message: `Grabación guardada (${(audio.durationMs / 1000).toFixed(1)} s).` });
    } catch (error) {
      if (!(error instanceof AudioError)) throw error;
      // a refused file is audited too (what was refused and why; never the audio)
      await atomic(deps.db, [staffAudit(deps.db, { staffId: user.id, action: "voice.recorded", subject: `voice:${found.lang}:${found.segment.id}`, outcome: "refused", detail: { reason: error.reason, bytes: bytes.length, source } }, deps.now())]);
      return c.json({ error: error.reason, message: `No se guardó: ${error.message}.` }, 422);
    }
  });

  app.post("/voice/:lang/:segment/review", guard, async (c) => {
    const found = segmentOf(c);
    if (!found) return errorPage(c, 404, "Segmento no encontrado", "Ese segmento no existe.");
    const back = (extra: string) => c.redirect(`/staff/voice?lang=${found.lang}&status=${encodeURIComponent(c.get("form").get("status") ?? "recorded")}&${extra}`, 303);
    try {
      await reviewSegment(changeDeps, { lang: found.lang, segment: found.segment.id, text: found.segment.text, actor: `staff:${c.get("staff")!.id}`, heard: c.get("form").get("media") ?? "" });
      bank.invalidate(found.lang);
      return back("done=reviewed");
    } catch (error) {
      if (!(error instanceof StudioError)) throw error;
      return studioPage(c, { lang: found.lang, status: c.get("form").get("status") ?? "recorded", error: error.message }, 400);
    }
  });

  app.post("/voice/:lang/switch", guard, async (c) => {
    const lang = c.req.param("lang");
    if (!isLang(lang)) return errorPage(c, 404, "Idioma no encontrado", "Ese idioma no existe.");
    const on = c.get("form").get("enabled") === "on";
    const rows = await segmentStatuses(deps.db, bank, lang);
    const missing = rows.filter((r) => r.status !== "recorded" && r.status !== "reviewed").length;
    // switching on needs a person's voice for every segment (Spanish also speaks by TTS on Twilio)
    if (on && missing > 0) return studioPage(c, { lang, error: `No se puede encender: faltan ${missing} segmentos por grabar (los borradores sintéticos no cuentan).` }, 400);
    await setLanguageSwitch(changeDeps, { lang, enabled: on, actor: `staff:${c.get("staff")!.id}`, missing });
    bank.invalidate(lang);
    return c.redirect(`/staff/voice?lang=${lang}&done=${on ? "on" : "off"}`, 303);
  });
  return app;
}

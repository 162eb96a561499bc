import { describe, expect, it } from "vitest";
import { consoleFixture } from "../helpers/console";
import { StaffBrowser } from "../helpers/staff";
import { encodeWav } from "../../src/voice/wav";

const tone = (seconds: number, amplitude = 0.3) => encodeWav({ sampleRate: 16000, samples: new Float32Array(Math.round(16000 * seconds)).map((_, i) => amplitude * Math.sin(i / 4)) });

async function editor(f: Awaited<ReturnType<typeof consoleFixture>>, who: { email: string; password: string }) {
  const browser = new StaffBrowser(f.app);
  await browser.login(who.email, who.password);
  const token = StaffBrowser.csrfOf(await (await browser.get("/staff/voice")).text());
  const upload = (segment: string, body: Uint8Array, headers: Record<string, string> = {}) =>
    f.app.request(`/staff/voice/qu/${segment}/audio`, { method: "POST", body: body as Uint8Array<ArrayBuffer>, headers: { cookie: browser.jar.header(), "content-type": "audio/wav", "x-csrf-token": token, ...headers } });
  return { browser, token, upload };
}

const audit = (f: Awaited<ReturnType<typeof consoleFixture>>) =>
  f.database.sqlite.prepare("select action, subject, outcome, json_extract(detail, '$.reason') as reason from audit_log where action like 'voice.%' order by id").all();

describe("the voice studio's rules (HTTP)", () => {
  it("refuses an upload without the CSRF header, silence, and an unknown segment; each refusal of audio is audited, nothing stored", async () => {
    const f = await consoleFixture();
    const a = await editor(f, f.staff.voiceEditor);
    expect((await a.upload("common.main.title~0", tone(1), { "x-csrf-token": "" })).status).toBe(403);
    const silent = await a.upload("common.main.title~0", tone(1, 0));
    expect(silent.status).toBe(422);
    expect((await silent.json()).message).toMatch(/silencio/);
    expect((await a.upload("no.such~0", tone(1))).status).toBe(404);
    expect((await a.upload("common.main.title~0", new TextEncoder().encode("x"), { "content-type": "audio/mpeg" })).status).toBe(415);
    expect(f.database.sqlite.prepare("select count(*) as n from voice_segments").get()).toEqual({ n: 0 });
    expect(audit(f)).toEqual([{ action: "voice.recorded", subject: "voice:qu:common.main.title~0", outcome: "refused", reason: "too_quiet" }]);
  });

  it("a recording is reviewed by a second person only; a re-recording goes back to 'recorded' under a new URL", async () => {
    const f = await consoleFixture();
    const a = await editor(f, f.staff.voiceEditor);
    const b = await editor(f, f.staff.voiceEditor2);
    const ok = await a.upload("common.main.title~0", tone(1.5));
    expect(ok.status).toBe(200);
    expect((await ok.json()).durationMs).toBeGreaterThan(1000);
    const first = f.database.sqlite.prepare("select status, media_path from voice_segments where segment = 'common.main.title~0'").get() as { status: string; media_path: string };
    expect(first.status).toBe("recorded");

    const own = await a.browser.post("/staff/voice/qu/common.main.title~0/review", { _csrf: a.token, media: first.media_path });
    expect(own.status).toBe(400);
    expect(await own.text()).toContain("la revisión la hace otra persona");
    expect((f.database.sqlite.prepare("select status from voice_segments").get() as { status: string }).status).toBe("recorded");

    expect((await b.browser.post("/staff/voice/qu/common.main.title~0/review", { _csrf: b.token, media: first.media_path })).headers.get("location")).toContain("done=reviewed");
    expect(f.database.sqlite.prepare("select status, reviewed_by from voice_segments").get()).toEqual({ status: "reviewed", reviewed_by: `staff:${f.staff.voiceEditor2.id}` });

    await a.upload("common.main.title~0", tone(2));
    const again = f.database.sqlite.prepare("select status, media_path from voice_segments").get() as { status: string; media_path: string };
    expect(again.status).toBe("recorded");
    expect(again.media_path).not.toBe(first.media_path);
    expect(audit(f).map((r) => (r as { action: string }).action)).toEqual(["voice.recorded", "voice.reviewed", "voice.recorded"]);
  });

  it("a review approves the recording the reviewer heard: one uploaded after the page was loaded stays 'recorded' (session 9 review)", async () => {
    const f = await consoleFixture();
    const a = await editor(f, f.staff.voiceEditor);
    const b = await editor(f, f.staff.voiceEditor2);
    expect((await a.upload("common.main.title~0", tone(1.5))).status).toBe(200);
    // the reviewer's page: the audio it plays and the review form naming that same recording
    const page = await (await b.browser.get("/staff/voice?lang=qu&status=recorded")).text();
    const heard = /name="media" value="([^"]+)"/.exec(page)![1];
    expect(page).toContain(`src="/media/${heard}"`);
    // whoever recorded swaps the audio after the reviewer listened
    expect((await a.upload("common.main.title~0", tone(2.5))).status).toBe(200);
    const swapped = f.database.sqlite.prepare("select media_path from voice_segments").get() as { media_path: string };
    expect(swapped.media_path).not.toBe(heard);
    const late = await b.browser.post("/staff/voice/qu/common.main.title~0/review", { _csrf: b.token, media: heard });
    expect(late.status).toBe(400);
    expect(await late.text()).toContain("la grabación cambió después de que usted la escuchó");
    // no form value at all is no review either
    expect((await b.browser.post("/staff/voice/qu/common.main.title~0/review", { _csrf: b.token })).status).toBe(400);
    expect(f.database.sqlite.prepare("select status, reviewed_by from voice_segments").get()).toEqual({ status: "recorded", reviewed_by: null });
    expect(audit(f).map((r) => (r as { action: string }).action)).toEqual(["voice.recorded", "voice.recorded"]);
    // listened to again: the review takes
    const again = /name="media" value="([^"]+)"/.exec(await (await b.browser.get("/staff/voice?lang=qu&status=recorded")).text())![1];
    expect(again).toBe(swapped.media_path);
    expect((await b.browser.post("/staff/voice/qu/common.main.title~0/review", { _csrf: b.token, media: again })).status).toBe(303);
    expect(f.database.sqlite.prepare("select status from voice_segments").get()).toEqual({ status: "reviewed" });
  });

  it("a link cannot put its own words in the studio's warning (?error= is not shown)", async () => {
    const f = await consoleFixture();
    const a = await editor(f, f.staff.voiceEditor);
    const page = await (await a.browser.get(`/staff/voice?lang=qu&error=${encodeURIComponent("Su sesión venció: llame al 999 111 222")}`)).text();
    expect(page).not.toContain("Su sesión venció");
  });

  it("a language cannot be switched on while segments lack a person's recording; switching off is audited", async () => {
    const f = await consoleFixture();
    const a = await editor(f, f.staff.voiceEditor);
    const on = await a.browser.post("/staff/voice/ay/switch", { _csrf: a.token, enabled: "on" });
    expect(on.status).toBe(400);
    expect(await on.text()).toMatch(/No se puede encender: faltan \d+ segmentos/);
    expect(f.database.sqlite.prepare("select count(*) as n from voice_languages").get()).toEqual({ n: 0 });
    const page = await (await a.browser.get("/staff/voice?lang=ay")).text();
    expect(page).toMatch(/Para encender el canal faltan <strong>\d+<\/strong> segmentos/);
    await a.browser.post("/staff/voice/es/switch", { _csrf: a.token, enabled: "off" });
    expect(f.database.sqlite.prepare("select lang, enabled from voice_languages").all()).toEqual([{ lang: "es", enabled: 0 }]);
    expect(audit(f)).toEqual([{ action: "voice.language_off", subject: "voice:es", outcome: "ok", reason: null }]);
  });
});

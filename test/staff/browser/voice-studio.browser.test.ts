import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";
import { consoleFixture } from "../../helpers/console";
import { axeScan, startServer, submitLogin } from "../../helpers/browser";
import { encodeWav } from "../../../src/voice/wav";

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let f: Awaited<ReturnType<typeof consoleFixture>>;

beforeAll(async () => {
  f = await consoleFixture();
  [browser, server] = await Promise.all([
    // as test/helpers/browser.ts, plus Chromium's fake microphone (a beeping tone) granted without a prompt
    chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", "--autoplay-policy=no-user-gesture-required"],
    }),
    startServer(f.app),
  ]);
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** one second of a spoken-level tone at 44.1 kHz stereo: what a person's WAV file might be */
function wavFile(): Buffer {
  const rate = 44100;
  const samples = new Float32Array(rate * 1.2).map((_, i) => 0.25 * Math.sin((2 * Math.PI * 300 * i) / rate) * (1 + 0.3 * Math.sin((2 * Math.PI * 3 * i) / rate)));
  return Buffer.from(encodeWav({ sampleRate: rate, samples }));
}

const login = (page: Page, who: { email: string; password: string }) => submitLogin(page, server.url, who);

const serious = async (page: Page) =>
  (await axeScan(page)).filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);

describe("the voice studio in Chromium", () => {
  it("uploads a file, records from the microphone, and a second person marks it reviewed; axe clean; CSP strict", { timeout: 120_000 }, async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const cspErrors: string[] = [];
    page.on("console", (m) => m.type() === "error" && cspErrors.push(m.text()));

    await login(page, f.staff.voiceEditor);
    await page.getByRole("heading", { name: "Estudio de voz" }).waitFor();
    expect(page.url()).toContain("/staff/voice");
    const csp = (await page.request.get(`${server.url}/staff/voice`)).headers()["content-security-policy"];
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect((await page.request.get(`${server.url}/staff/complaints`, { maxRedirects: 0 })).headers()["content-security-policy"]).not.toContain("script-src");
    expect(await serious(page)).toEqual([]);
    // Quechua first; switching on is not possible while segments are missing, and the page says how many
    await expect.poll(() => page.getByRole("button", { name: /Encender el canal de voz en Quechua/ }).isDisabled()).toBe(true);
    expect(await page.getByText(/Para encender el canal faltan/).textContent()).toMatch(/faltan \d+ segmentos/);

    // 1. upload a WAV file for "Simiykita akllay:" (common:language.prompt)
    const uploadRow = page.locator('tr[data-segment="common.language.prompt~0"]');
    await uploadRow.getByLabel("Archivo (WAV, MP3, OGG)").setInputFiles({ name: "simiykita.wav", mimeType: "audio/wav", buffer: wavFile() });
    await uploadRow.getByText(/Grabación guardada|No se guardó/).waitFor();
    expect(await uploadRow.locator(".studio-status").textContent()).toMatch(/Grabación guardada \(1\.\d s\)/);
    await page.goto(`${server.url}/staff/voice?lang=qu&status=recorded`);
    const uploaded = page.locator('tr[data-segment="common.language.prompt~0"]');
    await uploaded.getByText("grabado, por revisar").waitFor();
    // the recorder cannot review their own recording
    expect(await uploaded.getByRole("button", { name: "Marcar revisado" }).isDisabled()).toBe(true);

    // 2. record from the (fake) microphone for common:language.es
    await page.goto(`${server.url}/staff/voice?lang=qu&status=missing`);
    const recordRow = page.locator('tr[data-segment="common.language.es~0"]');
    await recordRow.getByRole("button", { name: "Grabar" }).click();
    await recordRow.getByText(/Grabando/).waitFor();
    await page.waitForTimeout(2500);
    await recordRow.getByRole("button", { name: "Detener y guardar" }).click();
    await recordRow.getByText(/Grabación guardada|No se guardó/).waitFor();
    expect(await recordRow.locator(".studio-status").textContent()).toMatch(/Grabación guardada \(\d+\.\d s\)/);
    await page.goto(`${server.url}/staff/voice?lang=qu&status=recorded`);
    await page.locator('tr[data-segment="common.language.es~0"]').getByText("grabado, por revisar").waitFor();
    expect(await serious(page)).toEqual([]);

    // the stored audio plays from /media (8 kHz WAV, cached as immutable)
    const src = await uploaded.locator("audio").getAttribute("src");
    const audio = await page.request.get(`${server.url}${src}`);
    expect(audio.status()).toBe(200);
    expect(audio.headers()["content-type"]).toBe("audio/wav");
    expect((await audio.body()).readUInt32LE(24)).toBe(8000);

    // 3. a second voice editor listens and marks both reviewed
    await context.clearCookies();
    await login(page, f.staff.voiceEditor2);
    await page.goto(`${server.url}/staff/voice?lang=qu&status=recorded`);
    for (const segment of ["common.language.prompt~0", "common.language.es~0"]) {
      await page.locator(`tr[data-segment="${segment}"]`).getByRole("button", { name: "Marcar revisado" }).click();
      await page.getByText("Segmento marcado como revisado.").waitFor();
    }
    await page.goto(`${server.url}/staff/voice?lang=qu&status=reviewed`);
    await page.locator('tr[data-segment="common.language.es~0"]').getByText("revisado").first().waitFor();
    expect(await serious(page)).toEqual([]);
    expect(cspErrors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);

    const audit = f.database.sqlite.prepare("select actor, action, subject, outcome, json_extract(detail, '$.source') as source from audit_log where action like 'voice.%' order by id").all();
    expect(audit).toEqual([
      { actor: `staff:${f.staff.voiceEditor.id}`, action: "voice.recorded", subject: "voice:qu:common.language.prompt~0", outcome: "ok", source: "upload" },
      { actor: `staff:${f.staff.voiceEditor.id}`, action: "voice.recorded", subject: "voice:qu:common.language.es~0", outcome: "ok", source: "microphone" },
      { actor: `staff:${f.staff.voiceEditor2.id}`, action: "voice.reviewed", subject: "voice:qu:common.language.prompt~0", outcome: "ok", source: null },
      { actor: `staff:${f.staff.voiceEditor2.id}`, action: "voice.reviewed", subject: "voice:qu:common.language.es~0", outcome: "ok", source: null },
    ]);
    await context.close();
  });
});

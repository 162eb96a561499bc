// npm run bench:notices — the payment notices job (issue 21) over a national registry: BENCH_PERSONS
// people (default 2 000 000) and BENCH_PAYMENTS payments (default 5 000 000), 10 % of the people
// consenting (BENCH_CONSENT, a fraction), generated with raw better-sqlite3 inserts into a temp
// file that has every migration. A "national day": the current period's windows open over 10
// days, so a tenth of its payments open on the bench day; an earlier period's windows close
// NOTICES_REMINDER_DAYS later (the reminders). Figures: the job's wall time for the day (find +
// write the notices + enqueue them in the outbox), an idempotent re-run, and the same-run baseline
// — one indexed scan of the payments whose window opens that day — with the ratio.
// Smaller: BENCH_PERSONS=100000 BENCH_PAYMENTS=250000 npm run bench:notices
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { openNodeDatabase } from "../src/db/node";
import { loadConfig } from "../src/config";
import { createKeyedHash } from "../src/services/lookups/keyed-hash";
import { personKeyOf } from "../src/services/notices/consent";
import { consentTextVersion } from "../src/services/notices/consent-text";
import { runNoticesJob } from "../src/services/notices/run-notices";
import { dniOf } from "./generate";

const PERSONS = Number(process.env.BENCH_PERSONS ?? 2_000_000);
const PAYMENTS = Number(process.env.BENCH_PAYMENTS ?? 5_000_000);
const CONSENT = Number(process.env.BENCH_CONSENT ?? 0.1);
const TODAY = "2026-12-14";
const NOW = Date.parse(`${TODAY}T08:00:00-05:00`);
const PROGRAMS = [
  ["pension65", 35000],
  ["juntos", 20000],
  ["contigo", 30000],
] as const;
const POINTS = ["Banco de la Nación, agencia principal", "Agente Multired de la plaza", "ETV pagador, local comunal", "Plataforma itinerante PIAS"];
const pad = (n: number) => String(n).padStart(2, "0");

const dir = mkdtempSync(join(tmpdir(), "bench-notices-"));
const file = join(dir, "notices.db");
const started = performance.now();
const { sqlite, db, close } = openNodeDatabase(file);
const { config } = loadConfig({ NODE_ENV: "test", NOTICES_QUIET_HOURS: "off" });
const hash = createKeyedHash(config.appSecret);

// --- data: raw inserts, in big transactions ------------------------------------------------------
const insertPerson = sqlite.prepare("INSERT INTO persons (dni, birth_date, first_names, last_names, ubigeo, phone) VALUES (?, '1950-01-01', 'ROSA', 'QUISPE', '030101', ?)");
const insertPayment = sqlite.prepare(
  "INSERT INTO payments (dni, program, period, amount_cents, status, available_from, available_until, payment_point) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
);
const insertConsent = sqlite.prepare(
  "INSERT INTO notice_consents (id, person_key, channel, address, lang, status, granted_at, granted_via, granted_by, text_key, text_version, updated_at) VALUES (?, ?, 'sms', ?, ?, 'granted', ?, 'ussd', 'citizen:ussd', 'notices:offer.sms', ?, ?)",
);
const phoneOf = (i: number) => `+519${String(10_000_000 + i).slice(-8)}`;
const perPerson = PAYMENTS / PERSONS;
const batch = (rows: number, each: (i: number) => void) => {
  for (let from = 0; from < rows; from += 50_000) sqlite.transaction(() => {
    for (let i = from; i < Math.min(rows, from + 50_000); i++) each(i);
  })();
};
batch(PERSONS, (i) => insertPerson.run(dniOf(i), phoneOf(i)));
// payment j belongs to person floor(j / perPerson); its period counts back from the current one
batch(PAYMENTS, (j) => {
  const i = Math.floor(j / perPerson);
  const back = j - Math.ceil(i * perPerson); // 0: current period, 1: the one before, …
  const [program, cents] = PROGRAMS[i % PROGRAMS.length];
  const month = 12 - 2 * back;
  const period = month > 0 ? `2026-${pad(month)}` : `2025-${pad(month + 12)}`;
  if (back === 0) {
    // the current period: windows open over 10 days from 2026-12-10 (a tenth of them today)
    const open = `2026-12-${pad(10 + (i % 10))}`;
    insertPayment.run(dniOf(i), program, period, cents, "programado", open, "2027-01-31", POINTS[i % 4]);
  } else if (back === 1) {
    // the period before: most collected; the rest close over 10 days (a tenth of them 5 days from today)
    const collected = i % 3 !== 0;
    insertPayment.run(dniOf(i), program, period, cents, collected ? "cobrado" : "disponible", "2026-10-12", `2026-12-${pad(14 + (i % 10))}`, POINTS[i % 4]);
  } else insertPayment.run(dniOf(i), program, period, cents, "cobrado", `${period}-12`, `${period}-28`, POINTS[i % 4]);
});
const version = await consentTextVersion("es", "notices:offer.sms");
const consenting: number[] = [];
for (let i = 0; i < PERSONS; i++) if ((i * 2654435761) % 1000 < CONSENT * 1000) consenting.push(i);
const keys = await Promise.all(consenting.map((i) => personKeyOf(hash, dniOf(i))));
batch(consenting.length, (n) => insertConsent.run(crypto.randomUUID(), keys[n], phoneOf(consenting[n]), ["es", "qu", "ay"][n % 3], NOW - 86_400_000, version, NOW - 86_400_000));
sqlite.pragma("wal_checkpoint(TRUNCATE)");
sqlite.exec("ANALYZE");
const loadSeconds = (performance.now() - started) / 1000;
console.log(`generated ${PERSONS.toLocaleString("en")} persons, ${PAYMENTS.toLocaleString("en")} payments, ${consenting.length.toLocaleString("en")} consents in ${loadSeconds.toFixed(1)} s (${file})`);

// --- baseline: one indexed scan of the payments whose window opens today -------------------------
function baseline(): { ms: number; rows: number } {
  const t0 = performance.now();
  let rows = 0;
  for (const _ of sqlite.prepare("SELECT dni, program, period, amount_cents, available_from, available_until, payment_point FROM payments WHERE available_from = ?").iterate(TODAY)) rows += 1;
  return { ms: performance.now() - t0, rows };
}

const base1 = baseline();
const t0 = performance.now();
const report = await runNoticesJob({ db, hash, config: { ...config.notices, quietHours: null, dailyLimit: 100_000_000 } }, { now: NOW });
const jobMs = performance.now() - t0;
const t1 = performance.now();
const again = await runNoticesJob({ db, hash, config: { ...config.notices, quietHours: null, dailyLimit: 100_000_000 } }, { now: NOW + 15 * 60_000 });
const againMs = performance.now() - t1;
const base2 = baseline();
const baseMs = Math.min(base1.ms, base2.ms);
const outboxRows = (sqlite.prepare("SELECT count(*) AS n FROM outbox").get() as { n: number }).n;

console.log(`payments opening ${TODAY}: ${base1.rows.toLocaleString("en")}; baseline (one indexed scan of them): ${baseMs.toFixed(0)} ms`);
console.log(`job, first run: ${(jobMs / 1000).toFixed(2)} s — found ${JSON.stringify(report.found)}, sent ${JSON.stringify(report.sent)}; outbox rows ${outboxRows.toLocaleString("en")}`);
console.log(`job, re-run 15 min later (nothing new): ${(againMs / 1000).toFixed(2)} s — sent ${again.sent.sent}`);
console.log(`job / baseline: ${(jobMs / baseMs).toFixed(1)}× (first run), ${(againMs / baseMs).toFixed(1)}× (re-run); national day under a minute: ${jobMs < 60_000 ? "yes" : "NO"}`);
console.log(`load average: ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
close();
if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });

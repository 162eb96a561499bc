import { Hono } from "hono";
import type { Db } from "../db/client";
import { limaDate } from "../services/complaints/deadline";
import { openData, SMALL_CELL, type OpenTable } from "../services/insight/open-data";
import { pageSecurityHeaders } from "../channels/web/widget/routes";
import { openDataPage } from "./page";

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const FIRST_MONTH = "2024-01";

/** The months asked for (`desde`, `hasta`: YYYY-MM; default the last 12 months), or a Spanish error. */
export function monthsOf(q: { desde?: string; hasta?: string }, today: string): { ok: true; from: string; to: string } | { ok: false; error: string } {
  const current = today.slice(0, 7);
  const [y, m] = current.split("-").map(Number);
  const yearAgo = `${m === 12 ? y : y - 1}-${String((m % 12) + 1).padStart(2, "0")}`;
  const from = q.desde?.trim() || yearAgo;
  const to = q.hasta?.trim() || current;
  if (!MONTH.test(from)) return { ok: false, error: `«desde» (${from.slice(0, 20)}) no es un mes (AAAA-MM).` };
  if (!MONTH.test(to)) return { ok: false, error: `«hasta» (${to.slice(0, 20)}) no es un mes (AAAA-MM).` };
  if (from > to) return { ok: false, error: `El periodo está al revés: «desde» (${from}) es posterior a «hasta» (${to}).` };
  if (from < FIRST_MONTH) return { ok: false, error: `No hay datos antes de ${FIRST_MONTH}.` };
  if (to > current) return { ok: false, error: `El periodo termina después del mes actual (${current}).` };
  return { ok: true, from, to };
}

const csvOf = (t: OpenTable) => `\uFEFF${[t.columns, ...t.rows].map((r) => r.join(",")).join("\r\n")}\r\n`;

/**
 * GET /datos (public, no login): the open data page; GET /datos.csv: its complaints table
 * (`?tabla=uso`: the usage table). Monthly counts, codes only, cells under 5 shown as "<5".
 */
export function openDataRoutes(deps: { db: Db; now: () => number }) {
  const app = new Hono();
  app.get("/datos", pageSecurityHeaders, async (c) => {
    const months = monthsOf(c.req.query(), limaDate(deps.now()));
    if (!months.ok) return c.html(openDataPage({ error: months.error }), 400);
    const data = await openData(deps.db, months);
    return c.html(openDataPage({ months, data, smallCell: SMALL_CELL }));
  });
  app.get("/datos.csv", async (c) => {
    const months = monthsOf(c.req.query(), limaDate(deps.now()));
    if (!months.ok) return c.text(`${months.error}\n`, 400);
    const table = c.req.query("tabla") ?? "casos";
    if (table !== "casos" && table !== "uso") return c.text(`No hay una tabla «${table.slice(0, 20)}»: casos o uso.\n`, 400);
    const data = await openData(deps.db, months);
    return c.body(csvOf(table === "uso" ? data.usage : data.complaints), 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="midis-orienta-${table}-${months.from}-${months.to}.csv"`,
      "access-control-allow-origin": "*",
    });
  });
  return app;
}

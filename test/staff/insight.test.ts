import { beforeAll, describe, expect, it } from "vitest";
import peruMap from "../../db/reference/peru-map.json";
import { consoleFixture } from "../helpers/console";
import { StaffBrowser } from "../helpers/staff";

let f: Awaited<ReturnType<typeof consoleFixture>>;
const as = async (who: "supervisor" | "admin" | "helpdesk" | "agent") => {
  const b = new StaffBrowser(f.app);
  await b.login(f.staff[who].email, f.staff[who].password);
  return b;
};
const svgOf = (html: string, id: string) => {
  const m = new RegExp(`<svg[^>]*aria-labelledby="${id}-t ${id}-d"[\\s\\S]*?</svg>`).exec(html);
  if (!m) throw new Error(`no svg ${id}`);
  return m[0];
};
const paths = (svg: string) => [...svg.matchAll(/<path d="[^"]*"[^>]*data-code="(\d+)"><title>([^<]*)<\/title><\/path>/g)].map((m) => ({ code: m[1], title: m[2] }));

beforeAll(async () => {
  f = await consoleFixture();
});

describe("/staff/insight", () => {
  it("maps Peru with one shape per department, each with its value in a <title>, linking to its provinces; no script", async () => {
    const b = await as("supervisor");
    const res = await b.get("/staff/insight?from=2026-01-01&to=2026-11-23");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toMatch(/<script/i);
    const map = svgOf(html, "map");
    expect(map).toMatch(/<title id="map-t">Casos por 10 000 personas en pobreza — Perú por departamento<\/title><desc id="map-d">/);
    const shapes = paths(map);
    expect(shapes.map((s) => s.code)).toEqual(peruMap.departments.map((d) => d.code));
    expect(shapes).toHaveLength(25);
    // the fixture's three cases: Apurímac (030101), Piura (200101), Lima (150101)
    expect(shapes.find((s) => s.code === "03")!.title).toMatch(/^Apurímac: [\d.,]+ por 10 000 personas en pobreza \(1 casos\)$/);
    expect(shapes.find((s) => s.code === "05")!.title).toMatch(/^Ayacucho: 0 por 10 000 personas en pobreza \(0 casos\)$/);
    expect(map).toContain('<a href="/staff/insight?from=2026-01-01&amp;to=2026-11-23&amp;map=complaints&amp;dept=03">');
    // every chart is an SVG named by <title> and <desc>, with its numbers behind a toggle and a CSV link
    for (const id of ["map", "weekly", "ontime", "median", "channel", "lang", "funnel", "gap"]) {
      expect(svgOf(html, id)).toMatch(new RegExp(`<title id="${id}-t">[^<]+</title><desc id="${id}-d">[^<]+</desc>`));
      expect(html).toContain(`/staff/insight.csv?from=2026-01-01&amp;to=2026-11-23&amp;map=complaints&amp;chart=${id}`);
    }
    expect(html.match(/<details>/g)).toHaveLength(8);
  });

  it("click-through: one shape per province of the department", async () => {
    const b = await as("admin");
    const html = await (await b.get("/staff/insight?dept=03&map=gap")).text();
    const shapes = paths(svgOf(html, "map"));
    expect(shapes.map((s) => s.code)).toEqual(peruMap.provinces.filter((p) => p.code.startsWith("03")).map((p) => p.code));
    expect(shapes.length).toBe(7);
    expect(html).toContain("Una señal, no una medición");
    expect(html).toContain("Volver al mapa del Perú");
  });

  it("the CSV of a chart is its table; bad input is a Spanish message on the page and 400 on the CSV", async () => {
    const b = await as("supervisor");
    const csv = await b.get("/staff/insight.csv?chart=map&from=2026-01-01&to=2026-11-23");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    const lines = (await csv.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("Código,Departamento,Casos,Personas en pobreza (estimado),Por 10 000");
    expect(lines).toHaveLength(26);
    expect(lines.find((l) => l.startsWith("03,"))).toMatch(/^03,Apurímac,1,\d+,[\d.]+$/);
    expect(lines.find((l) => l.startsWith("20,"))).toMatch(/^20,Piura,1,/);

    for (const [query, message] of [
      ["from=2026-11-01&to=2026-10-01", "El periodo está al revés"],
      ["from=2019-01-01&to=2026-10-01", "antes de 2024-01-01"],
      ["to=2030-01-01", "después de hoy"],
      ["from=2026-02-31", "no es una fecha válida"],
      ["program=foo", "No conocemos el programa «foo»"],
      ["dept=99", "No conocemos el departamento «99»"],
    ] as const) {
      const page = await b.get(`/staff/insight?${query}`);
      expect(page.status, query).toBe(400);
      expect(await page.text()).toContain(message);
      const bad = await b.get(`/staff/insight.csv?chart=map&${query}`);
      expect(bad.status, query).toBe(400);
      expect(await bad.text()).toContain(message);
    }
    expect((await b.get("/staff/insight.csv?chart=nope")).status).toBe(400);
  });

  it("a help desk sees its own district's version, whatever it asks for; an agent is refused", async () => {
    const b = await as("helpdesk"); // district 030101 (Abancay)
    const res = await b.get("/staff/insight?dept=20");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Su cuenta ve solo las cifras de su distrito");
    const shapes = paths(svgOf(html, "map"));
    expect(shapes.every((s) => s.code.startsWith("03"))).toBe(true);
    expect(shapes.find((s) => s.code === "0301")!.title).toMatch(/\(1 casos\)/);
    expect(shapes.find((s) => s.code === "0302")!.title).toMatch(/sin datos/);
    const csv = await (await b.get("/staff/insight.csv?chart=map&dept=20")).text();
    expect(csv).not.toMatch(/PIURA|Piura/);
    expect(csv).toMatch(/0301,Abancay,1,/);
    const agent = await as("agent");
    expect((await agent.get("/staff/insight")).status).toBe(403);
  });
});

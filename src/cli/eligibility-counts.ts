/**
 * The quality office's view of the anonymous self-check counts: one day (Lima date, default
 * today), by program × outcome × district × channel, as CSV on stdout.
 *
 *   npm run eligibility:counts -- [YYYY-MM-DD] [--db ./data/orienta.db]
 */
import { stringify } from "csv-stringify/sync";
import { countsOfDay } from "../db/repos/eligibility-counts";
import { openNodeDatabase } from "../db/node";
import { createDistrictDirectory } from "../services/districts/directory";

const args = process.argv.slice(2);
const dbFlag = args.indexOf("--db");
const path = dbFlag >= 0 ? args[dbFlag + 1] : process.env.DATABASE_PATH ?? "./data/orienta.db";
const day = args.find((a) => /^\d{4}-\d{2}-\d{2}$/.test(a)) ?? new Date(Date.now() - 5 * 3_600_000).toISOString().slice(0, 10);

const database = openNodeDatabase(path);
const districts = createDistrictDirectory();
const rows = await countsOfDay(database.db, day);
process.stdout.write(
  stringify(
    rows.map((r) => {
      const d = r.ubigeo ? districts.get(r.ubigeo) : undefined;
      return { day: r.day, program: r.program, outcome: r.outcome, ubigeo: r.ubigeo, district: d ? d.label : "", channel: r.channel, count: r.count };
    }),
    { header: true, columns: ["day", "program", "outcome", "ubigeo", "district", "channel", "count"] },
  ),
);

// Generates registry CSVs of any size, deterministic (seeded), written as a stream.
// `tsx bench/generate.ts <persons|payments> <rows> <file>`
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { seededRandom } from "../test/support/seeded-random";

const pad = (n: number, w: number) => String(n).padStart(w, "0");
/** the i-th person's DNI: spread over the 8-digit space, like real DNIs */
export const dniOf = (i: number) => pad(10_000_000 + ((i * 7919) % 89_999_999), 8);
export const birthDateOf = (i: number) => `${1930 + (i % 70)}-${pad(1 + (i % 12), 2)}-${pad(1 + (i % 28), 2)}`;

const PROGRAMS = ["juntos", "pension65", "contigo"];
/** each program's current benefit (db/catalog/programs.json): the importer rejects amounts a program does not pay */
const AMOUNTS: Record<string, string> = { juntos: "200.00", pension65: "350.00", contigo: "300.00" };
const STATUSES = ["programado", "disponible", "cobrado", "cobrado", "no_cobrado"];
const POINTS = ["Banco de la Nación, agencia principal", "Agente Multired", "ETV pagador, local comunal", "Plataforma itinerante PIAS"];
// real INEI districts, so every generated person passes the importer's district check
const UBIGEOS = ["010101", "030201", "030101", "080101", "150101", "200101", "210101", "220101"];
const NAMES = ["MARIA", "JUAN", "ROSA", "PEDRO", "LUCIA", "FELIX", "JUANA", "TEODORO"];
const SURNAMES = ["QUISPE", "MAMANI", "HUAMAN", "CONDORI", "FLORES", "CHOQUE", "RAMOS"];

async function write(file: string, header: string, rows: number, line: (i: number) => string): Promise<void> {
  const out = createWriteStream(file, { highWaterMark: 1 << 20 });
  out.write(header + "\n");
  let chunk = "";
  for (let i = 0; i < rows; i++) {
    chunk += line(i) + "\n";
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  out.end(chunk);
  await once(out, "finish");
}

export interface PaymentsShape {
  /** distinct payment points (default 4; a real month has hundreds to thousands: one or more per district) */
  places?: number;
  /** no quotes anywhere: the points written without a comma (default: every point quoted, with a comma inside) */
  plain?: boolean;
}

/** payments: `perPerson` consecutive periods for each of `rows / perPerson` people */
export function writePayments(file: string, rows: number, perPerson = 3, shape: PaymentsShape = {}): Promise<void> {
  const random = seededRandom(42); // the same files every run
  const places = shape.places ?? POINTS.length;
  const pointOf = (person: number) => {
    const k = person % places;
    const name = k < POINTS.length ? POINTS[k] : `${POINTS[k % POINTS.length]} ${Math.floor(k / POINTS.length)}`;
    return shape.plain ? name.replace(",", "") : `"${name}"`;
  };
  return write(file, "dni,program,period,amount,status,available_from,available_until,payment_point", rows, (i) => {
    const person = Math.floor(i / perPerson);
    const month = 1 + (i % perPerson) * 2;
    const program = PROGRAMS[person % PROGRAMS.length];
    const status = STATUSES[Math.floor(random() * STATUSES.length)];
    return `${dniOf(person)},${program},2026-${pad(month, 2)},${AMOUNTS[program]},${status},2026-${pad(month, 2)}-10,2026-${pad(month + 1, 2)}-10,${pointOf(person)}`;
  });
}

export function writePersons(file: string, rows: number): Promise<void> {
  return write(file, "dni,birth_date,first_names,last_names,ubigeo,phone", rows, (i) => {
    return `${dniOf(i)},${birthDateOf(i)},${NAMES[i % 8]},${SURNAMES[i % 7]} ${SURNAMES[(i >> 3) % 7]},${UBIGEOS[i % UBIGEOS.length]},9${pad(i % 100_000_000, 8)}`;
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [kind, rows, file] = process.argv.slice(2);
  const n = Number(rows);
  await (kind === "persons" ? writePersons(file, n) : writePayments(file, n));
}

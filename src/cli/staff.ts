// `npm run staff -- create --email ana@midis.gob.pe --role quality_agent [--district 030101] [--name "Ana"] [--password …]`
// Creates a console account in DATABASE_PATH. With --sql it writes nothing and prints the INSERT
// for a database it cannot open (Cloudflare D1: `npx wrangler d1 execute orienta --command "…"`). Without --password the password is asked twice,
// without echo (scripts pass --password or STAFF_PASSWORD).
import { parseArgs } from "node:util";
import { createInterface } from "node:readline";
import { loadConfig } from "../config";
import { openNodeDatabase } from "../db/node";
import { STAFF_ROLES } from "../db/schema";
import { buildStaffUserRow, createStaffUser, StaffUserError } from "../staff/users/create-staff-user";
import { staffUsers } from "../db/schema";

const USAGE = `usage: npm run staff -- create --email <e-mail> --role <${STAFF_ROLES.join("|")}> [--district <ubigeo>] [--name <name>] [--password <password>] [--sql]`;

const literal = (v: unknown) => (v === null || v === undefined ? "NULL" : typeof v === "number" ? String(v) : typeof v === "boolean" ? (v ? "1" : "0") : `'${String(v).replace(/'/g, "''")}'`);

function askHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const output = rl as unknown as { _writeToOutput: (s: string) => void };
    let asked = false;
    output._writeToOutput = (s: string) => {
      if (!asked) {
        process.stdout.write(s);
        asked = true;
      }
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write("\n");
      resolve(answer);
    });
  });
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { email: { type: "string" }, role: { type: "string" }, district: { type: "string" }, name: { type: "string" }, password: { type: "string" }, sql: { type: "boolean" } },
  });
  if (positionals[0] !== "create" || !values.email || !values.role) {
    console.error(USAGE);
    return 2;
  }
  let password = values.password ?? process.env.STAFF_PASSWORD;
  if (!password) {
    if (!process.stdin.isTTY) {
      console.error("no terminal to ask the password: pass --password or STAFF_PASSWORD");
      return 2;
    }
    password = await askHidden("Password (12+ characters): ");
    if ((await askHidden("Repeat it: ")) !== password) {
      console.error("the passwords differ");
      return 1;
    }
  }
  const { config } = loadConfig();
  if (values.sql) {
    try {
      const row = await buildStaffUserRow({ email: values.email, role: values.role as never, district: values.district, name: values.name, password }, config.staff.passwordIterations, Date.now());
      const scratch = openNodeDatabase(":memory:");
      const query = scratch.db.insert(staffUsers).values(row).toSQL();
      scratch.close();
      let i = 0;
      console.log(query.sql.replace(/\?/g, () => literal(query.params[i++])) + ";");
      return 0;
    } catch (error) {
      if (error instanceof StaffUserError) {
        console.error(`${error.field}: ${error.message}`);
        return 1;
      }
      throw error;
    }
  }
  const database = openNodeDatabase(config.databasePath);
  try {
    const user = await createStaffUser(
      { db: database.db, now: () => Date.now(), passwordIterations: config.staff.passwordIterations },
      { email: values.email, role: values.role as never, district: values.district, name: values.name, password },
    );
    console.log(`created ${user.role} ${user.email}${user.district ? ` (district ${user.district})` : ""} in ${config.databasePath}`);
    return 0;
  } catch (error) {
    if (error instanceof StaffUserError) {
      console.error(`${error.field}: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    database.close();
  }
}

main().then((code) => process.exit(code));

import type { DemoLoader } from "../db/demo";
import { staffRepo } from "../db/repos/staff";
import demo from "../../db/demo/staff.json";
import { DEFAULT_ITERATIONS } from "./auth/password";
import { createStaffUser, type NewStaffUser } from "./users/create-staff-user";

/** Demo console accounts (db/demo/staff.json, development only); skips e-mails that exist. */
export const staffDemoLoader: DemoLoader = {
  name: "staff",
  async load(db) {
    let created = 0;
    for (const account of demo.accounts as NewStaffUser[]) {
      if (await staffRepo.findByEmail(db, account.email)) continue;
      await createStaffUser({ db, now: () => Date.now(), passwordIterations: DEFAULT_ITERATIONS }, account);
      created += 1;
    }
    return created;
  },
};

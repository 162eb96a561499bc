import { describe, expect, it } from "vitest";
import { dial } from "../helpers/ussd";
import { DEMO, makeRegistryApp } from "../helpers/registry";

// The attack: a person verifies their DNI on USSD and hangs up on their payments; a forged
// callback with their number (a new gateway session) takes the resume offer. Before, "1" showed
// their Pensión 65 payment with no DNI or date asked.
describe("a verified identity is never resumed in another conversation", () => {
  for (const leaveAt of ["menu", "payments"] as const) {
    it(`left on the ${leaveAt} screen: the resumed conversation asks the birth date again, and shows nothing before it`, async () => {
      const { app } = await makeRegistryApp();
      const person = DEMO.pension65Available;
      const owner = dial(app, "+51911111111");
      await owner.start();
      for (const p of ["1", "3", "1", person.dni]) await owner.press(p);
      await owner.press(person.date);
      const menu = await owner.press("1"); // the date read back: yes
      expect(menu.body).toContain("Hola, M*** Q***");
      if (leaveAt === "payments") expect((await owner.press("1")).body).toMatch(/Pensi[oó]n 65/);
      // hang up; a forged request with the same number opens a new gateway session
      const forged = dial(app, "+51911111111");
      expect((await forged.start()).body).toContain("Continuar");
      const resumed = await forged.press("1");
      expect(resumed.body).not.toContain("M*** Q***");
      expect(resumed.body).not.toContain("S/ 350");
      expect(resumed.body).toMatch(/fecha de nacimiento/i);
      // the wrong date gets nothing; only the right one shows the data again
      await forged.press("01011990");
      expect((await forged.press("1")).body).not.toContain("S/ 350");
    });
  }
});

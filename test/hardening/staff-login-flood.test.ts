import { describe, expect, it } from "vitest";
import { MAX_CONCURRENT_HASHES, MAX_HASHES_PER_CLIENT, SignInBusyError, withHashSlot } from "../../src/staff/auth/sign-in";

/**
 * Session 8 review: logins share 2 hashing slots and 8 places in line. One address sending a dozen
 * logins in a loop (unknown e-mails: each costs one decoy hash) held all ten, and every member of
 * staff signing in meanwhile got 503 "try again" (measured on the production server: 5 of 5 real
 * logins refused). Each client now holds at most MAX_HASHES_PER_CLIENT places.
 */
describe("one client cannot take every login slot", () => {
  it("12 logins at once from one client: 2 accepted, 10 refused at once; a colleague elsewhere still gets in", async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const started: string[] = [];
    const slow = (who: string) => async () => {
      started.push(who);
      await gate;
      return who;
    };
    const flood = Array.from({ length: 12 }, () => withHashSlot(slow("attacker"), "client:attacker").catch((e) => (e instanceof SignInBusyError ? "busy" : Promise.reject(e))));
    const colleague = withHashSlot(slow("colleague"), "client:office").catch((e) => (e instanceof SignInBusyError ? "busy" : Promise.reject(e)));
    await new Promise((r) => setTimeout(r, 10));
    open();
    const results = await Promise.all(flood);
    expect(results.filter((r) => r === "busy")).toHaveLength(12 - MAX_HASHES_PER_CLIENT);
    expect(await colleague).toBe("colleague");
    expect(MAX_HASHES_PER_CLIENT).toBeLessThan(MAX_CONCURRENT_HASHES + 8);
  });

  it("a client's places are given back: after its logins end it may sign in again", async () => {
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all([1, 2].map(() => withHashSlot(async () => "ok", "client:desk")));
      expect(results).toEqual(["ok", "ok"]);
    }
  });
});

import { describe, expect, it } from "vitest";
import { createKeyedHash, createWebCryptoKeyedHash } from "../../../src/services/lookups/keyed-hash";

describe("keyed hash", () => {
  it("is the same on Node's crypto (the server) and on Web Crypto (Workers)", async () => {
    const node = createKeyedHash("a-secret-of-some-length-ñ");
    const web = createWebCryptoKeyedHash("a-secret-of-some-length-ñ");
    for (const value of ["dni:12345678", "client:127.0.0.1", "client:tel:+51987654321", "", "ñandú"]) {
      const expected = await web(value);
      expect(expected).toMatch(/^[0-9a-f]{32}$/);
      expect(await node(value)).toBe(expected);
    }
  });
});

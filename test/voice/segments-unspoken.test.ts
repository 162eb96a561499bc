import { describe, expect, it } from "vitest";
import { resources } from "../../src/i18n/resources";
import { LANGS } from "../../src/i18n/langs";
import { segmentCatalog, UNSPOKEN_KEYS } from "../../src/voice/segments";
import { VOICE_PROFILE } from "../../src/channels/voice/profile";

describe("the prompt bank asks audio only for what a call can say", () => {
  it("the buttons-only hint is not a segment (a call has no buttons), so adding it left Quechua on the phone", () => {
    expect(VOICE_PROFILE.buttons).toBe(false);
    for (const lang of LANGS) {
      const used = new Set(segmentCatalog(resources, lang).map((s) => s.usedIn));
      for (const key of UNSPOKEN_KEYS) expect(used.has(key), `${lang} ${key}`).toBe(false);
      expect(used.has("common:errors.option")).toBe(true);
    }
  });
});

import { describe, expect, it } from "vitest";
import { twiml } from "../../../src/channels/sms/render";

describe("TwiML", () => {
  it("wraps the text in one Message, XML-escaped", () => {
    expect(twiml(`Juntos & Pensión 65 <"ok"> l'ayni`)).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Message>Juntos &amp; Pensión 65 &lt;&quot;ok&quot;&gt; l&apos;ayni</Message></Response>',
    );
  });
  it("is an empty Response when there is nothing to say", () => {
    expect(twiml(null)).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    expect(twiml("")).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
  });
});

import { describe, expect, it } from "vitest";
import { maskDni, maskPhone, scrubText } from "../../src/logging/mask";
import { makeTestApp } from "../helpers/app";
import { dial } from "../helpers/ussd";

describe("no personal data in logs", () => {
  it.each([
    ["+51987654321", "+********321"],
    ["987654321", "******321"],
  ])("masks the phone %s", (phone, masked) => expect(maskPhone(phone)).toBe(masked));

  it("masks a DNI and scrubs digit runs from free text", () => {
    expect(maskDni("12345678")).toBe("******78");
    expect(scrubText("DNI 12345678 llamó desde +51 987 654 321")).not.toMatch(/12345678|987 654 321/);
  });

  it("leaves our own UUIDs whole, so a logged outbox id can still be found", () => {
    expect(scrubText("0fa8d33d-b61a-4878-8c8b-aadf12345675")).toBe("0fa8d33d-b61a-4878-8c8b-aadf12345675");
    expect(scrubText("id 0fa8d33d-b61a-4878-8c8b-aadf12345675 DNI 12345678")).not.toContain("12345678");
  });

  it("a whole USSD session leaves no phone number in the log", async () => {
    const { app, logs } = makeTestApp();
    const phone = dial(app, "+51987654321");
    await phone.start();
    for (const input of ["1", "1", "2", "98", "abc", "00"]) await phone.press(input);
    // a malformed request too: its error must not echo the number
    await app.request("/channels/ussd", { method: "POST", body: "sessionId=x&serviceCode=*1%23&phoneNumber=%2B51987654321abc" });
    expect(logs.length).toBeGreaterThan(5);
    const all = logs.join("\n");
    expect(all).not.toMatch(/987654321|987 654 321/);
    for (const line of logs) expect(() => JSON.parse(line)).not.toThrow();
  });
});

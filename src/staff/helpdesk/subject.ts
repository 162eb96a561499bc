/**
 * How the audit names a person looked up at a help desk: `dni:` + a keyed hash (HMAC-SHA256 under
 * APP_SECRET, 16 bytes hex). The audit can answer "who looked at this DNI?" (hash the DNI and
 * search) without the audit table holding DNIs in clear.
 */
export async function dniSubject(secret: string, dni: string): Promise<string> {
  const enc = new TextEncoder();
  const key = await crypto.subtle.importKey("raw", enc.encode(`audit-subject:${secret}`), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, enc.encode(dni)));
  return "dni:" + [...mac.slice(0, 16)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * CIDR lists (`10.0.0.0/8, ::1, 2001:db8::/32`) and a membership test, in plain TypeScript so the
 * Worker bundle (no nodejs_compat, so no node:net BlockList) and Node share one implementation.
 * IPv4-mapped IPv6 (`::ffff:10.1.2.3`, what Node reports on a dual-stack socket) counts as IPv4.
 */
export interface CidrList {
  /** true when `address` is inside one of the ranges; false for anything unparseable */
  has(address: string): boolean;
  readonly size: number;
}

interface Range {
  v6: boolean;
  bits: bigint;
  prefix: number;
}

function parseV4(text: string): bigint | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null;
    const n = Number(part);
    if (n > 255) return null;
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

function parseV6(text: string): bigint | null {
  let head = text;
  let tailV4: bigint | null = null;
  const lastColon = head.lastIndexOf(":");
  if (head.slice(lastColon + 1).includes(".")) {
    tailV4 = parseV4(head.slice(lastColon + 1));
    if (tailV4 === null) return null;
    head = `${head.slice(0, lastColon + 1)}0:0`;
  }
  const halves = head.split("::");
  if (halves.length > 2) return null;
  const groups = (s: string) => (s === "" ? [] : s.split(":"));
  const left = groups(halves[0]);
  const right = halves.length === 2 ? groups(halves[1]) : [];
  const missing = 8 - left.length - right.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const all = [...left, ...Array(halves.length === 2 ? missing : 0).fill("0"), ...right];
  let value = 0n;
  for (const g of all) {
    if (!/^[0-9a-f]{1,4}$/i.test(g)) return null;
    value = (value << 16n) | BigInt(parseInt(g, 16));
  }
  if (tailV4 !== null) value = (value & ~0xffffffffn) | tailV4;
  return value;
}

const MAPPED_PREFIX = 0xffffn << 32n;

/** An address as { v6, bits }; `::ffff:a.b.c.d` becomes IPv4. Zone ids (`%eth0`) are dropped. */
export function parseAddress(raw: string): { v6: boolean; bits: bigint } | null {
  const text = raw.trim().replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  if (text.includes(":")) {
    const bits = parseV6(text);
    if (bits === null) return null;
    if (bits >> 32n === 0xffffn && (bits & ~0xffffffffn) === MAPPED_PREFIX) return { v6: false, bits: bits & 0xffffffffn };
    return { v6: true, bits };
  }
  const bits = parseV4(text);
  return bits === null ? null : { v6: false, bits };
}

/** Parses a comma-separated list; throws naming the first entry that is not an address or CIDR. */
export function parseCidrList(raw: string | undefined): CidrList {
  const ranges: Range[] = [];
  for (const entry of (raw ?? "").split(",").map((e) => e.trim()).filter(Boolean)) {
    const [addr, prefixText, extra] = entry.split("/");
    const parsed = extra === undefined ? parseAddress(addr) : null;
    const width = parsed?.v6 ? 128 : 32;
    const prefix = prefixText === undefined ? width : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
    if (!parsed || !(prefix >= 0 && prefix <= width)) throw new Error(`"${entry}" is not an IP address or CIDR`);
    ranges.push({ v6: parsed.v6, bits: parsed.bits >> BigInt(width - prefix), prefix });
  }
  const inside = (address: string): boolean => {
    const parsed = parseAddress(address);
    if (!parsed) return false;
    const width = parsed.v6 ? 128 : 32;
    return ranges.some((r) => r.v6 === parsed.v6 && parsed.bits >> BigInt(width - r.prefix) === r.bits);
  };
  // the USSD gateway's few addresses ask on every keypress: the answer per address, kept (bounded)
  const known = new Map<string, boolean>();
  return {
    size: ranges.length,
    has(address: string): boolean {
      const hit = known.get(address);
      if (hit !== undefined) return hit;
      const answer = inside(address);
      if (known.size >= 4096) known.clear();
      known.set(address, answer);
      return answer;
    },
  };
}

/**
 * The key a per-client limit counts under: an IPv4 address as itself (IPv4-mapped IPv6 too), an
 * IPv6 address as its /64. One subscriber, one phone or one server gets a whole /64 (RFC 6177,
 * SLAAC privacy addresses), so counting each IPv6 address apart let one client rotate through
 * 2^64 addresses and never reach a limit (session 8 review). Unparseable input is kept as is.
 */
export function limitKeyOf(address: string): string {
  const parsed = parseAddress(address);
  if (!parsed) return address;
  if (!parsed.v6) return [24n, 16n, 8n, 0n].map((s) => String((parsed.bits >> s) & 0xffn)).join(".");
  const top = parsed.bits >> 64n;
  const groups = [48n, 32n, 16n, 0n].map((s) => ((top >> s) & 0xffffn).toString(16));
  return `${groups.join(":")}::/64`;
}

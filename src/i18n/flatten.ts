import type { Namespace } from "./resources";

/** `{ ns: { a: { b: "x" } } }` → Map { "ns:a.b" => "x" }: the i18next key of every string. */
export function flattenKeys(namespaces: Record<string, Namespace>): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (ns: string, prefix: string, value: unknown) => {
    if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) walk(ns, prefix ? `${prefix}.${k}` : k, v);
    } else out.set(`${ns}:${prefix}`, String(value));
  };
  for (const [ns, tree] of Object.entries(namespaces)) walk(ns, "", tree);
  return out;
}

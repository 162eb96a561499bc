/**
 * A locale string as the prompt bank sees it: literal text, placeholders (`{{amount}}`) and
 * nested keys (`$t(programs:{{program}}.name)`), in order. i18next's own syntax, parsed once.
 */
export type TemplatePart =
  | { kind: "text"; text: string }
  | { kind: "param"; name: string }
  /** a nested key whose name may itself hold placeholders: resolved with the message's params */
  | { kind: "ref"; key: string };

const TOKEN = /\$t\(([^()]+)\)|\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

export function parseTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const match of template.matchAll(TOKEN)) {
    if (match.index > last) parts.push({ kind: "text", text: template.slice(last, match.index) });
    parts.push(match[1] !== undefined ? { kind: "ref", key: match[1].split(",")[0].trim() } : { kind: "param", name: match[2] });
    last = match.index + match[0].length;
  }
  if (last < template.length) parts.push({ kind: "text", text: template.slice(last) });
  // "S/ {{amount}}": the amount is spoken with its currency word ("… soles"), so the written
  // symbol before it is not part of what is recorded
  for (let i = 0; i + 1 < parts.length; i++) {
    const part = parts[i];
    const next = parts[i + 1];
    if (part.kind === "text" && next.kind === "param" && paramKind(next.name) === "amount") part.text = part.text.replace(/S\/\s*$/, "");
  }
  return parts;
}

/** Text worth recording: it has a letter or a digit (not just punctuation and spaces). */
export function speakable(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

export type ParamKind = "amount" | "number" | "date" | "period" | "code" | "digits" | "free";

/** How a placeholder is spoken, by its name (the engine formats values before they get here). */
export function paramKind(name: string): ParamKind {
  if (name === "amount") return "amount";
  if (["n", "total", "count", "max", "minutes", "number", "year", "day"].includes(name)) return "number";
  if (["from", "until", "since", "date", "deadline"].includes(name)) return "date";
  if (name === "period" || name === "asOf") return "period";
  if (name === "code") return "code";
  if (name === "phone" || name === "ussd") return "digits";
  return "free";
}

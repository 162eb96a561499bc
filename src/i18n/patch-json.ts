/**
 * Replaces string values inside a JSON text without re-serialising it: every byte outside the
 * changed values (layout, one-line objects, key order, escapes) stays as it was, so an import
 * shows in `git diff` as exactly the texts a reviewer changed.
 *
 * `changes` maps a dotted path inside the file ("juntos.who") to the new string. Returns the new
 * text and the paths that were not found as string values (the caller decides if that is an error).
 */
export function patchJsonStrings(text: string, changes: Map<string, string>): { text: string; missing: string[] } {
  const pending = new Map(changes);
  let out = "";
  let last = 0;
  let pos = 0;
  const path: (string | number)[] = [];
  // per open container: "o" expects a key next, "v" expects a value after a key, "a" array with its index
  const stack: { kind: "o" | "a"; key: string | null; index: number }[] = [];

  const readString = (): string => {
    const start = pos;
    pos++;
    while (text[pos] !== '"') pos += text[pos] === "\\" ? 2 : 1;
    pos++;
    return JSON.parse(text.slice(start, pos)) as string;
  };
  const currentPath = () => {
    const top = stack[stack.length - 1];
    return [...path, top.kind === "o" ? top.key! : top.index].join(".");
  };

  while (pos < text.length) {
    const ch = text[pos];
    const top = stack[stack.length - 1];
    if (ch === "{" || ch === "[") {
      if (top) path.push(top.kind === "o" ? top.key! : top.index);
      stack.push({ kind: ch === "{" ? "o" : "a", key: null, index: 0 });
      pos++;
    } else if (ch === "}" || ch === "]") {
      stack.pop();
      if (stack.length) path.pop();
      pos++;
    } else if (ch === ",") {
      if (top.kind === "o") top.key = null;
      else top.index++;
      pos++;
    } else if (ch === '"') {
      const start = pos;
      if (top.kind === "o" && top.key === null) {
        top.key = readString();
        continue;
      }
      const value = readString();
      const at = currentPath();
      const next = pending.get(at);
      if (next !== undefined) {
        pending.delete(at);
        if (next !== value) {
          out += text.slice(last, start) + JSON.stringify(next);
          last = pos;
        }
      }
    } else pos++;
  }
  return { text: out + text.slice(last), missing: [...pending.keys()] };
}

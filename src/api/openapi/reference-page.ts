/**
 * `GET /api/docs`: a readable reference generated from the OpenAPI document itself, rendered on
 * the server as plain HTML with one stylesheet served by us (no script, no CDN): it works
 * offline and under the pages' CSP (`default-src 'none'; style-src 'self'`).
 */
type Json = Record<string, unknown>;

const escape = (text: unknown) => String(text ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
// `code` spans in descriptions, the only markup the document uses
const prose = (text: unknown) => escape(text).replace(/`([^`]+)`/g, "<code>$1</code>");

/** A schema's type in a few words: `string (8 digits…)`, `one of a, b`, `array of object`. */
function typeOf(schema: Json, components: Json): string {
  if (typeof schema.$ref === "string") return schema.$ref.split("/").pop()!;
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map((v) => JSON.stringify(v)).join(", ")}`;
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as Json[]).map((s) => typeOf(s, components)).join(" or ");
  const type = Array.isArray(schema.type) ? schema.type.join(" or ") : String(schema.type ?? "any");
  if (type === "array" && schema.items) return `array of ${typeOf(schema.items as Json, components)}`;
  const limits = [
    schema.pattern ? `pattern ${schema.pattern}` : "",
    schema.minLength !== undefined ? `≥ ${schema.minLength} chars` : "",
    schema.maxLength !== undefined ? `≤ ${schema.maxLength} chars` : "",
    schema.minimum !== undefined ? `≥ ${schema.minimum}` : "",
    schema.maximum !== undefined ? `≤ ${schema.maximum}` : "",
  ].filter(Boolean);
  return limits.length ? `${type} (${limits.join(", ")})` : type;
}

/** Every property as a dotted path, nested objects (and objects inside anyOf) flattened. */
function fields(schema: Json, prefix = ""): { path: string; schema: Json; required: boolean }[] {
  const object = (Array.isArray(schema.anyOf) ? (schema.anyOf as Json[]).find((s) => s.type === "object") : schema) ?? schema;
  const properties = (object.properties ?? {}) as Record<string, Json>;
  const required = new Set((object.required ?? []) as string[]);
  return Object.entries(properties).flatMap(([name, child]) => {
    const path = prefix ? `${prefix}.${name}` : name;
    const nested = child.type === "object" || (Array.isArray(child.anyOf) && (child.anyOf as Json[]).some((s) => s.type === "object"));
    return [{ path, schema: child, required: required.has(name) }, ...(nested ? fields(child, path) : [])];
  });
}

function fieldTable(schema: Json, components: Json): string {
  const rows = fields(schema)
    .map(({ path, schema: s, required }) => `<tr><td><code>${escape(path)}</code>${required ? " <strong>required</strong>" : ""}</td><td>${escape(typeOf(s, components))}${s.default !== undefined ? ` — default <code>${escape(JSON.stringify(s.default))}</code>` : ""}</td><td>${prose(s.description ?? "")}</td></tr>`)
    .join("");
  return rows ? `<table><thead><tr><th scope="col">field</th><th scope="col">type</th><th scope="col">meaning</th></tr></thead><tbody>${rows}</tbody></table>` : "<p>No fields.</p>";
}

function operation(method: string, path: string, op: Json, components: Json): string {
  const id = String(op.operationId);
  const parameters = (op.parameters ?? []) as Json[];
  const body = (op.requestBody as Json | undefined)?.content as Json | undefined;
  const bodySchema = (body?.["application/json"] as Json | undefined)?.schema as Json | undefined;
  const responses = Object.entries((op.responses ?? {}) as Record<string, Json>)
    .map(([status, r]) => {
      const schema = ((r.content as Json | undefined)?.["application/json"] as Json | undefined)?.schema as Json | undefined;
      return `<tr><td>${escape(status)}</td><td>${schema ? `<a href="#schema-${escape(typeOf(schema, components))}">${escape(typeOf(schema, components))}</a>` : ""}</td><td>${prose(r.description)}</td></tr>`;
    })
    .join("");
  return `<section id="${escape(id)}" aria-labelledby="h-${escape(id)}">
<h2 id="h-${escape(id)}"><span class="method">${escape(method.toUpperCase())}</span> <code>${escape(path)}</code></h2>
<p>${prose(op.summary)}</p>${op.description ? `<p>${prose(op.description)}</p>` : ""}
${parameters.length ? `<h3>Parameters</h3><table><thead><tr><th scope="col">name</th><th scope="col">in</th><th scope="col">type</th><th scope="col">meaning</th></tr></thead><tbody>${parameters.map((p) => `<tr><td><code>${escape(p.name)}</code>${p.required ? " <strong>required</strong>" : ""}</td><td>${escape(p.in)}</td><td>${escape(typeOf((p.schema ?? {}) as Json, components))}</td><td>${prose(p.description)}</td></tr>`).join("")}</tbody></table>` : ""}
${bodySchema ? `<h3>Request body (JSON)</h3>${fieldTable(bodySchema, components)}` : ""}
<h3>Responses</h3><table><thead><tr><th scope="col">status</th><th scope="col">body</th><th scope="col">when</th></tr></thead><tbody>${responses}</tbody></table>
</section>`;
}

export function renderReferencePage(document: Json): string {
  const info = document.info as Json;
  const components = ((document.components as Json).schemas ?? {}) as Record<string, Json>;
  const ops = Object.entries(document.paths as Record<string, Record<string, Json>>).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(info.title)} — API reference</title><link rel="stylesheet" href="/api/docs.css"></head>
<body><header><h1>${escape(info.title)} <small>v${escape(info.version)}</small></h1>
<p>${prose(info.description)}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI ${escape(document.openapi)}): generate a client from it.</p>
<nav aria-label="Operations"><ul>${ops.map(({ path, method, op }) => `<li><a href="#${escape(op.operationId)}">${escape(method.toUpperCase())} ${escape(path)}</a></li>`).join("")}</ul></nav></header>
<main>${ops.map(({ path, method, op }) => operation(method, path, op, components)).join("\n")}
<section aria-labelledby="h-schemas"><h2 id="h-schemas">Response bodies</h2>
${Object.entries(components).map(([name, schema]) => `<h3 id="schema-${escape(name)}">${escape(name)}</h3>${fieldTable(schema, components)}`).join("\n")}
</section></main></body></html>`;
}

export const REFERENCE_CSS = `body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#1b1b1b}
h1 small{font-weight:normal;color:#555}h2{border-top:1px solid #ccc;padding-top:1rem;margin-top:2rem}
code{background:#f3f3f3;padding:0 .2em;border-radius:3px}.method{background:#0b5394;color:#fff;padding:.1em .4em;border-radius:3px;font-size:.8em}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f7f7f7}nav ul{columns:2}a{color:#0b5394}`;

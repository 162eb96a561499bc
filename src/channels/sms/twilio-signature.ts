/**
 * Twilio's webhook signatures, checked the way twilio-node's `validateRequest` /
 * `validateRequestWithBody` check them (twilio 6.3, lib/webhooks/webhooks.js), with net/digest's
 * HMAC (synchronous on Node, so a signature never waits in the thread pool behind staff logins;
 * Web Crypto on Workers):
 *
 * - the algorithm is named by `X-Twilio-Webhooks-Signature-Settings: key=…,algorithm=HMAC_SHA256`;
 *   no header (or no `algorithm=`) means the classic HMAC-SHA1; any other name is refused;
 * - what is signed: the URL Twilio called, then each POST parameter name followed by its value,
 *   names sorted, a repeated name's distinct values sorted;
 * - the URL is tried as configured, with and without the scheme's default port (`:443`/`:80`),
 *   and in its WHATWG-normalized form (with and without the port, with the query re-encoded as
 *   Node's legacy `querystring` writes it), since Twilio signs whichever form the console holds;
 * - a URL carrying `bodySHA256` (webhooks with a JSON body) signs the URL alone, and the body's
 *   SHA-256 (hex) must equal that parameter.
 */

import { constantTimeEqual, hmac, sha256Hex } from "../../net/digest";

export const TWILIO_SIGNATURE_HEADER = "X-Twilio-Signature";
export const TWILIO_SIGNATURE_SETTINGS_HEADER = "X-Twilio-Webhooks-Signature-Settings";

export type TwilioAlgorithm = "SHA-1" | "SHA-256";

/** The algorithm the settings header names; null when it names one Twilio has and we do not. */
export function signatureAlgorithm(settingsHeader: string | null | undefined): TwilioAlgorithm | null {
  for (const part of (settingsHeader ?? "").split(",")) {
    const separator = part.indexOf("=");
    if (separator === -1 || part.slice(0, separator).trim() !== "algorithm") continue;
    const name = part.slice(separator + 1).trim().toUpperCase();
    if (!name) continue;
    return name === "HMAC_SHA1" ? "SHA-1" : name === "HMAC_SHA256" ? "SHA-256" : null;
  }
  return "SHA-1";
}

/** The signing string: URL, then the parameters sorted by name, each name followed by its value. */
export function twilioSigningString(url: string, params: URLSearchParams): string {
  const byName = new Map<string, Set<string>>();
  for (const [name, value] of params) {
    let values = byName.get(name);
    if (!values) byName.set(name, (values = new Set()));
    values.add(value);
  }
  const names = [...byName.keys()].sort();
  return url + names.map((name) => [...byName.get(name)!].sort().map((value) => name + value).join("")).join("");
}

function bytesToBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

function base64ToBytes(value: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 !== 0) return null;
  return Uint8Array.from(atob(value), (c) => c.charCodeAt(0));
}

/** Base64 HMAC of the signing string (what `X-Twilio-Signature` carries). */
export async function twilioSignature(secret: string, url: string, params: URLSearchParams, algorithm: TwilioAlgorithm = "SHA-1"): Promise<string> {
  return bytesToBase64(await hmac(algorithm, secret, twilioSigningString(url, params)));
}

// scheme://[userinfo@]host[:port] and the rest, without normalizing anything (twilio-node's splitUrl)
function splitUrl(url: string) {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)/i.exec(url);
  if (!match) return null;
  const [prefix, scheme, authority] = match;
  const userInfoEnd = authority.lastIndexOf("@");
  const hostAndPort = authority.slice(userInfoEnd + 1);
  const portStart = hostAndPort.indexOf(":", hostAndPort.lastIndexOf("]") + 1);
  return {
    scheme,
    userInfo: authority.slice(0, userInfoEnd + 1),
    host: portStart === -1 ? hostAndPort : hostAndPort.slice(0, portStart),
    port: portStart === -1 ? "" : hostAndPort.slice(portStart),
    rest: url.slice(prefix.length),
  };
}

function withPort(url: string): string {
  const p = splitUrl(url);
  if (!p || p.port) return url;
  return p.scheme + p.userInfo + p.host + (p.scheme.toLowerCase() === "https://" ? ":443" : ":80") + p.rest;
}

function withoutPort(url: string): string {
  const p = splitUrl(url);
  return p ? p.scheme + p.userInfo + p.host + p.rest : url;
}

// Node's querystring.stringify(querystring.parse(query)): values grouped by name in order of first
// appearance, `+` read as a space, each part written back with encodeURIComponent
function withLegacyQuery(url: string): string {
  const start = url.indexOf("?");
  if (start === -1 || start === url.length - 1) return url;
  const decode = (v: string) => {
    try {
      return decodeURIComponent(v.replace(/\+/g, " "));
    } catch {
      return v;
    }
  };
  const grouped = new Map<string, string[]>();
  for (const part of url.slice(start + 1).split("&")) {
    if (!part) continue;
    const eq = part.indexOf("=");
    const name = decode(eq === -1 ? part : part.slice(0, eq));
    const value = eq === -1 ? "" : decode(part.slice(eq + 1));
    grouped.set(name, [...(grouped.get(name) ?? []), value]);
  }
  const query = [...grouped].flatMap(([name, values]) => values.map((v) => `${encodeURIComponent(name)}=${encodeURIComponent(v)}`)).join("&");
  return url.slice(0, start) + "?" + query;
}

/** Every form of the URL twilio-node accepts a signature over, in the order it tries them. */
export function signedUrlCandidates(url: string): string[] {
  const asReceived = [withoutPort(url), withPort(url)];
  let normalized: string[] = [];
  try {
    const href = new URL(url).toString();
    const bare = withoutPort(href);
    const ported = withPort(href);
    normalized = [bare, ported, withLegacyQuery(bare), withLegacyQuery(ported)];
  } catch {
    // not a URL at all: only the forms as received
  }
  return [...new Set([...asReceived, ...normalized])];
}

export interface TwilioRequest {
  /** the URL Twilio called: our public base URL, the path, the query as received */
  url: string;
  /** the raw body (form or, for `bodySHA256` webhooks, JSON) */
  body: string;
  signature: string | null | undefined;
  settings: string | null | undefined;
}

export interface TwilioSecrets {
  authToken: string;
  /** the SharedKey secret for HMAC-SHA256 webhooks (default: the auth token) */
  sharedKey?: string | null;
}

/** True when the request carries a valid Twilio signature under any URL form Twilio may have signed. */
export async function verifyTwilioRequest(secrets: TwilioSecrets, request: TwilioRequest): Promise<boolean> {
  const signature = request.signature ? base64ToBytes(request.signature.trim()) : null;
  if (!signature) return false;
  const algorithm = signatureAlgorithm(request.settings);
  if (!algorithm) return false;
  const secret = algorithm === "SHA-256" && secrets.sharedKey ? secrets.sharedKey : secrets.authToken;
  const bodyHash = request.url.includes("bodySHA256") ? bodySha256Param(request.url) : null;
  // a JSON-body webhook signs the URL alone; its body is checked against the URL's bodySHA256
  const params = bodyHash !== null ? new URLSearchParams() : new URLSearchParams(request.body);
  let valid = false;
  for (const candidate of signedUrlCandidates(request.url)) {
    // every candidate is tried (no early exit), like the constant-time comparison itself
    const ok = constantTimeEqual(await hmac(algorithm, secret, twilioSigningString(candidate, params)), signature);
    valid ||= ok;
  }
  if (!valid) return false;
  if (bodyHash !== null) return bodyHash === (await sha256Hex(request.body));
  return true;
}

function bodySha256Param(url: string): string | null {
  try {
    return new URL(url).searchParams.get("bodySHA256") ?? "";
  } catch {
    return "";
  }
}

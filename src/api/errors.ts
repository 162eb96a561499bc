import { z } from "zod";

/**
 * The one error shape of every public JSON API (`/api/v1/*`), documented in /api/openapi.json:
 * `{ error, field?, message, issues? }`.
 * - `error`: a stable code from API_ERRORS; integrators branch on it.
 * - `field`: the request field at fault, as a dotted path (`reporter.dni`, `answers.household.childrenUnder3`),
 *   `body` for the body as a whole, a header name (`Idempotency-Key`) or `lang` for the query.
 * - `message`: for people (in the request's language where it is about them: rate limits, lookups).
 * - `issues`: every problem found, when there were several (the first is `field`/`message`).
 *
 * v1 compatibility: `bad_request` (web chat, programs, eligibility) and `invalid_request`
 * (lookup, complaints) mean the same — the request was refused as sent; each endpoint keeps the
 * code it answered since v1, so both are in the vocabulary. Clients should treat them alike.
 * The one value that changed is eligibility's body-level `field`, now `body` like every other API
 * (it was `(body)`).
 */
export const API_ERRORS = [
  "invalid_request",
  "bad_request",
  "not_found",
  "payload_too_large",
  "rate_limited",
  "locked",
  "verification_failed",
  "idempotency_key_reused",
  "storage_unavailable",
  "internal_error",
] as const;
export type ApiErrorCode = (typeof API_ERRORS)[number];

export const apiIssueSchema = z.object({ field: z.string(), message: z.string() });

export const apiErrorSchema = z
  .object({
    error: z.enum(API_ERRORS).describe("stable error code; `bad_request` and `invalid_request` mean the same (v1 names kept per endpoint)"),
    field: z.string().optional().describe("the field at fault: a dotted path, `body`, a header name or a query parameter"),
    message: z.string().describe("what went wrong, for people"),
    issues: z.array(apiIssueSchema).optional().describe("every problem found (the first is `field`/`message`)"),
    retryAfter: z.number().int().optional().describe("`locked`: seconds until the next attempt is allowed (also in `Retry-After`)"),
  });

export type ApiError = z.infer<typeof apiErrorSchema>;

/** A zod failure → the API error body (first issue as `field`/`message`, all of them in `issues`). */
export function zodApiError(code: "invalid_request" | "bad_request", error: z.ZodError): ApiError {
  const issues = error.issues.map((issue) => {
    // an unknown key names the key itself, not its parent object
    const path = issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0]] : issue.path;
    return { field: path.map(String).join(".") || "body", message: issue.code === "unrecognized_keys" ? "unknown field" : issue.message };
  });
  return { error: code, field: issues[0].field, message: issues[0].message, issues };
}

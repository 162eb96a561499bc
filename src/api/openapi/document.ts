import { z } from "zod";
import { chatRequestSchema } from "../../channels/web/parse";
import { complaintBodySchema } from "../../services/complaints/input";
import { LANGS } from "../../i18n/langs";
import { eligibilityRequestSchema } from "../eligibility-routes";
import { lookupRequestSchema } from "../lookup-routes";
import { API_ERRORS, apiErrorSchema } from "../errors";
import {
  chatResponseSchema,
  complaintCategoriesSchema,
  complaintFiledSchema,
  complaintStatusSchema,
  eligibilityResponseSchema,
  lookupResponseSchema,
  programsResponseSchema,
} from "./responses";

/**
 * The OpenAPI 3.1 document of the public APIs, built from the zod schemas the routes validate
 * requests with (zod 4's own `z.toJSONSchema`, JSON Schema 2020-12, which OpenAPI 3.1 uses as is)
 * and the response schemas in ./responses.ts. Why not @hono/zod-openapi: it would mean rewriting
 * every route as an OpenAPIHono route and shipping its generator in the Node and Worker bundles;
 * zod already has the converter, and this builder only places its output in OpenAPI's frame.
 */
type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  // refinements (a real past date, a known district) are checked but cannot be said in JSON Schema
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as JsonSchema;
  return rest;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: JsonSchema) => ({ "application/json": { schema } });
const ok = (description: string, name: string) => ({ description, content: json(ref(name)) });
const error = (description: string) => ({ description, content: json(ref("Error")) });

const COMMON_ERRORS = {
  "400": error("the request was refused as sent: `error` is `bad_request` or `invalid_request` (same meaning), `field` names what to fix"),
  "413": error("`payload_too_large`: the body is over 64 KB"),
  "500": error("`internal_error`: a failure on our side; try again later"),
  "503": error("`storage_unavailable`: nothing was stored; try again (header `Retry-After`)"),
};
const langQuery = {
  name: "lang",
  in: "query",
  required: false,
  description: "language of the labels and texts",
  schema: { type: "string", enum: [...LANGS], default: "es" },
};

export function buildOpenApiDocument(): Record<string, unknown> {
  return {
    openapi: "3.1.0",
    info: {
      title: "MIDIS Orienta public APIs",
      version: "1.0.0",
      description:
        "Information, eligibility, status and complaints about MIDIS social programs, in Spanish (es), Quechua (qu) and Aymara (ay). " +
        "Every error answers one shape, `Error` ({ error, field?, message, issues? }); `error` is a stable code: " +
        API_ERRORS.map((e) => `\`${e}\``).join(", ") +
        ". `bad_request` (chat, programs, eligibility) and `invalid_request` (lookup, complaints) mean the same; each endpoint keeps its v1 code.",
    },
    servers: [{ url: "/" }],
    paths: {
      "/api/v1/chat": {
        post: {
          operationId: "chat",
          summary: "One message of a web chat conversation",
          description: "Without a (valid) `sessionId` a new conversation starts. Rate limited per client address (`CHAT_RATE_LIMIT_PER_MINUTE`).",
          requestBody: { required: false, content: json(jsonSchema(chatRequestSchema, "input")) },
          responses: { "200": ok("the next screen", "ChatResponse"), ...COMMON_ERRORS, "429": error("`rate_limited`, in the request's language") },
        },
      },
      "/api/v1/programs": {
        get: {
          operationId: "listPrograms",
          summary: "The program catalog, localized",
          parameters: [langQuery],
          responses: { "200": ok("the programs", "ProgramsResponse"), "400": COMMON_ERRORS["400"], "500": COMMON_ERRORS["500"], "503": COMMON_ERRORS["503"] },
        },
      },
      "/api/v1/eligibility": {
        post: {
          operationId: "checkEligibility",
          summary: "Answers → likely / unlikely / needs-classification per program",
          requestBody: { required: true, content: json(jsonSchema(eligibilityRequestSchema, "input")) },
          responses: { "200": ok("one result per program", "EligibilityResponse"), ...COMMON_ERRORS },
        },
      },
      "/api/v1/lookup": {
        post: {
          operationId: "lookupOwnRecord",
          summary: "A person's own programs and payments after DNI + date of birth",
          requestBody: { required: true, content: json(jsonSchema(lookupRequestSchema(() => Date.now()), "input")) },
          responses: {
            "200": ok("the person's record (masked name)", "LookupResponse"),
            ...COMMON_ERRORS,
            "401": error("`verification_failed`: the same answer whatever did not match"),
            "429": error("`locked`: too many failures for this DNI; `retryAfter` seconds (also `Retry-After`)"),
          },
        },
      },
      "/api/v1/complaints": {
        post: {
          operationId: "fileComplaint",
          summary: "File a complaint, report or query",
          parameters: [
            {
              name: "Idempotency-Key",
              in: "header",
              required: false,
              description: "1–200 printable ASCII characters; the same key and body again returns the same complaint",
              schema: { type: "string", pattern: "^[\\x21-\\x7e]{1,200}$" },
            },
          ],
          requestBody: { required: true, content: json(jsonSchema(complaintBodySchema, "input")) },
          responses: {
            "201": {
              ...ok("filed (or replayed: header `Idempotent-Replayed: true`)", "ComplaintFiled"),
              headers: { "Idempotent-Replayed": { description: "`true` when this answer repeats an earlier filing with the same key", schema: { type: "string" } } },
            },
            ...COMMON_ERRORS,
            "422": error("`idempotency_key_reused`: the key was used with another body"),
            "429": error("`rate_limited`, in the request's language (`COMPLAINTS_RATE_LIMIT_PER_HOUR`)"),
          },
        },
      },
      "/api/v1/complaints/categories": {
        get: {
          operationId: "listComplaintCategories",
          summary: "Kinds, categories and programs with labels",
          parameters: [langQuery],
          responses: { "200": ok("the catalog", "ComplaintCategories"), "400": COMMON_ERRORS["400"], "500": COMMON_ERRORS["500"], "503": COMMON_ERRORS["503"] },
        },
      },
      "/api/v1/complaints/{code}": {
        get: {
          operationId: "getComplaintStatus",
          summary: "A complaint's status by its tracking code (nothing personal)",
          parameters: [{ name: "code", in: "path", required: true, description: "tracking code, e.g. MO-2026-000123", schema: { type: "string" } }],
          responses: {
            "200": ok("the status", "ComplaintStatus"),
            "404": error("`not_found`: no complaint has this code"),
            "429": error("`rate_limited` (`STATUS_RATE_LIMIT_PER_MINUTE`)"),
            "500": COMMON_ERRORS["500"],
            "503": COMMON_ERRORS["503"],
          },
        },
      },
    },
    components: {
      schemas: {
        Error: jsonSchema(apiErrorSchema, "output"),
        ChatResponse: jsonSchema(chatResponseSchema, "output"),
        ProgramsResponse: jsonSchema(programsResponseSchema, "output"),
        EligibilityResponse: jsonSchema(eligibilityResponseSchema, "output"),
        LookupResponse: jsonSchema(lookupResponseSchema, "output"),
        ComplaintFiled: jsonSchema(complaintFiledSchema, "output"),
        ComplaintStatus: jsonSchema(complaintStatusSchema, "output"),
        ComplaintCategories: jsonSchema(complaintCategoriesSchema, "output"),
      },
    },
  };
}

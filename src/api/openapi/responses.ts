import { z } from "zod";
import { LANGS } from "../../i18n/langs";
import { COMPLAINT_KINDS } from "../../db/schema/complaints";

/**
 * What the public APIs answer, as zod schemas: the OpenAPI document's response bodies, and what
 * test/api/openapi.test.ts checks real answers against (so this description cannot drift from
 * the code without a test failing).
 */
const lang = z.enum(LANGS);
const money = z.object({ amount: z.number().nullable(), currency: z.string().nullable(), frequency: z.string().nullable(), asOf: z.string().nullable() });

export const chatResponseSchema = z
  .object({
    sessionId: z.string().describe("send it back with the next message"),
    lang,
    reply: z.object({
      text: z.string(),
      options: z.array(z.object({ id: z.string(), label: z.string() })),
      input: z.enum(["digits", "dni", "date", "text"]).nullable().describe("what the text box should take; null: one of `options`"),
      end: z.boolean(),
    }),
  });

export const programsResponseSchema = z
  .object({
    lang,
    programs: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        aliases: z.array(z.string()),
        gives: z.string(),
        who: z.string(),
        how: z.string(),
        benefit: money.extend({ source: z.string().nullable() }),
        criteria: z.array(z.object({ id: z.string(), text: z.string(), source: z.string(), asOf: z.string(), uncertain: z.boolean().optional() })),
        focalization: z.object({ districts: z.number().int(), demo: z.boolean(), source: z.string(), asOf: z.string() }).nullable(),
      }),
    ),
  });

const note = z.object({ code: z.string(), text: z.string() });
export const eligibilityResponseSchema = z
  .object({
    results: z.array(
      z.object({
        program: z.string(),
        outcome: z.enum(["likely", "unlikely", "needs-classification"]),
        reasons: z.array(note),
        nextSteps: z.array(note),
        benefit: money,
      }),
    ),
  });

export const lookupResponseSchema = z
  .object({
    person: z.object({ name: z.string().describe("masked, e.g. R*** Q***") }),
    enrolments: z.array(z.object({ program: z.string(), status: z.string(), statusReason: z.string().nullable(), since: z.string().nullable() })),
    classification: z.unknown().describe("SISFOH socioeconomic classification and its expiry, or null"),
    payments: z.array(
      z.object({
        program: z.string(),
        period: z.string(),
        amount: z.number().describe("soles"),
        status: z.string(),
        availableFrom: z.string().nullable(),
        availableUntil: z.string().nullable(),
        paymentPoint: z.string().nullable(),
      }),
    ),
  });

export const complaintFiledSchema = z
  .object({ code: z.string().describe("MO-YYYY-NNNNNN"), status: z.string(), deadline: z.string().describe("answer-by date, YYYY-MM-DD") });

export const complaintStatusSchema = z
  .object({ code: z.string(), status: z.string(), deadline: z.string(), updatedAt: z.string().describe("ISO 8601") });

const labelled = z.object({ code: z.string(), label: z.string() });
export const complaintCategoriesSchema = z
  .object({
    lang,
    kinds: z.array(
      z.object({
        code: z.enum(COMPLAINT_KINDS),
        label: z.string(),
        anonymousAllowed: z.boolean(),
        identityRequired: z.boolean(),
        categories: z.array(labelled.extend({ mayBeUrgent: z.boolean() })),
      }),
    ),
    programs: z.array(labelled),
  });

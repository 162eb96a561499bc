import { z } from "zod";
import { COMPLAINT_KINDS, CONTACT_CHANNELS, type ContactChannel } from "../../db/schema/complaints";
import { LANGS } from "../../i18n/langs";
import { phoneToE164 as toE164 } from "./phone";
import type { RoutingCatalog } from "./catalog";
import { ComplaintValidationError } from "./errors";

/** "2001-02-29" and "1950-13-45" have the right shape but are no day of the calendar. */
function isCalendarDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .nullable()
    .transform((v) => (v ? v : undefined));

/** The complaint as the API receives it (and as the conversation builds it). */
export const complaintBodySchema = z.object({
  kind: z.enum(COMPLAINT_KINDS),
  program: z.string().trim().min(1),
  category: z.string().trim().min(1),
  description: z.string().trim().min(1).max(2000),
  ubigeo: z.string().regex(/^\d{6}$/, "expected a 6-digit INEI district code (ubigeo)"),
  urgent: z.boolean().optional().default(false),
  anonymous: z.boolean().optional().default(false),
  confidential: z.boolean().optional().default(false),
  reporter: z
    .object({
      dni: z
        .string()
        .trim()
        .regex(/^\d{8}$/, "expected 8 digits")
        .optional()
        .nullable()
        .transform((v) => v ?? undefined),
      birthDate: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD")
        .refine(isCalendarDate, "not a date that exists")
        .optional()
        .nullable()
        .transform((v) => v ?? undefined),
      name: optionalText(200),
      phone: optionalText(30),
      email: z
        .email()
        .optional()
        .nullable()
        .or(z.literal(""))
        .transform((v) => (v ? v : undefined)),
      // for contact channel `letter`: street, number, village or town, as the person dictates it
      postalAddress: optionalText(300),
    })
    .optional()
    .nullable()
    .transform((v) => v ?? undefined),
  contact: z
    .object({
      channel: z.enum(CONTACT_CHANNELS),
      address: optionalText(30),
    })
    .optional()
    .default({ channel: "none", address: undefined }),
  // not in the issue's body: the person's language for every message (default Spanish)
  lang: z.enum(LANGS).optional().default("es"),
});

export type ComplaintBody = z.input<typeof complaintBodySchema>;
export type ParsedComplaintBody = z.output<typeof complaintBodySchema>;

export interface ValidComplaint extends Omit<ParsedComplaintBody, "contact" | "reporter"> {
  contact: { channel: ContactChannel; address: string | null };
  reporter: { dni?: string; birthDate?: string; name?: string; phone?: string; email?: string; postalAddress?: string } | undefined;
}

const pathOf = (path: PropertyKey[]) => path.map(String).join(".") || "body";

/**
 * Parses and checks a complaint against the kinds' rules; throws a ComplaintValidationError
 * naming the first bad field (the API answers 400 with it).
 */
export function validateComplaint(raw: unknown, catalog: RoutingCatalog): ValidComplaint {
  const parsed = complaintBodySchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ field: pathOf(i.path), message: i.message }));
    throw new ComplaintValidationError(issues[0].field, issues[0].message, issues);
  }
  const body = parsed.data;
  const fail = (field: string, message: string): never => {
    throw new ComplaintValidationError(field, message);
  };
  const rules = catalog.kinds[body.kind];
  if (!catalog.programs.includes(body.program)) fail("program", `unknown program; one of ${catalog.programs.join(", ")}`);
  if (!rules.categories.includes(body.category)) fail("category", `not a category of ${body.kind}; one of ${rules.categories.join(", ")}`);
  if (body.anonymous && !rules.mayBeAnonymous) fail("anonymous", `a ${body.kind} cannot be anonymous`);
  if (body.confidential && body.kind !== "denuncia") fail("confidential", "only a denuncia is kept confidential");
  if (body.anonymous && body.confidential) fail("confidential", "an anonymous report has no identity to keep confidential");

  // an anonymous report keeps no identity at all, even if one was sent
  const reporter = body.anonymous ? undefined : body.reporter;
  if (reporter?.phone && !toE164(reporter.phone)) fail("reporter.phone", "not a valid phone number");

  // desk, letter and email are answered by the office by hand: their address is the reporter's
  if (body.contact.channel === "email" && !reporter?.email) fail("reporter.email", "an answer by email needs reporter.email");
  if (body.contact.channel === "letter" && !reporter?.postalAddress) fail("reporter.postalAddress", "an answer by letter needs reporter.postalAddress");
  let address: string | null = null;
  if (body.contact.channel === "sms" || body.contact.channel === "whatsapp") {
    const given = body.contact.address ?? reporter?.phone;
    if (!given) fail("contact.address", `a phone number is needed to answer by ${body.contact.channel}`);
    address = toE164(given!);
    if (!address) fail("contact.address", "not a valid phone number");
  }

  if (rules.needsIdentity) {
    if (!reporter?.dni) fail("reporter.dni", `a ${body.kind} needs the person's DNI`);
    if (body.contact.channel === "none" && !reporter?.email) fail("contact.channel", `a ${body.kind} needs a way to answer: sms or whatsapp with a phone, email, letter, desk, or reporter.email`);
  }
  if (body.confidential && !reporter?.dni && !reporter?.name) fail("reporter", "a confidential denuncia keeps an identity: give reporter.dni or reporter.name");

  return {
    ...body,
    reporter: reporter ? { ...reporter, phone: reporter.phone ? toE164(reporter.phone)! : undefined } : undefined,
    contact: { channel: body.contact.channel, address },
  };
}

import type { ComplaintBody } from "../../services/complaints/input";
import type { RoutingCatalog } from "../../services/complaints/catalog";
import { toE164 } from "../../channels/shared/phone";
import type { ComplaintKind } from "../../db/schema";

/** The form's labels, exactly as printed on it: every refusal names the field this way. */
export const FORM_LABELS = {
  kind: "Tipo",
  program: "Programa",
  category: "Motivo",
  lang: "Idioma de la persona (mensajes)",
  description: "Qué pasó (con las palabras de la persona)",
  dni: "DNI",
  name: "Nombre",
  phone: "Celular",
  answer_by: "Cómo recibirá la respuesta",
  email: "Correo electrónico",
  postal_address: "Dirección para la carta",
} as const;
export type FormField = keyof typeof FORM_LABELS;

export const ANSWER_BY = ["desk", "sms", "letter", "email"] as const;
export type AnswerBy = (typeof ANSWER_BY)[number];

/** A refusal of the form, in Spanish, naming the field as the form labels it. */
export class HelpdeskFormError extends Error {
  constructor(
    readonly field: FormField,
    detail: string,
  ) {
    super(`Revise «${FORM_LABELS[field]}»: ${detail}`);
  }
}

// the domain's field paths → the form's fields (a refusal the form did not catch first)
const DOMAIN_FIELDS: Record<string, FormField> = {
  kind: "kind",
  program: "program",
  category: "category",
  description: "description",
  "reporter.dni": "dni",
  reporter: "name",
  "reporter.name": "name",
  "reporter.phone": "phone",
  "contact.address": "phone",
  "contact.channel": "answer_by",
  "reporter.email": "email",
  "reporter.postalAddress": "postal_address",
  lang: "lang",
};

/** A domain validation error as the form's refusal (never the domain's English message nor its field path). */
export function formErrorFromDomain(field: string): HelpdeskFormError {
  return new HelpdeskFormError(DOMAIN_FIELDS[field] ?? "description", "este dato no es válido; corríjalo e intente de nuevo.");
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

/**
 * The help desk's complaint form → the complaints API body, or a HelpdeskFormError in Spanish.
 * How the person is answered: at the desk (they come back; the default when no contact is given),
 * by SMS, by letter or by e-mail.
 */
export function complaintBodyFromForm(
  f: Record<string, string | undefined>,
  ctx: { catalog: RoutingCatalog; ubigeo: string; labels: { kind(k: string): string; category(c: string): string } },
): ComplaintBody {
  const text = (name: string) => (f[name] ?? "").trim();
  const kind = text("kind");
  const kindRules = ctx.catalog.kinds[kind as ComplaintKind];
  if (!kindRules) throw new HelpdeskFormError("kind", "elija un tipo de la lista.");
  if (!ctx.catalog.programs.includes(text("program"))) throw new HelpdeskFormError("program", "elija un programa de la lista.");
  const category = text("category");
  if (!kindRules.categories.includes(category)) {
    const named = ctx.labels.category(category);
    const allowed = kindRules.categories.map((c) => ctx.labels.category(c)).join(", ");
    throw new HelpdeskFormError("category", `${category ? `«${named}» no es un motivo de ${ctx.labels.kind(kind).toLowerCase()}` : "elija un motivo"}. Para ${ctx.labels.kind(kind).toLowerCase()} elija uno de: ${allowed}.`);
  }
  const description = text("description");
  if (!description) throw new HelpdeskFormError("description", "escriba lo que contó la persona.");
  if (description.length > 2000) throw new HelpdeskFormError("description", "máximo 2000 caracteres.");

  const dni = text("dni").replace(/\D/g, "");
  if (text("dni") && !/^\d{8}$/.test(dni)) throw new HelpdeskFormError("dni", "el DNI tiene 8 números.");
  if (kindRules.needsIdentity && !dni) throw new HelpdeskFormError("dni", `un ${ctx.labels.kind(kind).toLowerCase()} necesita el DNI de la persona.`);
  const name = text("name");
  if (name.length > 200) throw new HelpdeskFormError("name", "máximo 200 caracteres.");

  const phone = text("phone") ? toE164(text("phone")) : null;
  if (text("phone") && !phone) throw new HelpdeskFormError("phone", "el celular no es válido (9 números, empieza con 9).");
  const email = text("email");
  if (email && (!EMAIL.test(email) || email.length > 200)) throw new HelpdeskFormError("email", "escriba un correo válido (ej. nombre@correo.pe).");
  const postalAddress = text("postal_address");
  // not chosen: the contact that was given, and the desk when none was (the person comes back)
  const chosen = text("answer_by");
  const answerBy: AnswerBy = (ANSWER_BY as readonly string[]).includes(chosen) ? (chosen as AnswerBy) : phone ? "sms" : email ? "email" : postalAddress ? "letter" : "desk";
  if (postalAddress.length > 300) throw new HelpdeskFormError("postal_address", "máximo 300 caracteres.");
  if (answerBy === "sms" && !phone) throw new HelpdeskFormError("phone", "escriba el celular para responder por SMS, o elija otra forma de respuesta.");
  if (answerBy === "email" && !email) throw new HelpdeskFormError("email", "escriba el correo para responder por correo electrónico, o elija otra forma de respuesta.");
  if (answerBy === "letter" && !postalAddress) throw new HelpdeskFormError("postal_address", "escriba la dirección (calle y número, o centro poblado y referencia) para responder por carta.");

  return {
    kind: kind as ComplaintKind,
    program: text("program"),
    category,
    description,
    ubigeo: ctx.ubigeo,
    urgent: f.urgent === "yes",
    reporter: { dni: dni || undefined, name: name || undefined, phone: phone ?? undefined, email: email || undefined, postalAddress: postalAddress || undefined },
    contact: answerBy === "sms" ? { channel: "sms", address: phone! } : { channel: answerBy },
    lang: (["es", "qu", "ay"].includes(text("lang")) ? text("lang") : "es") as "es" | "qu" | "ay",
  };
}

import type { Config } from "../../config";
import type { ComplaintReporterRow, ComplaintRow } from "../../db/schema";
import { allNodes } from "../../engine/flows";
import type { Lang } from "../../i18n/langs";
import type { Translator } from "../../i18n/translator";
import { maskDni, maskPhone } from "../../logging/mask";
import { limaDate } from "../../services/complaints/deadline";
import { longSpanishDate } from "../ui/labels";

export interface ReceiptLine {
  /** a label and its value, or a sentence (value undefined) */
  label: string;
  value?: string;
}

/** The receipt in one language: what is printed in that language's column. */
export interface ReceiptColumn {
  lang: Lang;
  title: string;
  facts: ReceiptLine[];
  howAnswerHead: string;
  howAnswer: string;
  checkHead: string;
  checks: string[];
  keep: string;
}

/**
 * Where the USSD menu reaches the status check, as the digits a person presses: the option
 * numbers are read from the flows themselves (main menu → complaints → status), so a reordered
 * menu changes the receipt too.
 */
export function ussdStatusPath(): { main: number; sub: number } {
  const choicesOf = (id: string) => {
    const node = allNodes.find((n) => n.id === id) as { choices?: (c: never) => { go: unknown }[] } | undefined;
    return node?.choices ? node.choices({} as never) : [];
  };
  const main = choicesOf("main").findIndex((c) => c.go === "complaints.start") + 1;
  const sub = choicesOf("complaints.start").findIndex((c) => c.go === "complaints.check") + 1;
  return { main, sub };
}

/**
 * The receipt's texts in one language: the person's name and masked DNI, the filing date in
 * full, the tracking code, the answer-by date, how the answer comes, and how to check the status
 * on every channel — with the numbers from the configuration, or saying honestly that one is not
 * configured yet.
 */
export function receiptColumn(
  i18n: Translator,
  lang: Lang,
  input: {
    complaint: ComplaintRow;
    reporter: Pick<ComplaintReporterRow, "name" | "dni" | "email" | "postalAddress" | "phone"> | null;
    place: string;
    filedBy: string;
    labels: { kind(k: string): string; program(p: string): string; category(c: string): string };
    publicContact: Config["publicContact"];
  },
): ReceiptColumn {
  const t = (key: string, params?: Record<string, string | number>) => i18n.t(lang, `complaints:receipt.${key}`, params);
  const { complaint: c, reporter, publicContact: pc } = input;
  const deadline = longSpanishDate(c.deadline);
  const facts: ReceiptLine[] = [];
  if (reporter?.name) facts.push({ label: t("person"), value: reporter.name });
  if (reporter?.dni) facts.push({ label: t("dni"), value: maskDni(reporter.dni) });
  facts.push(
    { label: t("code"), value: c.code },
    { label: t("filed"), value: longSpanishDate(limaDate(c.createdAt)) },
    { label: t("kind"), value: input.labels.kind(c.kind) },
    { label: t("program"), value: input.labels.program(c.program) },
    { label: t("category"), value: input.labels.category(c.category) },
    { label: t("answer_by"), value: deadline },
    { label: t("filed_by"), value: input.filedBy },
  );
  const phone = c.contactAddress ?? reporter?.phone ?? "";
  const howAnswer =
    c.contactChannel === "desk"
      ? t("answer.desk", { place: input.place, date: deadline })
      : c.contactChannel === "letter"
        ? t("answer.letter", { address: reporter?.postalAddress ?? "" })
        : c.contactChannel === "email"
          ? t("answer.email", { email: reporter?.email ?? "" })
          : c.contactChannel === "sms" || c.contactChannel === "whatsapp"
            ? t(`answer.${c.contactChannel}`, { phone: maskPhone(phone) })
            : t("answer.none");
  const path = ussdStatusPath();
  const checks = [
    pc.ussdCode
      ? t("check.ussd", { ussd: pc.ussdCode, main: path.main, mainLabel: i18n.t(lang, "common:main.complaints"), sub: path.sub, subLabel: i18n.t(lang, "complaints:start.status") })
      : t("check.ussd_unset"),
    pc.smsNumber ? t("check.sms", { code: c.code, number: pc.smsNumber }) : t("check.sms_unset", { code: c.code }),
    pc.whatsappNumber ? t("check.whatsapp", { number: pc.whatsappNumber, label: i18n.t(lang, "complaints:start.status") }) : t("check.whatsapp_unset"),
    t("check.line101"),
  ];
  return { lang, title: t("title"), facts, howAnswerHead: t("how_answer"), howAnswer, checkHead: t("check.head"), checks, keep: t("keep") };
}

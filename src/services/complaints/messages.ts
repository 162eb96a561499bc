import type { Message } from "../../domain/messages";
import type { ComplaintRow, ComplaintStatus } from "../../db/schema/complaints";
import { formatPeruvianDate } from "./deadline";
import { OPEN_STATUSES } from "./status";

/** What the person receives when the complaint is registered: code and answer-by date. */
export function filedMessage(complaint: Pick<ComplaintRow, "code" | "deadline">): Message[] {
  return [{ key: "complaints:notify.filed", params: { code: complaint.code, deadline: formatPeruvianDate(complaint.deadline) } }];
}

/** What the person receives at a status change, with the staff's answer when there is one. */
export function statusMessage(code: string, status: ComplaintStatus, answer?: string | null): Message[] {
  const messages: Message[] = [{ key: `complaints:notify.status.${status}`, params: { code } }];
  if (answer) messages.push({ key: "complaints:notify.answer", params: { text: answer } });
  return messages;
}

export const complaintRef = (code: string) => `complaint:${code}`;

/** The answer to a status check by code (USSD/WhatsApp screens, SMS `ESTADO <code>`): nothing personal. */
export function statusCheckMessages(complaint: { code: string; status: ComplaintStatus; deadline: string } | undefined, typed: string): Message[] {
  if (!complaint) return [{ key: "complaints:check.unknown", params: { code: typed.slice(0, 20) } }];
  const messages: Message[] = [{ key: "complaints:check.head", params: { code: complaint.code } }, { key: `complaints:status.${complaint.status}` }];
  if (OPEN_STATUSES.includes(complaint.status)) messages.push({ key: "complaints:check.deadline", params: { deadline: formatPeruvianDate(complaint.deadline) } });
  return messages;
}

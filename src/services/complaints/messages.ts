import type { Message } from "../../domain/messages";
import type { ComplaintRow, ComplaintStatus } from "../../db/schema/complaints";
import { formatPeruvianDate, limaDate } from "./deadline";
import type { StatusView } from "./status-view";
import { piecesBetweenWords } from "../../domain/cut-text";
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

/**
 * The answer to a status check by code (SMS `ESTADO <code>`, the menus on keyboard channels), whole:
 * the status; for an open case which office has it and its answer-by date, or that the deadline
 * passed (with Línea 101); for an answered case the answer itself, its date and how it was sent.
 * Nothing about the reporter.
 */
export function statusCheckMessages(view: StatusView | undefined, typed: string): Message[] {
  if (!view) return [{ key: "complaints:check.unknown", params: { code: typed.slice(0, 20) } }];
  const [first, ...rest] = statusCheckPages(view, typed, Infinity);
  return [...first, ...rest.flat()];
}

/**
 * The same in pages for small screens (USSD): the first page says the status, the next ones
 * carry the answer's text in pieces of at most `chunkChars` characters, cut between words.
 */
export function statusCheckPages(view: StatusView | undefined, typed: string, chunkChars: number): Message[][] {
  if (!view) return [[{ key: "complaints:check.unknown", params: { code: typed.slice(0, 20) } }]];
  const first: Message[] = [{ key: "complaints:check.head", params: { code: view.code } }, { key: `complaints:status.${view.status}` }];
  if (OPEN_STATUSES.includes(view.status)) {
    first.push({ key: "complaints:check.office", params: { queue: view.queue } });
    const deadline = formatPeruvianDate(view.deadline);
    first.push(view.overdue ? { key: "complaints:check.overdue", params: { deadline } } : { key: "complaints:check.deadline", params: { deadline } });
  }
  if (!view.answer) return [first];
  const date = formatPeruvianDate(limaDate(view.answer.at));
  if (view.answer.text === null) return [[...first, { key: "complaints:check.answered_private", params: { date } }]];
  const via = view.answer.channel === "sms" || view.answer.channel === "whatsapp" ? view.answer.channel : null;
  first.push(via ? { key: "complaints:check.answered", params: { date, channel: via } } : { key: "complaints:check.answered_unsent", params: { date } });
  if (chunkChars === Infinity) return [first, [{ key: "complaints:notify.answer", params: { text: view.answer.text } }]];
  return [first, ...piecesBetweenWords(view.answer.text, chunkChars).map((text): Message[] => [{ key: "complaints:notify.answer", params: { text } }])];
}

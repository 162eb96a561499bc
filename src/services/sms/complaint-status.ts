import type { Message } from "../../domain/messages";
import type { Lang } from "../../i18n/langs";
import type { Translator } from "../../i18n/translator";
import type { ComplaintsService } from "../complaints";
import { statusCheckMessages } from "../complaints/messages";

/**
 * ESTADO <code>: what anyone holding a tracking code may see (status, office, deadline, when it
 * was answered; nothing about the reporter), and the answer's words when the SMS comes from the
 * case's own number; the same messages as the status screens of the menu.
 */
export async function complaintStatusMessages(
  deps: { complaints: Pick<ComplaintsService, "statusView">; i18n: Translator },
  query: { code: string; lang: Lang; urn?: string },
): Promise<Message[]> {
  const asker = query.urn?.startsWith("tel:") ? query.urn.slice(4) : null;
  return statusCheckMessages(await deps.complaints.statusView(query.code, asker), query.code);
}

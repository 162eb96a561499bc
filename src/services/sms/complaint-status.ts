import type { Message } from "../../domain/messages";
import type { Lang } from "../../i18n/langs";
import type { Translator } from "../../i18n/translator";
import type { ComplaintsService } from "../complaints";
import { statusCheckMessages } from "../complaints/messages";

/**
 * ESTADO <code>: what anyone holding a tracking code may see (status, office, deadline, the answer
 * sent; nothing about the reporter), the same messages as the status screens of the menu.
 */
export async function complaintStatusMessages(
  deps: { complaints: Pick<ComplaintsService, "statusView">; i18n: Translator },
  query: { code: string; lang: Lang },
): Promise<Message[]> {
  return statusCheckMessages(await deps.complaints.statusView(query.code), query.code);
}

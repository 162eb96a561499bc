import type { Message } from "../../domain/messages";
import type { Lang } from "../../i18n/langs";
import type { Translator } from "../../i18n/translator";
import type { ComplaintsService } from "../complaints";
import { statusCheckMessages } from "../complaints/messages";

/**
 * ESTADO <code>: what anyone holding a tracking code may see (status and deadline, nothing
 * personal), the same messages as the status screens of the menu (`statusCheckMessages`).
 */
export async function complaintStatusMessages(
  deps: { complaints: Pick<ComplaintsService, "getByCode">; i18n: Translator },
  query: { code: string; lang: Lang },
): Promise<Message[]> {
  const complaint = await deps.complaints.getByCode(query.code);
  return statusCheckMessages(complaint ?? undefined, query.code);
}

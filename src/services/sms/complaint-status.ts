import type { Message } from "../../engine/types";
import type { Lang } from "../../i18n/langs";
import type { Translator } from "../../i18n/translator";
import type { ComplaintsService } from "../complaints";
import { formatPeruvianDate } from "../complaints/deadline";

/**
 * ESTADO <code>: what anyone holding a tracking code may see (status and deadline, nothing
 * personal), the same as the complaints API and the status screens show.
 */
export async function complaintStatusMessages(
  deps: { complaints: Pick<ComplaintsService, "getByCode">; i18n: Translator },
  query: { code: string; lang: Lang },
): Promise<Message[]> {
  const complaint = await deps.complaints.getByCode(query.code);
  if (!complaint) return [{ key: "complaints:check.unknown", params: { code: query.code } }];
  return [
    {
      key: "complaints:check.result",
      params: {
        code: complaint.code,
        status: deps.i18n.t(query.lang, `complaints:status.${complaint.status}`),
        deadline: formatPeruvianDate(complaint.deadline),
      },
    },
  ];
}

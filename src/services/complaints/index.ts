import type { Db } from "../../db/client";
import { addInternalNote, type AddInternalNoteInput } from "./add-note";
import { assignComplaint, type AssignComplaintInput } from "./assign";
import { bulkChangeComplaints, type BulkChangeInput } from "./bulk";
import { loadRoutingCatalog, type RoutingCatalog } from "./catalog";
import { changeComplaintStatus, type ChangeComplaintStatusInput } from "./change-status";
import type { ComplaintDeps } from "./deps";
import { getComplaintDetail } from "./detail";
import { fileComplaint, prepareFiling, type FileComplaintInput } from "./file";
import { getComplaintByCode } from "./get-by-code";
import { statusCheckMessages, statusCheckPages } from "./messages";
import { getStatusView } from "./status-view";
import { listComplaints, queueNeighbours, type ListComplaintsInput } from "./list";
import type { StaffRole } from "./visibility";

export { canSeeReporter, STAFF_ROLES, type StaffRole } from "./visibility";
export { publicStatus, type PublicComplaintStatus } from "./get-by-code";
export { isOverdue } from "./list";
export { TRANSITIONS, OPEN_STATUSES, NEEDS_ANSWER, canTransition } from "./status";
export * from "./errors";
export { BulkChangeRefusedError, BULK_MAX, type BulkRefusal } from "./bulk";
export { parseSearch, touchesPersonalData, SearchTooLongError, SEARCH_MAX_CHARS, type SearchTerms } from "./search";
export { daysUntilDeadline } from "./list";
export type { ComplaintDeps } from "./deps";

/**
 * The complaints domain bound to one database and clock: what flows (`c.ctx.services.complaints`),
 * the API and the staff console call. Each member is one verb from its own file.
 */
export function createComplaintsService(deps: { db: Db; now: () => number; catalog?: RoutingCatalog; districtExists?: ComplaintDeps["districtExists"]; urgentAlertPhone?: string | null }) {
  const ctx: ComplaintDeps = { db: deps.db, now: deps.now, catalog: deps.catalog ?? loadRoutingCatalog(), districtExists: deps.districtExists, urgentAlertPhone: deps.urgentAlertPhone };
  return {
    catalog: ctx.catalog,
    file: (input: FileComplaintInput) => fileComplaint({ ctx, input }),
    /** a conversation's filing: the statements, committed by the turn runner with the session */
    prepareFiling: (input: FileComplaintInput) => prepareFiling(ctx, input),
    changeStatus: (input: ChangeComplaintStatusInput) => changeComplaintStatus({ ctx, input }),
    assign: (input: AssignComplaintInput) => assignComplaint({ ctx, input }),
    /** the same assignment or status on several cases, all or nothing */
    bulkChange: (input: BulkChangeInput) => bulkChangeComplaints({ ctx, input }),
    addNote: (input: AddInternalNoteInput) => addInternalNote({ ctx, input }),
    getByCode: (code: string) => getComplaintByCode({ ctx, code }),
    /** what a status check by code shows (nothing personal): status, office, deadline, the answer sent */
    /** `asker`: the E.164 number the check comes from, if any (the answer's words are for the case's number only) */
    statusView: (code: string, asker?: string | null) => getStatusView({ ctx, code, asker }),
    /** the screen of a status check by code, whole (keyboard channels, SMS) */
    statusCheckMessages,
    /** the same in pages for small screens */
    statusCheckPages,
    detail: (code: string, viewer: { id: string; role: StaffRole }) => getComplaintDetail({ ctx, code, viewer }),
    list: (input?: ListComplaintsInput) => listComplaints({ ctx, input }),
    /** the cases before and after one in the queue (same filters) */
    neighbours: (input: ListComplaintsInput, current: Parameters<typeof queueNeighbours>[0]["current"]) => queueNeighbours({ ctx, input, current }),
  };
}

export type ComplaintsService = ReturnType<typeof createComplaintsService>;

import { complaintsRepo } from "../../db/repos/complaints";
import type { ComplaintRow } from "../../db/schema/complaints";
import { normalizeComplaintCode } from "./code";
import type { ComplaintDeps } from "./deps";

/** The complaint (without its reporter) for a tracking code as typed; undefined if none. */
export async function getComplaintByCode({ ctx, code }: { ctx: Pick<ComplaintDeps, "db">; code: string }): Promise<ComplaintRow | undefined> {
  const normalized = normalizeComplaintCode(code);
  return normalized ? complaintsRepo(ctx.db).findByCode(normalized) : undefined;
}

/** What anyone holding the code may see: nothing personal (API GET and the status check screens). */
export interface PublicComplaintStatus {
  code: string;
  status: ComplaintRow["status"];
  deadline: string;
  updatedAt: string;
}

export function publicStatus(complaint: ComplaintRow): PublicComplaintStatus {
  return { code: complaint.code, status: complaint.status, deadline: complaint.deadline, updatedAt: new Date(complaint.updatedAt).toISOString() };
}

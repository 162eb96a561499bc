import { count, inArray } from "drizzle-orm";
import { satisfactionRef } from "./satisfaction";
import type { DemoLoader } from "../../db/demo";
import { staffRepo } from "../../db/repos/staff";
import { complaints, outbox } from "../../db/schema";
import type { ComplaintStatus } from "../../db/schema/complaints";
import type { Lang } from "../../i18n/langs";
import demo from "../../../db/demo/complaints.json";
import { createComplaintsService } from "./index";

interface DemoStep {
  assign?: string;
  status?: ComplaintStatus;
  answer?: string;
  note?: string;
  by?: string;
}

interface DemoComplaint {
  daysAgo: number;
  channel: string;
  lang: Lang;
  body: unknown;
  steps: DemoStep[];
}

const DAY_MS = 86_400_000;
const STEP_MS = 2 * 3_600_000;

/**
 * Demo complaints (db/demo/complaints.json, development only) filed and moved through the real
 * services with a clock set back in time, so the queue shows several queues, statuses, an
 * overdue case and an urgent one. Staff are named by e-mail (the staff demo loads first);
 * loads nothing if any complaint exists.
 */
export const complaintsDemoLoader: DemoLoader = {
  name: "complaints",
  async load(db) {
    const existing = await db.select({ n: count() }).from(complaints).get();
    if ((existing?.n ?? 0) > 0) return 0;
    let clock = 0;
    const service = createComplaintsService({ db, now: () => clock });
    const staffId = async (email?: string) => (email ? ((await staffRepo.findByEmail(db, email))?.id ?? null) : null);
    let loaded = 0;
    const refs: string[] = [];
    const items = [...(demo.complaints as DemoComplaint[])].sort((a, b) => b.daysAgo - a.daysAgo);
    for (const item of items) {
      clock = Date.now() - item.daysAgo * DAY_MS;
      const { complaint } = await service.file({ body: item.body, channel: item.channel, lang: item.lang, actor: `citizen:${item.channel}` });
      for (const step of item.steps) {
        clock += STEP_MS;
        const by = await staffId(step.by ?? step.assign);
        const actor = by ? `staff:${by}` : "system";
        if (step.assign) await service.assign({ code: complaint.code, assigneeId: await staffId(step.assign), actor });
        if (step.status) await service.changeStatus({ code: complaint.code, to: step.status, actor, answer: step.answer });
        if (step.note) await service.addNote({ code: complaint.code, body: step.note, actor });
      }
      refs.push(`complaint:${complaint.code}`, satisfactionRef(complaint.code));
      loaded += 1;
    }
    // the demo phones are invented but could belong to someone: their messages are marked as
    // never sent (and the console says so), so no configured SMS/WhatsApp provider ever sends them
    if (refs.length) await db.update(outbox).set({ status: "not_sent", lastError: "demo data: never sent" }).where(inArray(outbox.ref, refs));
    return loaded;
  },
};

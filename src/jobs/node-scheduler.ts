import type { AppContext } from "../app";
import { JOBS, runJobOnce, type Job } from "./registry";

/**
 * Node: every job of the registry on its own timer, one run at a time per job; a kick during a
 * run (a webhook queued replies) runs it once more right after, and so does a report that says
 * there is more (`again`).
 */
export function startJobTimers(ctx: AppContext): { kick(name: string): void; stop(): void } {
  const running = new Map<string, { busy: boolean; again: boolean }>();
  const run = async (job: Job, trigger: string): Promise<void> => {
    const state = running.get(job.name) ?? { busy: false, again: false };
    running.set(job.name, state);
    if (state.busy) {
      state.again = true;
      return;
    }
    state.busy = true;
    try {
      const report = await runJobOnce(ctx, job, trigger);
      if (report && job.again?.(report)) state.again = true;
    } finally {
      state.busy = false;
      if (state.again) {
        state.again = false;
        void run(job, "again");
      }
    }
  };
  const timers = JOBS.map((job) => {
    if (job.atStart) void run(job, "start");
    return setInterval(() => void run(job, "timer"), job.everyMs(ctx));
  });
  return {
    kick: (name) => {
      const job = JOBS.find((j) => j.name === name);
      if (job) void run(job, "kick");
    },
    stop: () => timers.forEach(clearInterval),
  };
}

import type { Effect, UsageSection } from "../domain/messages";
import type { SessionState } from "./types";

/**
 * The anonymous usage counts of a turn (`usage.counted` effects): which section of the menu the
 * person entered, completed, or left without completing, and where. Derived from where the turn
 * started and ended, so no flow has to say it. The section being used travels in the session's
 * data (`__usage`) so a later turn knows whether it was completed.
 */
export const USAGE_MARK = "__usage";

interface Mark {
  section: UsageSection;
  /** the last screen of the section the person was on */
  at: string;
  done: boolean;
}

const PREFIXES: [string, UsageSection][] = [
  ["programs.", "programs"],
  ["eligibility.", "eligibility"],
  ["lookup.", "lookups"],
  ["complaints.", "complaints"],
];

/** screens that give what the section is for: the person "completed" it on reaching one */
const COMPLETION_NODES = new Set(["programs.detail", "eligibility.results", "lookup.payments", "lookup.status", "complaints.check_result"]);
/** effects that complete a section (a complaint filed ends the conversation on that turn) */
const COMPLETION_EFFECTS: Partial<Record<Effect["type"], UsageSection>> = { "complaint.file": "complaints", "eligibility.counted": "eligibility", "lookup.shown": "lookups" };

/** screens that are not a section and do not leave one (the language question, the resume offer, help) */
const NEUTRAL = new Set(["language", "resume", "unavailable", "help"]);

export function sectionOf(node: string): UsageSection | null {
  if (node === "help") return "help";
  for (const [prefix, section] of PREFIXES) if (node.startsWith(prefix)) return section;
  return null;
}

export function markOf(state: SessionState | null | undefined): Mark | undefined {
  const mark = state?.data[USAGE_MARK] as Mark | undefined;
  return mark && typeof mark.section === "string" ? mark : undefined;
}

/**
 * The usage effects of one turn from `before` to `after` (whose data it updates with the mark).
 * Entered: the person arrived in a section from outside it. Completed: reached a completion
 * screen (or its effect) for the first time in this visit. Abandoned: left the section (main
 * menu, another section, the end of the conversation) before completing it, at the last screen.
 */
export function usageEffects(before: SessionState, after: SessionState, effects: Effect[]): Effect[] {
  const out: Effect[] = [];
  let mark = markOf(before);
  const node = after.ended ? null : after.lang === null ? "language" : after.node;
  const section = node ? sectionOf(node) : null;
  const helpShown = node === "help" && (before.node !== "help" || before.ended);
  if (helpShown) out.push({ type: "usage.counted", section: "help", outcome: "entered" }, { type: "usage.counted", section: "help", outcome: "completed" });

  const completes = (s: UsageSection) => (node !== null && sectionOf(node) === s && COMPLETION_NODES.has(node)) || effects.some((e) => COMPLETION_EFFECTS[e.type] === s);
  // what happened inside the section the person was in (a filing that ends the conversation too)
  if (mark && !mark.done && completes(mark.section)) {
    out.push({ type: "usage.counted", section: mark.section, outcome: "completed" });
    mark = { ...mark, done: true };
  }
  const staying = node !== null && (NEUTRAL.has(node) || section === mark?.section);
  if (mark && !staying) {
    if (!mark.done) out.push({ type: "usage.counted", section: mark.section, outcome: "abandoned", node: mark.at });
    mark = undefined;
  }
  if (section && section !== "help" && !mark && node) {
    out.push({ type: "usage.counted", section, outcome: "entered" });
    mark = { section, at: node, done: false };
    if (completes(section)) {
      out.push({ type: "usage.counted", section, outcome: "completed" });
      mark.done = true;
    }
  }
  if (mark && node && section === mark.section) mark = { ...mark, at: node };
  if (mark) after.data = { ...after.data, [USAGE_MARK]: mark };
  else if (USAGE_MARK in after.data) {
    const { [USAGE_MARK]: _gone, ...rest } = after.data;
    after.data = rest;
  }
  return out;
}

/**
 * A conversation left in a section and never continued (a USSD call that dropped, a chat left
 * idle past the resume window): its abandonment, counted when the person's next conversation
 * starts without taking it up.
 */
export function droppedEffects(previous: SessionState | null | undefined, fresh: SessionState): Effect[] {
  const mark = markOf(previous);
  if (!mark || mark.done || previous?.ended || markOf(fresh)) return [];
  return [{ type: "usage.counted", section: mark.section, outcome: "abandoned", node: mark.at }];
}

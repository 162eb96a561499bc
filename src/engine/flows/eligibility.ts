import type { Choice, FlowNode, Message, NodeContext, Transition } from "../types";
import { BACK } from "../engine";
import { districtPicker } from "./district-picker";
import { formatAsOf } from "./programs";
import type { Answers, Cse, FieldName } from "../../services/eligibility/fields";
import { CSE_VALUES } from "../../domain/cse";
import type { ProgramResult } from "../../services/eligibility/evaluate";
import type { Outcome } from "../../services/programs/catalog";

/**
 * "¿Puedo recibirlo?": asks, one screen at a time, only the questions whose answer can still
 * change some program's outcome (the service decides which), then lists the programs with
 * their outcome; each opens its reasons, what it gives and what to do next.
 * Session data lives under `data.elig`; nothing of it is stored once the session ends, only
 * the anonymous daily counts.
 */
interface EligData {
  answers: Answers;
  asked: FieldName[];
  program?: string;
}

export const ELIG = {
  start: "eligibility.start",
  results: "eligibility.results",
  detail: "eligibility.detail",
  district: "eligibility.district",
} as const;

const questionNode = (field: FieldName) => (field === "focalized" ? ELIG.district : `eligibility.q.${field.replace("household.", "")}`);
const promptOf = (field: FieldName): Message => ({ key: `eligibility:q.${field.replace("household.", "")}` });

const elig = (c: NodeContext): EligData => (c.state.data.elig as EligData | undefined) ?? { answers: {}, asked: [] };

function withAnswer(answers: Answers, field: FieldName, value: unknown): Answers {
  const next: Answers = { ...answers, household: { ...answers.household } };
  const target = (field.startsWith("household.") ? next.household : next) as Record<string, unknown>;
  const key = field === "focalized" ? "ubigeo" : field.replace("household.", "");
  if (value === undefined || value === null) delete target[key];
  else target[key] = value;
  return next;
}

/** Records an answer (undefined: "I don't know") and goes to the next useful question or the results. */
async function answer(c: NodeContext, field: FieldName, value: unknown): Promise<Transition> {
  const current = elig(c);
  const answers = withAnswer(current.answers, field, value);
  const asked = current.asked.includes(field) ? current.asked : [...current.asked, field];
  const service = c.ctx.services.eligibility;
  const next = service.nextQuestion(answers, asked);
  const data = { elig: { answers, asked } satisfies EligData };
  if (next) return { to: questionNode(next), data };
  // the anonymous counts are written with the session by the conversation runner
  const results = service.evaluate(answers).map((r) => ({ program: r.program, outcome: r.outcome }));
  return { to: ELIG.results, data, effects: [{ type: "eligibility.counted", results, ubigeo: answers.ubigeo ?? null }] };
}

const yesNo = (field: FieldName, unknown: boolean) => (): Choice[] => [
  { label: { key: "eligibility:yes" }, go: (c) => answer(c, field, true) },
  { label: { key: "eligibility:no" }, go: (c) => answer(c, field, false) },
  ...(unknown ? [{ label: { key: "eligibility:unknown" }, go: (c: NodeContext) => answer(c, field, undefined) }] : []),
];

/** "none / one / two or more" (a keypad cannot count), never more than the children under 19. */
const counts = (field: FieldName) => (c: NodeContext): Choice[] => {
  const under19 = field === "household.childrenUnder19" ? Infinity : elig(c).answers.household?.childrenUnder19 ?? Infinity;
  const options: Choice[] = [
    { label: { key: "eligibility:count.none" }, go: (cc) => answer(cc, field, 0) },
    { label: { key: "eligibility:count.one" }, go: (cc) => answer(cc, field, 1) },
    { label: { key: "eligibility:count.more" }, go: (cc) => answer(cc, field, 2) },
  ];
  return options.slice(0, Math.min(3, under19 + 1));
};

const question = (field: FieldName, choices: (c: NodeContext) => Choice[]): FlowNode => ({
  id: questionNode(field),
  prompt: () => [promptOf(field)],
  choices,
});

const picker = districtPicker({
  id: ELIG.district,
  allowUnknown: true,
  promptKey: "eligibility:q.district",
  done: (ubigeo, c) => answer(c, "focalized", ubigeo ?? undefined),
});

const RANK: Record<Outcome, number> = { likely: 0, needs_dni: 1, needs_classification: 2, unlikely: 3 };
const results = (c: NodeContext): ProgramResult[] =>
  c.ctx.services.eligibility.evaluate(elig(c).answers).sort((a, b) => RANK[a.outcome] - RANK[b.outcome]);

const resultOf = (c: NodeContext) => results(c).find((r) => r.program === elig(c).program);
const benefitOf = (c: NodeContext, result: ProgramResult): Message => {
  const program = c.ctx.services.catalog.get(result.program)!;
  return { key: `programs:${program.id}.gives`, params: { amount: program.benefit.amount ?? "", asOf: formatAsOf(program.benefit.asOf) } };
};

/** The pages of one program's result on a keypad screen: its reasons (at most 3), what it gives, what to do. */
function detailPages(c: NodeContext): Message[][] {
  const result = resultOf(c);
  if (!result) return [[{ key: "common:unavailable" }]];
  const head = (key: string, n: number, total: number): Message => ({ key, params: { program: result.program, outcome: result.outcome, n, total } });
  const items: [string, Message][] = [
    ...result.reasons.slice(0, 3).map((r): [string, Message] => ["eligibility:detail.header", { key: r.key, params: r.params }]),
    ["eligibility:detail.benefit", benefitOf(c, result)],
    ...result.nextSteps.map((s): [string, Message] => ["eligibility:detail.step", { key: s.key, params: s.params }]),
  ];
  return items.map(([header, text], i) => [head(header, i + 1, items.length), text]);
}

/** The same result as one message where a screen scrolls (web, WhatsApp): every reason, what it gives, what to do. */
function detailWhole(c: NodeContext): Message[] {
  const result = resultOf(c);
  if (!result) return [{ key: "common:unavailable" }];
  const params = { program: result.program, outcome: result.outcome };
  return [
    { key: "eligibility:detail.title", params },
    { key: "eligibility:detail.why" },
    ...result.reasons.map((r) => ({ key: r.key, params: r.params })),
    { key: "eligibility:detail.gives" },
    benefitOf(c, result),
    { key: "eligibility:detail.todo" },
    ...result.nextSteps.map((s) => ({ key: s.key, params: s.params })),
  ];
}

/** Only a keypad screen pages; a screen that scrolls gets it all at once. */
const paged = (c: NodeContext) => c.ctx.channel.typing === "keypad";

export const eligibilityNodes: FlowNode[] = [
  {
    id: ELIG.start,
    prompt: () => [{ key: "eligibility:start" }],
    choices: () => [
      {
        label: { key: "eligibility:begin" },
        go: (c) => {
          const first = c.ctx.services.eligibility.nextQuestion({}, []);
          return { to: first ? questionNode(first) : ELIG.results, data: { elig: { answers: {}, asked: [] } satisfies EligData } };
        },
      },
    ],
  },
  {
    id: questionNode("age"),
    prompt: () => [promptOf("age")],
    input: {
      kind: "digits",
      maxLength: 3,
      handle: (value, c) => {
        // the screen shows "0 Atrás": on this digits screen the engine passes 0 through, and
        // nobody checking for themselves is 0 years old, so 0 keeps its navigation meaning
        if (value === "0") return { to: BACK };
        const age = Number(value);
        return age > 120 ? { error: { key: "eligibility:q.age_invalid" } } : answer(c, "age", age);
      },
    },
  },
  question("severeDisability", yesNo("severeDisability", true)),
  question("household.pregnant", yesNo("household.pregnant", false)),
  question("household.childrenUnder19", counts("household.childrenUnder19")),
  question("household.childrenUnder3", counts("household.childrenUnder3")),
  question("household.childrenInPublicSchool", counts("household.childrenInPublicSchool")),
  question("hasDni", yesNo("hasDni", false)),
  question("cse", () =>
    CSE_VALUES.map((value: Cse) => ({
      label: { key: value === "no_sabe" ? "eligibility:unknown" : `eligibility:cse.${value}` },
      go: (c: NodeContext) => answer(c, "cse", value),
    })),
  ),
  question("contributoryPension", yesNo("contributoryPension", true)),
  question("essalud", yesNo("essalud", true)),
  ...picker.nodes,
  {
    id: ELIG.results,
    // keypad screens: program names and outcomes are long in Quechua and Aymara, two per screen
    // leave room for a hint. Where options are buttons, every program is on one screen.
    prompt: (c) =>
      c.ctx.channel.buttons
        ? [{ key: "eligibility:results.title_all" }, ...results(c).map((r) => ({ key: "eligibility:results.line", params: { program: r.program, outcome: r.outcome } }))]
        : [{ key: "eligibility:results.title" }],
    pageSize: (channel) => (channel.buttons ? channel.pageSize : 2),
    choices: (c) =>
      results(c).map((r) => ({
        ...(c.ctx.channel.buttons
          ? { label: { key: `programs:${r.program}.name` }, detail: { key: `eligibility:outcome.${r.outcome}` } }
          : { label: { key: "eligibility:results.item", params: { program: r.program, outcome: r.outcome } } }),
        go: (cc: NodeContext) => ({ to: ELIG.detail, data: { elig: { ...elig(cc), program: r.program } } }),
      })),
  },
  {
    id: ELIG.detail,
    pages: (c) => (paged(c) ? detailPages(c).length : 1),
    prompt: (c) => {
      if (!paged(c)) return detailWhole(c);
      const pages = detailPages(c);
      return pages[Math.min(c.page, pages.length - 1)];
    },
  },
];

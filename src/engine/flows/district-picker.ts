import type { Choice, FlowNode, Message, NodeContext, Transition } from "../types";
import type { District } from "../../services/districts/types";

/**
 * A reusable district question: department → province → district with paging, or the first
 * letters of the name (accents and case ignored), or "I don't know". Any flow makes its own
 * copy with `districtPicker({ id, returnTo, dataKey })` and lists `picker.nodes` in the flows
 * index; the chosen INEI ubigeo (or null for "I don't know") lands in `state.data[dataKey]`.
 */
export interface DistrictPickerOptions {
  /** node id prefix, e.g. "eligibility.district"; the first screen has exactly this id */
  id: string;
  /** node to continue at once a district is chosen */
  returnTo?: string;
  /** top-level `state.data` key that receives the ubigeo (default: `${id}.ubigeo`) */
  dataKey?: string;
  /** custom continuation instead of returnTo/dataKey (e.g. to write into a section's own object) */
  done?(ubigeo: string | null, c: NodeContext): Transition | Promise<Transition>;
  /** offer "I don't know" on the first screen (the caller decides what unknown means) */
  allowUnknown?: boolean;
  /** locale key of the first screen's question (default `districts:picker.prompt`) */
  promptKey?: string;
}

export interface DistrictPicker {
  start: string;
  nodes: FlowNode[];
}

/** What the picker remembers while the person moves through its screens. */
interface PickerState {
  /** back-stack depth when the picker was entered: popped back to it when done */
  depth: number;
  dept?: string;
  prov?: string;
  query?: string;
}

/**
 * Characters of option text a USSD screen has room for: 182 minus `CON `, the longest error
 * hint, a short prompt (≤ 16) and the navigation line, in the longest language (checked by
 * test/engine/district-picker.test.ts over every province in all three languages).
 */
export const OPTION_BUDGET = 80;
const SEARCH_LIMIT = 60;

/**
 * Packs choices into screens greedily: as many names as fit the budget (a line is the name
 * plus its number, a space and a newline), at most `maxPerPage`. Short names share a screen,
 * a long one gets fewer neighbours, and no page is ever empty.
 */
export function packPages(labels: string[], maxPerPage: number, budget = OPTION_BUDGET): number[] {
  const starts: number[] = [];
  let used = Infinity;
  let count = 0;
  labels.forEach((label, i) => {
    const cost = label.length + 3;
    if (count >= maxPerPage || used + cost > budget + 1) {
      starts.push(i);
      used = 0;
      count = 0;
    }
    used += cost;
    count += 1;
  });
  return starts.length ? starts : [0];
}

/** The packing for choices whose label is `districts:picker.item` with a `name`. */
const byNameLength = (choices: Choice[], maxPerPage: number) =>
  packPages(choices.map((choice) => String(choice.label.params?.name ?? "")), maxPerPage);

export function districtPicker(options: DistrictPickerOptions): DistrictPicker {
  const id = options.id;
  const ids = { start: id, dept: `${id}.dept`, prov: `${id}.prov`, dist: `${id}.dist`, search: `${id}.search`, found: `${id}.found` };
  const tmpKey = `${id}.picker`;
  const dataKey = options.dataKey ?? `${id}.ubigeo`;
  const promptKey = options.promptKey ?? "districts:picker.prompt";

  const tmp = (c: NodeContext): PickerState => (c.state.data[tmpKey] as PickerState | undefined) ?? { depth: c.state.stack.length };
  const withTmp = (c: NodeContext, patch: Partial<PickerState>) => ({ [tmpKey]: { ...tmp(c), ...patch } });
  const directory = (c: NodeContext) => c.ctx.services.districts;

  async function finish(ubigeo: string | null, c: NodeContext): Promise<Transition> {
    const { depth } = tmp(c);
    delete c.state.data[tmpKey];
    // the picker's own screens leave the back stack: 0 after the district goes to the caller
    c.state.stack.length = Math.min(c.state.stack.length, depth);
    const next = options.done
      ? await options.done(ubigeo, c)
      : { to: options.returnTo ?? "main", data: { [dataKey]: ubigeo } };
    return "to" in next ? { ...next, replace: true } : next;
  }

  const provinceLabel = (c: NodeContext, code: string) => directory(c).province(code)?.label ?? "";
  const districtLabel = (d: District) => d.label;
  const foundLabel = (c: NodeContext, d: District) => `${d.label} (${provinceLabel(c, d.province)})`;
  const found = (c: NodeContext) => directory(c).search(tmp(c).query ?? "", SEARCH_LIMIT);
  const item = (name: string): Message => ({ key: "districts:picker.item", params: { name } });

  /** a district's name as typed: one match is chosen, several are listed, none is said */
  function searchFor(value: string, c: NodeContext): Transition | Promise<Transition> {
    const matches = directory(c).search(value, SEARCH_LIMIT);
    if (matches.length === 0) return { error: { key: "districts:picker.none", params: { text: value.slice(0, 20) } } };
    if (matches.length === 1) return finish(matches[0].ubigeo, c);
    return { to: ids.found, data: withTmp(c, { query: value }) };
  }
  // on the picker's list screens typed letters go straight to the search (no "invalid option")
  const typedName = (text: string, c: NodeContext) => (text.length <= 40 ? searchFor(text, c) : null);

  const start: FlowNode = {
    id: ids.start,
    prompt: () => [{ key: promptKey }],
    choices: (c) => {
      // the depth is taken here, on the picker's first screen, where the caller is on the stack
      const fresh = { depth: c.state.stack.length };
      const list: Choice[] = [
        { label: { key: "districts:picker.by_list" }, go: () => ({ to: ids.dept, data: { [tmpKey]: fresh } }) },
        { label: { key: "districts:picker.by_name" }, go: () => ({ to: ids.search, data: { [tmpKey]: fresh } }) },
      ];
      if (options.allowUnknown) list.push({ label: { key: "districts:picker.unknown" }, go: (cc) => finish(null, cc) });
      return list;
    },
    onText: (text, c) => {
      // entered afresh here (as the choices do): the caller is on the stack now
      delete c.state.data[tmpKey];
      return typedName(text, c);
    },
  };

  const dept: FlowNode = {
    id: ids.dept,
    prompt: () => [{ key: "districts:picker.department" }],
    pageStarts: byNameLength,
    onText: typedName,
    choices: (c) =>
      directory(c).departments().map((d) => ({
        label: item(d.label),
        go: (cc: NodeContext): Transition => {
          const provinces = directory(cc).provinces(d.code);
          // Callao has one province: do not ask what has one answer
          if (provinces.length === 1) return { to: ids.dist, data: withTmp(cc, { dept: d.code, prov: provinces[0].code }) };
          return { to: ids.prov, data: withTmp(cc, { dept: d.code }) };
        },
      })),
  };

  const provinces = (c: NodeContext) => directory(c).provinces(tmp(c).dept ?? "");
  const prov: FlowNode = {
    id: ids.prov,
    prompt: () => [{ key: "districts:picker.province" }],
    pageStarts: byNameLength,
    onText: typedName,
    choices: (c) =>
      provinces(c).map((p) => ({
        label: item(p.label),
        go: (cc: NodeContext) => ({ to: ids.dist, data: withTmp(cc, { prov: p.code }) }),
      })),
  };

  const districts = (c: NodeContext) => directory(c).districts(tmp(c).prov ?? "");
  const dist: FlowNode = {
    id: ids.dist,
    prompt: () => [{ key: "districts:picker.district" }],
    pageStarts: byNameLength,
    onText: typedName,
    choices: (c) => districts(c).map((d) => ({ label: item(districtLabel(d)), go: (cc: NodeContext) => finish(d.ubigeo, cc) })),
  };

  const search: FlowNode = {
    id: ids.search,
    prompt: () => [{ key: "districts:picker.type_name" }],
    input: {
      kind: "text",
      maxLength: 40,
      handle: (value, c) => searchFor(value, c),
    },
  };

  const foundNode: FlowNode = {
    id: ids.found,
    prompt: () => [{ key: "districts:picker.found" }],
    pageStarts: byNameLength,
    choices: (c) => found(c).map((d) => ({ label: item(foundLabel(c, d)), go: (cc: NodeContext) => finish(d.ubigeo, cc) })),
  };

  return { start: ids.start, nodes: [start, dept, prov, dist, search, foundNode] };
}

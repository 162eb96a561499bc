import type { FlowNode, Message, NodeContext } from "../types";

/** "Program information": the catalog's programs, each in two or three short screens on a keypad, one message elsewhere. */
export function formatAsOf(isoDate: string): string {
  const [year, month] = isoDate.split("-");
  return `${month}/${year}`;
}

const selected = (c: NodeContext) => c.ctx.services.catalog.get(String(c.state.data.program));

export const programNodes: FlowNode[] = [
  {
    id: "programs.list",
    prompt: () => [{ key: "programs:list.title" }],
    choices: (c) =>
      c.ctx.services.catalog.programs.map((p) => ({
        label: { key: `programs:${p.id}.name` },
        go: () => ({ to: "programs.detail", data: { program: p.id } }),
      })),
  },
  {
    id: "programs.detail",
    // a keypad screen holds one part at a time; a screen that scrolls (web, WhatsApp) shows all of it
    pages: (c) => (c.ctx.channel.typing === "keypad" ? selected(c)?.infoPages.length ?? 1 : 1),
    prompt: (c): Message[] => {
      const program = selected(c);
      if (!program) return [{ key: "common:unavailable" }];
      const pages = program.infoPages;
      const params = { amount: program.benefit.amount ?? "", asOf: formatAsOf(program.benefit.asOf) };
      if (c.ctx.channel.typing !== "keypad") return [{ key: `programs:${program.id}.name` }, ...pages.map((page) => ({ key: `programs:${program.id}.${page}`, params }))];
      const page = pages[Math.min(c.page, pages.length - 1)];
      return [
        {
          key: "programs:page_header",
          params: { program: program.id, n: c.page + 1, total: pages.length },
        },
        { key: `programs:${program.id}.${page}`, params },
      ];
    },
  },
];

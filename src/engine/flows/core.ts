import { BACK, NODES, RESUME } from "../engine";
import type { FlowNode } from "../types";
import { LANGS } from "../../i18n/langs";

/**
 * The screens every conversation shares: language choice, main menu, help, resume offer,
 * and the honest "not available yet" for a section whose flow is not registered.
 */
export const coreNodes: FlowNode[] = [
  {
    id: NODES.language,
    root: true,
    // a person whose language is unknown sees the question in all three languages
    prompt: (c) => [{ key: c.state.lang === null ? "common:language.first" : "common:language.prompt" }],
    // on an operator's small screens (views) each language by its own name alone ("Runasimi"),
    // so the three fit one screen of 80 under the question; with "(quechua)" beside it only
    // "1 Español" and "98 Más" were on the first screen, a Quechua speaker's language behind it
    choices: (c) =>
      LANGS.map((lang) => ({
        label: { key: c.ctx.channel.views ? `common:language.names.${lang}` : `common:language.${lang}` },
        go: () => {
          const first = c.state.lang === null;
          c.state.lang = lang;
          return first || c.state.stack.length === 0 ? { to: NODES.main, replace: true } : { to: BACK };
        },
      })),
  },
  {
    id: NODES.main,
    root: true,
    prompt: () => [{ key: "common:main.title" }],
    // each section's flow registers its own start node; missing ones render `unavailable`
    choices: () => [
      { label: { key: "common:main.programs" }, go: "programs.list" },
      { label: { key: "common:main.eligibility" }, go: "eligibility.start" },
      { label: { key: "common:main.status" }, go: "lookup.start" },
      { label: { key: "common:main.complaints" }, go: "complaints.start" },
      { label: { key: "common:main.language" }, go: NODES.language },
      { label: { key: "common:main.help" }, go: NODES.help },
    ],
  },
  {
    id: NODES.help,
    // keypad digits where people type on a keypad; buttons and words where they tap and type words
    prompt: (c) => [{ key: c.ctx.channel.typing === "keypad" ? "common:help.text" : "common:help.buttons" }],
  },
  {
    id: NODES.resume,
    root: true,
    prompt: () => [{ key: "common:resume.prompt" }],
    choices: () => [
      { label: { key: "common:resume.yes" }, go: () => ({ to: RESUME }) },
      {
        label: { key: "common:resume.no" },
        go: (c) => {
          delete c.state.data.__resume;
          c.state.stack = [];
          return { to: NODES.main, replace: true };
        },
      },
    ],
  },
  {
    id: NODES.unavailable,
    prompt: () => [{ key: "common:unavailable" }],
  },
];

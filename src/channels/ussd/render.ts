import type { Message, Reply } from "../../domain/messages";
import { foldToGsm7 } from "../../i18n/gsm7";
import type { Translator } from "../../i18n/translator";

/** Operators cut USSD screens at 182 characters; we count the whole body, `CON `/`END ` included. */
export const USSD_SCREEN_LIMIT = 182;

export type UssdCharset = "gsm7" | "ucs2";

export interface UssdRenderOptions {
  /** `gsm7` (default): every screen folded to GSM 03.38; `ucs2`: sent as written */
  charset?: UssdCharset;
  /** the whole body's maximum, prefix included (default 182) */
  maxChars?: number;
}

export interface UssdScreen {
  body: string;
  /** true only when no layout fitted and text had to be cut (a test failure; logged at run time) */
  truncated: boolean;
  /**
   * which layout was used: `full`; `hint-on-nav` (the hint took the navigation line's place, `98`
   * kept); `short-hint` (the hint's first sentence there); `hint-dropped` (a full information
   * page shown again whole, its facts before the hint); `cut` (none fitted: a bug)
   */
  layout: "full" | "hint-on-nav" | "short-hint" | "hint-dropped" | "cut" | "view";
}

/** Messages the engine puts above a screen's own text: an error hint or the restart notice. */
export function isNoticeMessage(m: Message): boolean {
  return m.key.startsWith("common:errors.") || m.key === "common:restarted";
}

/**
 * Renders a neutral reply as one USSD screen: text, numbered options, then the navigation line.
 *
 * The screen's facts and options are never cut to make room for an error hint or the restart
 * notice. When the hint does not fit above a full screen it takes the place of the navigation
 * line (`0` and `00` keep working on every screen, as the help page says; `98` stays written
 * when there is a next page), then only its first sentence, and on a full information page the
 * screen is shown again whole without the hint. Only a screen that does not fit even alone is
 * cut, with `truncated` set: the screen walker fails on it (test/i18n/screens.test.ts).
 */
export function renderUssdScreen(reply: Reply, i18n: Translator, limitOrOptions: number | UssdRenderOptions = {}): UssdScreen {
  const options: UssdRenderOptions = typeof limitOrOptions === "number" ? { maxChars: limitOrOptions } : limitOrOptions;
  // a reply the engine turns screen by screen (an operator limit below 182): the screen it is on
  if (reply.view && reply.view.count > 1) {
    const views = ussdViews(reply, i18n, options);
    return { body: views[Math.min(reply.view.index, views.length - 1)]!, truncated: false, layout: "view" };
  }
  return oneScreen(reply, i18n, options);
}

/**
 * The screens a reply takes at the operator's limit: one when all of it fits, else its lines in order over several screens, each but the
 * last ending in "98 Más" (the engine turns them: `ChannelProfile.views`). A line longer than a
 * screen is broken between words. Nothing is cut: every word of the reply is on one of them.
 */
export function ussdViews(reply: Reply, i18n: Translator, options: UssdRenderOptions = {}): string[] {
  // one screen only when all of it fits: the layouts that shorten a hint or drop the
  // navigation line are for 182, where no second screen can be had
  const single = oneScreen(reply, i18n, options);
  if (single.layout === "full") return [single.body];
  const limit = options.maxChars ?? USSD_SCREEN_LIMIT;
  const t = screenText(reply, i18n, options);
  const moreLine = `98 ${t({ key: "common:nav.more" })}`;
  const room = limit - "CON ".length;
  const { noticeText, contentText, optionLines, navLine } = parts(reply, t);
  const width = room - moreLine.length - 1;
  const wrapped = (ls: string[]) => ls.filter((line) => line.trim() !== "").flatMap((line) => wrapWords(line, width));
  const text = wrapped(`${noticeText}\n${contentText}`.split("\n"));
  const lines = [...text, ...wrapped([...optionLines, navLine])];
  const length = (ls: string[]) => ls.join("\n").length;
  const screens: string[][] = [];
  let current: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const rest = lines.slice(i);
    if (length([...current, ...rest]) <= room) {
      current.push(...rest);
      break;
    }
    if (length([...current, lines[i]!, moreLine]) <= room) {
      current.push(lines[i]!);
      continue;
    }
    // a line of text (never an option or the navigation) that does not fit whole fills the room
    // left with its first words, the rest opens the next screen: a screen held "1/2 Pensión 65"
    // alone and the payment's sentence went whole to the next, one more 98 each time
    const left = room - length([...current, moreLine]) - (current.length ? 1 : 0);
    // (a short line, a question, stays whole: only a long sentence, broken anyway, is)
    if (i < text.length && left >= MIN_PIECE && lines[i]!.length > width / 2) {
      const [head, tail] = splitAt(lines[i]!, left);
      if (head !== "" && tail !== "") {
        screens.push([...current, head, moreLine]);
        current = [tail];
        continue;
      }
    }
    screens.push([...current, moreLine]);
    current = [lines[i]!];
  }
  screens.push(current);
  const prefix = reply.end ? "END " : "CON ";
  return screens.map((ls, k) => (k === screens.length - 1 ? prefix : "CON ") + ls.join("\n"));
}

/** the least room worth filling with the first words of a line of text */
const MIN_PIECE = 16;

/** A line's first words that fit `width`, and the rest ("" when none fit or all do). */
function splitAt(line: string, width: number): [string, string] {
  let head = "";
  const words = line.split(" ");
  let k = 0;
  for (; k < words.length; k++) {
    const next = head === "" ? words[k]! : `${head} ${words[k]}`;
    if (next.length > width) break;
    head = next;
  }
  return [head, words.slice(k).join(" ")];
}

/**
 * A line longer than `width` broken between words (a word longer than `width` alone: cut there).
 * Not domain/cut-text's piecesBetweenWords: that counts code points and cuts inside a word when
 * the last space is in the first half; a screen's limit counts UTF-16 units (an emoji is two).
 */
function wrapWords(line: string, width: number): string[] {
  const out: string[] = [];
  let rest = line;
  while (rest.length > width) {
    const [head, tail] = splitAt(rest, width);
    if (head === "") {
      out.push(rest.slice(0, width));
      rest = rest.slice(width);
    } else {
      out.push(head);
      rest = tail;
    }
  }
  if (rest !== "") out.push(rest);
  return out;
}

/** A message of the reply as the screen shows it: translated, folded to GSM-7 unless ucs2. */
function screenText(reply: Reply, i18n: Translator, options: UssdRenderOptions): (m: Message) => string {
  const gsm7 = (options.charset ?? "gsm7") === "gsm7";
  return (m) => {
    const text = i18n.t(reply.lang, m.key, m.params);
    return gsm7 ? foldToGsm7(text) : text;
  };
}

function parts(reply: Reply, t: (m: Message) => string) {
  const notices = reply.messages.filter(isNoticeMessage);
  const content = reply.messages.filter((m) => !isNoticeMessage(m));
  const nav = [
    reply.nav.more ? `98 ${t({ key: "common:nav.more" })}` : null,
    reply.nav.back ? `0 ${t({ key: "common:nav.back" })}` : null,
    reply.nav.home ? `00 ${t({ key: "common:nav.home" })}` : null,
  ].filter(Boolean) as string[];
  return {
    notices,
    noticeText: notices.map(t).join("\n"),
    contentText: content.map(t).join("\n"),
    optionLines: reply.options.map((o) => `${o.id} ${t(o.label)}`),
    navLine: nav.join(" "),
  };
}

function oneScreen(reply: Reply, i18n: Translator, options: UssdRenderOptions): UssdScreen {
  const limit = options.maxChars ?? USSD_SCREEN_LIMIT;
  const charset = options.charset ?? "gsm7";
  const t = screenText(reply, i18n, options);
  const prefix = reply.end ? "END " : "CON ";
  const { notices, noticeText, contentText, optionLines, navLine } = parts(reply, t);
  const join = (...parts: string[]) => prefix + parts.filter((p) => p !== "").join("\n");

  const full = join(noticeText, contentText, ...optionLines, navLine);
  if (fits(full, limit, charset)) return { body: full, truncated: false, layout: "full" };
  if (noticeText !== "") {
    // "98 Más" must stay reachable when there is a next page: it goes on the hint's line
    const more = reply.nav.more ? `98 ${t({ key: "common:nav.more" })}` : "";
    const hintOnNav = join(contentText, ...optionLines, [noticeText.replace(/\n/g, " "), more].filter(Boolean).join(" "));
    if (fits(hintOnNav, limit, charset)) return { body: hintOnNav, truncated: false, layout: "hint-on-nav" };
    // the hint's first sentence ("Opción no válida.") is the part that says what happened
    const short = notices.map((m) => firstSentence(t(m))).join(" ");
    const shortOnNav = join(contentText, ...optionLines, [short, more].filter(Boolean).join(" "));
    if (fits(shortOnNav, limit, charset)) return { body: shortOnNav, truncated: false, layout: "short-hint" };
    // a full information page: its facts win over the hint; the screen is shown again whole
    const whole = join(contentText, ...optionLines, navLine);
    if (fits(whole, limit, charset)) return { body: whole, truncated: false, layout: "hint-dropped" };
  }
  // No layout fits (a long parameter, an untested translation): keep the options usable, cut the text.
  const tailText = [...optionLines, navLine].filter((p) => p !== "").join("\n");
  const text = [noticeText, contentText].filter((p) => p !== "").join("\n");
  const ellipsis = charset === "gsm7" ? "..." : "…";
  const room = Math.max(0, limit - prefix.length - (tailText ? tailText.length + 1 : 0) - ellipsis.length);
  const body = prefix + text.slice(0, room) + ellipsis + (tailText ? "\n" + tailText : "");
  return { body, truncated: true, layout: "cut" };
}

function firstSentence(text: string): string {
  const m = /^.*?[.!?](?=\s|$)/s.exec(text);
  return m ? m[0] : text;
}

/** Fits the operator's limit (UTF-16 code units; under gsm7 every character is one septet but the four extension ones, which our texts do not use). */
function fits(body: string, limit: number, charset: UssdCharset): boolean {
  return body.length <= limit;
}

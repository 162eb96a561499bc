// npm run ussd [-- --phone 987654321 --url http://127.0.0.1:8787 --code *123# --key <USSD_CALLBACK_KEY>]
// A terminal phone that talks to the running service exactly as a USSD gateway does: it posts
// the Africa's Talking form with every input so far joined by `*`, and shows CON/END screens.
import { createInterface } from "node:readline/promises";
import { stdin, stdout } from "node:process";

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const url = `${flag("url", `http://127.0.0.1:${process.env.PORT ?? 8787}`)}/channels/ussd`;
const phoneNumber = flag("phone", "+51987654321");
const serviceCode = flag("code", "*123#");
// the gateway key the service checks (USSD_CALLBACK_KEY), from --key or the same environment variable
const callbackKey = flag("key", process.env.USSD_CALLBACK_KEY ?? "");

async function post(sessionId: string, text: string): Promise<string> {
  const body = new URLSearchParams({ sessionId, serviceCode, phoneNumber, networkCode: "71610", text });
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...(callbackKey ? { "x-callback-key": callbackKey } : {}) }, body });
  const answer = await res.text();
  if (!res.ok) throw new Error(`gateway error ${res.status}: ${answer}`);
  return answer;
}

function show(screen: string): void {
  const width = 32;
  const lines = screen.replace(/^(CON|END) /, "").split("\n");
  console.log("┌" + "─".repeat(width) + "┐");
  for (const line of lines) {
    for (let i = 0; i < Math.max(1, line.length); i += width) console.log("│" + line.slice(i, i + width).padEnd(width) + "│");
  }
  console.log("└" + "─".repeat(width) + "┘" + `  ${screen.length} chars`);
}

async function main(): Promise<void> {
  const rl = createInterface({ input: stdin, output: stdout, terminal: stdin.isTTY });
  // an iterator rather than rl.question, so scripted (piped) input works as well as typing
  const lines = rl[Symbol.asyncIterator]();
  const ask = async (prompt: string): Promise<string | null> => {
    stdout.write(prompt);
    const next = await lines.next();
    return next.done ? null : String(next.value);
  };
  console.log(`Dialing ${serviceCode} from ${phoneNumber} → ${url}  (empty line cancels, Ctrl+C quits)`);
  for (;;) {
    const sessionId = `term-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    const inputs: string[] = [];
    let screen = await post(sessionId, "");
    for (;;) {
      show(screen);
      if (screen.startsWith("END")) break;
      const answer = await ask("> ");
      if (answer === null) return rl.close();
      if (answer === "") {
        console.log("(session cancelled, as when the operator times out)");
        break;
      }
      inputs.push(answer);
      screen = await post(sessionId, inputs.join("*"));
    }
    const again = await ask("Dial again? [Y/n] ");
    if (again === null || /^n/i.test(again)) break;
  }
  rl.close();
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  console.error("Is the service running? Start it with `npm start`.");
  process.exit(1);
});

// Node only: Debian's espeak-ng as the prompt bank's synthesizer (VOICE.md: a "testing" Quechua
// voice, no Aymara; good enough for a marked draft, never for a reviewed prompt).
import { execFile, spawnSync } from "node:child_process";
import type { Lang } from "../i18n/langs";
import type { Synthesizer } from "../voice/synthesize";

/** espeak-ng's voice per language; Aymara has none (and must not borrow Quechua's: x → [ks]) */
export const ESPEAK_VOICES: Partial<Record<Lang, string>> = { qu: "qu", es: "es-419" };

export function espeakAvailable(): boolean {
  return spawnSync("espeak-ng", ["--version"], { stdio: "ignore" }).status === 0;
}

export function espeakSynthesizer(lang: Lang): Synthesizer {
  const voice = ESPEAK_VOICES[lang];
  if (!voice) throw new Error(`espeak-ng has no voice for ${lang}`);
  return (text) =>
    new Promise((resolve, reject) => {
      // the text goes as one argument (no shell): nothing in it is interpreted
      execFile("espeak-ng", ["-v", voice, "-s", "150", "--stdout", "--", text], { encoding: "buffer", maxBuffer: 16 * 1024 * 1024, timeout: 20_000 }, (error, stdout) => {
        if (error) reject(error);
        else resolve(new Uint8Array(stdout));
      });
    });
}

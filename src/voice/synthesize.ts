import type { Lang } from "../i18n/langs";
import type { VoiceBank } from "./bank";
import { storeSegmentAudio, type ChangeDeps } from "./segment-changes";
import { audioOf } from "./segment-store";
import { prepareSegmentAudio } from "./wav";

/** text → WAV bytes (Node: Debian's espeak-ng, src/cli/voice-synth.ts) */
export type Synthesizer = (text: string) => Promise<Uint8Array>;

export interface SynthReport {
  lang: Lang;
  generated: string[];
  /** segments that have a person's recording of their current text: never replaced by a draft */
  keptRecorded: number;
  /** drafts already there for the current text */
  unchanged: number;
  failed: { segment: string; reason: string }[];
}

/**
 * Synthetic drafts (status `synthetic`, never `reviewed`) for every segment of a language that
 * has no recording of its current text. A person's recording is never overwritten.
 */
export async function synthesizeDrafts(
  deps: ChangeDeps & { bank: VoiceBank; synthesize: Synthesizer; concurrency?: number },
  lang: Lang,
  options: { only?: (segment: string) => boolean } = {},
): Promise<SynthReport> {
  const stored = await audioOf(deps.db, lang);
  const report: SynthReport = { lang, generated: [], keptRecorded: 0, unchanged: 0, failed: [] };
  const todo = deps.bank.catalog(lang).filter((s) => {
    if (options.only && !options.only(s.id)) return false;
    const row = stored.get(s.id);
    if (row?.mediaPath && row.text === s.text && (row.status === "recorded" || row.status === "reviewed")) return void report.keptRecorded++, false;
    if (row?.mediaPath && row.text === s.text && row.status === "synthetic") return void report.unchanged++, false;
    return true;
  });
  let next = 0;
  const worker = async () => {
    while (next < todo.length) {
      const segment = todo[next++];
      try {
        const audio = prepareSegmentAudio(await deps.synthesize(speakableForSynth(segment.text)));
        await storeSegmentAudio(deps, { lang, segment: segment.id, text: segment.text, status: "synthetic", audio, actor: "synth:espeak-ng", source: "espeak-ng" });
        report.generated.push(segment.id);
      } catch (error) {
        report.failed.push({ segment: segment.id, reason: error instanceof Error ? error.message : String(error) });
      }
    }
  };
  await Promise.all(Array.from({ length: deps.concurrency ?? 2 }, worker));
  deps.bank.invalidate(lang);
  return report;
}

/** what espeak-ng reads badly (VOICE.md): "/" as "slash", bullets; the stored text stays as written */
export function speakableForSynth(text: string): string {
  return text.replace(/\//g, ", ").replace(/[•·*#]/g, " ").replace(/\s+/g, " ").trim();
}

import type { Db } from "../db/client";
import type { VoiceSegmentStatus, VoiceSegmentRow } from "../db/schema";
import type { Lang } from "../i18n/langs";
import type { VoiceBank } from "./bank";
import type { SegmentDef } from "./segments";
import { audioOf } from "./segment-store";

export interface SegmentStatus {
  segment: SegmentDef;
  /** `missing` also when the audio says an older text (the locale changed since) */
  status: VoiceSegmentStatus;
  outdated: boolean;
  durationMs: number | null;
  row: VoiceSegmentRow | undefined;
}

/** every segment of a language with the state of its audio (the studio, `npm run voice:prompts`) */
export async function segmentStatuses(db: Db, bank: VoiceBank, lang: Lang): Promise<SegmentStatus[]> {
  const stored = await audioOf(db, lang);
  return bank.catalog(lang).map((segment) => {
    const row = stored.get(segment.id);
    const current = !!row?.mediaPath && row.text === segment.text;
    return { segment, status: current ? row!.status : "missing", outdated: !!row?.mediaPath && !current, durationMs: current ? row!.durationMs : null, row };
  });
}

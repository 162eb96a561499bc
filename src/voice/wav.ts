/**
 * Segment audio in the one format both voice providers play: WAV, 16-bit PCM, mono, 8 kHz
 * (telephone band; Twilio `<Play>` and Africa's Talking `<Play>` both take WAV). Pure
 * TypeScript over bytes, so the studio checks and converts the same way on Node and Workers
 * (no ffmpeg there). MP3, OGG and the browser's own recordings are decoded by the studio page
 * in the browser (Web Audio) and arrive here as WAV.
 */
export const SEGMENT_RATE = 8000;
export const MIN_SEGMENT_MS = 200;
/**
 * The sample rates a WAV may declare: telephone band to studio. Resampling to 8 kHz makes
 * 8000 / rate output samples per input sample, so a header claiming 100 Hz turned the studio's
 * 2 MB upload into 160 M samples (640 MB, a minute of the event loop) before the length check
 * (session 9 review); no microphone or converter writes below 8 kHz.
 */
export const MIN_SOURCE_RATE = SEGMENT_RATE;
export const MAX_SOURCE_RATE = 192_000;
export const MAX_SEGMENT_MS = 30_000;
/** below this the recording is silence or a microphone left off */
export const MIN_RMS_DBFS = -45;
/** speech is levelled to this loudness (RMS), peaks kept under PEAK_CEILING_DBFS */
export const TARGET_RMS_DBFS = -20;
const PEAK_CEILING_DBFS = -1;

export interface Pcm {
  sampleRate: number;
  /** mono, -1..1 */
  samples: Float32Array;
}

export class AudioError extends Error {
  constructor(readonly reason: "not_wav" | "unsupported_format" | "too_short" | "too_long" | "too_quiet" | "clipped", message: string) {
    super(message);
  }
}

const ascii = (b: Uint8Array, at: number) => String.fromCharCode(b[at], b[at + 1], b[at + 2], b[at + 3]);

/** RIFF/WAVE with PCM 8/16/24/32-bit or float 32; channels mixed to mono */
export function parseWav(bytes: Uint8Array): Pcm {
  if (bytes.length < 44 || ascii(bytes, 0) !== "RIFF" || ascii(bytes, 8) !== "WAVE") throw new AudioError("not_wav", "no es un archivo WAV");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let format = 0, channels = 0, sampleRate = 0, bits = 0;
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = ascii(bytes, offset);
    // streamed WAVs (espeak-ng --stdout) say 0x7ffffff0: the data runs to the end of the file
    const size = Math.min(view.getUint32(offset + 4, true), bytes.length - offset - 8);
    const body = offset + 8;
    if (id === "fmt ") {
      format = view.getUint16(body, true);
      channels = view.getUint16(body + 2, true);
      sampleRate = view.getUint32(body + 4, true);
      bits = view.getUint16(body + 14, true);
      if (format === 0xfffe && size >= 26) format = view.getUint16(body + 24, true); // WAVE_FORMAT_EXTENSIBLE: the sub-format
    } else if (id === "data") {
      if (!channels || !sampleRate) break;
      const pcm = format === 1 && [8, 16, 24, 32].includes(bits);
      const float = format === 3 && bits === 32;
      if (!pcm && !float) throw new AudioError("unsupported_format", "WAV en un formato que no es PCM");
      if (sampleRate < MIN_SOURCE_RATE || sampleRate > MAX_SOURCE_RATE) throw new AudioError("unsupported_format", `WAV a ${sampleRate} Hz: se aceptan de ${MIN_SOURCE_RATE} a ${MAX_SOURCE_RATE} Hz`);
      const width = bits / 8;
      const frames = Math.floor(size / (width * channels));
      const samples = new Float32Array(frames);
      for (let f = 0; f < frames; f++) {
        let sum = 0;
        for (let ch = 0; ch < channels; ch++) {
          const at = body + (f * channels + ch) * width;
          sum += float ? view.getFloat32(at, true) : bits === 8 ? (bytes[at] - 128) / 128 : bits === 16 ? view.getInt16(at, true) / 32768 : bits === 24 ? (((bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16)) << 8) >> 8) / 8388608 : view.getInt32(at, true) / 2147483648;
        }
        samples[f] = sum / channels;
      }
      return { sampleRate, samples };
    }
    offset = body + size + (size % 2);
  }
  throw new AudioError("not_wav", "el WAV no tiene datos de audio");
}

/** downsampling by averaging each output sample's span of input (a box low-pass), upsampling linearly */
export function resample(pcm: Pcm, rate: number): Pcm {
  if (pcm.sampleRate === rate) return pcm;
  const ratio = pcm.sampleRate / rate;
  const out = new Float32Array(Math.floor(pcm.samples.length / ratio));
  for (let i = 0; i < out.length; i++) {
    if (ratio > 1) {
      const from = Math.floor(i * ratio);
      const to = Math.min(pcm.samples.length, Math.max(from + 1, Math.floor((i + 1) * ratio)));
      let sum = 0;
      for (let j = from; j < to; j++) sum += pcm.samples[j];
      out[i] = sum / (to - from);
    } else {
      const x = i * ratio;
      const j = Math.floor(x);
      const next = pcm.samples[Math.min(j + 1, pcm.samples.length - 1)];
      out[i] = pcm.samples[j] + (next - pcm.samples[j]) * (x - j);
    }
  }
  return { sampleRate: rate, samples: out };
}

const db = (x: number) => (x > 0 ? 20 * Math.log10(x) : -Infinity);

export function loudness(samples: Float32Array): { rmsDbfs: number; peakDbfs: number; clippedRatio: number } {
  let sum = 0, peak = 0, clipped = 0;
  for (const s of samples) {
    sum += s * s;
    const a = Math.abs(s);
    if (a > peak) peak = a;
    if (a >= 0.999) clipped++;
  }
  return { rmsDbfs: db(Math.sqrt(sum / Math.max(1, samples.length))), peakDbfs: db(peak), clippedRatio: clipped / Math.max(1, samples.length) };
}

/** leading and trailing silence cut (20 ms windows under -45 dBFS), 100 ms kept on each side */
export function trimSilence(pcm: Pcm): Pcm {
  const win = Math.max(1, Math.round(pcm.sampleRate / 50));
  const loud = (at: number) => loudness(pcm.samples.subarray(at, at + win)).rmsDbfs > MIN_RMS_DBFS;
  let start = 0;
  while (start < pcm.samples.length && !loud(start)) start += win;
  let end = pcm.samples.length;
  while (end > start && !loud(Math.max(0, end - win))) end -= win;
  const pad = Math.round(pcm.sampleRate / 10);
  return { sampleRate: pcm.sampleRate, samples: pcm.samples.slice(Math.max(0, start - pad), Math.min(pcm.samples.length, end + pad)) };
}

export function encodeWav(pcm: Pcm): Uint8Array {
  const n = pcm.samples.length;
  const bytes = new Uint8Array(44 + n * 2);
  const view = new DataView(bytes.buffer);
  const put = (at: number, s: string) => [...s].forEach((c, i) => (bytes[at + i] = c.charCodeAt(0)));
  put(0, "RIFF");
  view.setUint32(4, 36 + n * 2, true);
  put(8, "WAVE");
  put(12, "fmt ");
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, pcm.sampleRate, true);
  view.setUint32(28, pcm.sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  put(36, "data");
  view.setUint32(40, n * 2, true);
  for (let i = 0; i < n; i++) view.setInt16(44 + i * 2, Math.round(Math.max(-1, Math.min(1, pcm.samples[i])) * 32767), true);
  return bytes;
}

export interface PreparedAudio {
  wav: Uint8Array;
  durationMs: number;
  /** loudness as received, before levelling */
  rmsDbfs: number;
  peakDbfs: number;
}

/**
 * A WAV as received (upload, browser recording, espeak-ng) → the stored segment: mono, 8 kHz,
 * 16-bit, silence trimmed, levelled to -20 dBFS RMS without clipping. Refused (AudioError, a
 * Spanish message for the studio) when silent, clipped, shorter than 0.2 s or longer than 30 s.
 */
export function prepareSegmentAudio(bytes: Uint8Array): PreparedAudio {
  const parsed = parseWav(bytes);
  const { rmsDbfs, peakDbfs, clippedRatio } = loudness(parsed.samples);
  if (!(rmsDbfs > MIN_RMS_DBFS)) throw new AudioError("too_quiet", `la grabación está en silencio o muy baja (${rmsDbfs === -Infinity ? "silencio" : `${rmsDbfs.toFixed(1)} dBFS`}; mínimo ${MIN_RMS_DBFS} dBFS): acérquese al micrófono`);
  if (clippedRatio > 0.01) throw new AudioError("clipped", `la grabación está saturada (${(clippedRatio * 100).toFixed(1)} % de muestras al máximo): grabe más lejos del micrófono o más bajo`);
  const trimmed = trimSilence(resample(parsed, SEGMENT_RATE));
  const durationMs = Math.round((trimmed.samples.length / SEGMENT_RATE) * 1000);
  if (durationMs < MIN_SEGMENT_MS) throw new AudioError("too_short", `la grabación dura ${durationMs} ms: el mínimo es ${MIN_SEGMENT_MS} ms`);
  if (durationMs > MAX_SEGMENT_MS) throw new AudioError("too_long", `la grabación dura ${(durationMs / 1000).toFixed(1)} s: el máximo de un segmento es ${MAX_SEGMENT_MS / 1000} s`);
  const level = loudness(trimmed.samples);
  const gain = Math.min(10 ** ((TARGET_RMS_DBFS - level.rmsDbfs) / 20), 10 ** ((PEAK_CEILING_DBFS - level.peakDbfs) / 20));
  const samples = trimmed.samples.map((s) => s * gain);
  return { wav: encodeWav({ sampleRate: SEGMENT_RATE, samples }), durationMs, rmsDbfs, peakDbfs };
}

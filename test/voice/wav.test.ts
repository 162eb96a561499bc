import { describe, expect, it } from "vitest";
import { AudioError, encodeWav, loudness, parseWav, prepareSegmentAudio } from "../../src/voice/wav";

/** a tone as a WAV file of any layout, built byte by byte (not with the module under test) */
function tone(o: { rate?: number; channels?: number; bits?: 16 | 24 | 8; float?: boolean; seconds?: number; amplitude?: number; silenceAround?: number } = {}): Uint8Array {
  const rate = o.rate ?? 44100, channels = o.channels ?? 1, bits = o.float ? 32 : (o.bits ?? 16), seconds = o.seconds ?? 1, amplitude = o.amplitude ?? 0.3, pad = o.silenceAround ?? 0;
  const frames = Math.round(rate * (seconds + 2 * pad));
  const width = bits / 8;
  const bytes = new Uint8Array(44 + frames * channels * width);
  const view = new DataView(bytes.buffer);
  const put = (at: number, s: string) => [...s].forEach((c, i) => (bytes[at + i] = c.charCodeAt(0)));
  put(0, "RIFF"); view.setUint32(4, bytes.length - 8, true); put(8, "WAVE"); put(12, "fmt ");
  view.setUint32(16, 16, true); view.setUint16(20, o.float ? 3 : 1, true); view.setUint16(22, channels, true); view.setUint32(24, rate, true);
  view.setUint32(28, rate * channels * width, true); view.setUint16(32, channels * width, true); view.setUint16(34, bits, true);
  put(36, "data"); view.setUint32(40, frames * channels * width, true);
  for (let f = 0; f < frames; f++) {
    const t = f / rate;
    const v = t < pad || t > pad + seconds ? 0 : Math.max(-1, Math.min(1, amplitude * Math.sin(2 * Math.PI * 440 * t)));
    for (let ch = 0; ch < channels; ch++) {
      const at = 44 + (f * channels + ch) * width;
      if (o.float) view.setFloat32(at, v, true);
      else if (bits === 8) bytes[at] = Math.round(v * 127 + 128);
      else if (bits === 16) view.setInt16(at, Math.round(v * 32767), true);
      else { const x = Math.round(v * 8388607); bytes[at] = x & 255; bytes[at + 1] = (x >> 8) & 255; bytes[at + 2] = (x >> 16) & 255; }
    }
  }
  return bytes;
}

describe("segment audio: converted to what both providers play, checked for length and loudness", () => {
  it.each([
    ["44.1 kHz stereo 16-bit", { channels: 2 }],
    ["48 kHz mono 24-bit", { rate: 48000, bits: 24 as const }],
    ["22.05 kHz float (espeak-like)", { rate: 22050, float: true }],
    ["8 kHz 8-bit", { rate: 8000, bits: 8 as const }],
  ])("%s → 8 kHz mono 16-bit PCM, levelled to about -20 dBFS", (_label, options) => {
    const out = prepareSegmentAudio(tone({ ...options, seconds: 1.5 }));
    expect(out.durationMs).toBeGreaterThan(1400);
    expect(out.durationMs).toBeLessThan(1800);
    const wav = out.wav;
    expect(String.fromCharCode(...wav.slice(0, 4))).toBe("RIFF");
    const view = new DataView(wav.buffer);
    expect([view.getUint16(20, true), view.getUint16(22, true), view.getUint32(24, true), view.getUint16(34, true)]).toEqual([1, 1, 8000, 16]);
    const level = loudness(parseWav(wav).samples);
    expect(level.rmsDbfs).toBeGreaterThan(-23);
    expect(level.peakDbfs).toBeLessThanOrEqual(-0.9);
  });

  it("trims silence before and after the speech", () => {
    expect(prepareSegmentAudio(tone({ seconds: 1, silenceAround: 2 })).durationMs).toBeLessThan(1400);
  });

  it.each([
    ["silence", tone({ amplitude: 0 }), "too_quiet"],
    ["a whisper", tone({ amplitude: 0.003 }), "too_quiet"],
    ["clipped", tone({ amplitude: 3 }), "clipped"],
    ["too short", tone({ seconds: 0.05 }), "too_short"],
    ["too long", tone({ rate: 8000, seconds: 31 }), "too_long"],
    ["not a WAV", new TextEncoder().encode("ID3 this is an mp3 header ............................................"), "not_wav"],
  ])("refuses %s", (_label, bytes, reason) => {
    let error: unknown;
    try {
      prepareSegmentAudio(bytes);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AudioError);
    expect((error as AudioError).reason).toBe(reason);
  });

  it("reads streamed WAVs whose header says 0x7ffffff0 bytes (espeak-ng --stdout)", () => {
    const bytes = encodeWav({ sampleRate: 22050, samples: new Float32Array(22050).map((_, i) => 0.2 * Math.sin(i / 5)) });
    new DataView(bytes.buffer).setUint32(40, 0x7ffffff0, true);
    expect(parseWav(bytes).samples.length).toBe(22050);
  });
});

describe("a WAV header cannot make the studio allocate without bound (session 9 review)", () => {
  // Resampling to 8 kHz writes 8000 / rate samples per sample read: a header claiming 100 Hz made
  // the studio's 2 MB upload 160 M samples (640 MB) before any length check
  it.each([
    ["100 Hz", 100],
    ["1 Hz", 1],
    ["7,999 Hz", 7999],
    ["1 MHz", 1_000_000],
  ])("a header saying %s is refused as unsupported before anything is decoded", (_label, rate) => {
    const bytes = tone({ rate: 8000, bits: 8, seconds: 0.5 });
    new DataView(bytes.buffer).setUint32(24, rate, true);
    const error = (() => {
      try {
        prepareSegmentAudio(bytes);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AudioError);
    expect((error as AudioError).reason).toBe("unsupported_format");
    expect((error as AudioError).message).toContain(`${rate} Hz`);
  });
});

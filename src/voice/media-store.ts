import type { MediaStore } from "./prompt-bank";

/**
 * Media stores that run on both runtimes: R2 (the Worker's `MEDIA` bucket binding) and memory
 * (tests, and a Worker without the binding). The Node folder store is src/voice/fs-media-store.ts.
 * Paths are relative (`voice/qu/menu.main~0.1a2b3c4d5e6f.wav`); `safeMediaPath` refuses others.
 */

/** The part of an R2 bucket binding used here, declared locally (no @cloudflare/workers-types). */
export interface R2BucketLike {
  get(key: string): Promise<{ arrayBuffer(): Promise<ArrayBuffer>; httpMetadata?: { contentType?: string } } | null>;
  put(key: string, value: ArrayBuffer | Uint8Array, options?: { httpMetadata?: { contentType?: string } }): Promise<unknown>;
  delete(key: string): Promise<void>;
}

const SAFE = /^[a-z0-9][a-z0-9_.~-]*(\/[a-z0-9][a-z0-9_.~-]*)*$/i;

/** A relative path of plain names (no `..`, no leading `/`, no backslash), else null. */
export function safeMediaPath(path: string): string | null {
  if (path.length > 300 || !SAFE.test(path) || path.split("/").some((part) => part === "." || part === ".." || part.startsWith("."))) return null;
  return path;
}

export function createR2MediaStore(bucket: R2BucketLike): MediaStore {
  return {
    async put(path, bytes, contentType) {
      await bucket.put(checked(path), bytes, { httpMetadata: { contentType } });
    },
    async get(path) {
      const object = await bucket.get(checked(path));
      if (!object) return null;
      return { bytes: new Uint8Array(await object.arrayBuffer()), contentType: object.httpMetadata?.contentType ?? contentTypeOf(path) };
    },
    async delete(path) {
      await bucket.delete(checked(path));
    },
  };
}

export function createMemoryMediaStore(): MediaStore & { paths(): string[] } {
  const files = new Map<string, { bytes: Uint8Array; contentType: string }>();
  return {
    async put(path, bytes, contentType) {
      files.set(checked(path), { bytes: bytes.slice(), contentType });
    },
    async get(path) {
      return files.get(checked(path)) ?? null;
    },
    async delete(path) {
      files.delete(checked(path));
    },
    paths: () => [...files.keys()].sort(),
  };
}

export function checked(path: string): string {
  const safe = safeMediaPath(path);
  if (!safe) throw new Error("unsafe media path");
  return safe;
}

export const MEDIA_TYPES: Record<string, string> = { wav: "audio/wav", mp3: "audio/mpeg", ogg: "audio/ogg" };

export function contentTypeOf(path: string): string {
  return MEDIA_TYPES[path.slice(path.lastIndexOf(".") + 1).toLowerCase()] ?? "application/octet-stream";
}

/**
 * Where a segment's audio is stored: content-addressed (the first 12 hex digits of the audio's
 * SHA-256 in the name), so a new recording has a new URL and the year-long cache never serves
 * an old one. `voice/qu/common.main.title~0.1a2b3c4d5e6f.wav`, served at `/media/<path>`.
 */
export async function segmentMediaPath(lang: string, segment: string, bytes: Uint8Array, ext = "wav"): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>));
  const hex = [...digest.slice(0, 6)].map((b) => b.toString(16).padStart(2, "0")).join("");
  return checked(`voice/${lang}/${segment}.${hex}.${ext}`);
}

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorker, type LocalWorker } from "./harness";

// The prompt bank's audio on workerd: the R2 bucket bound as MEDIA (wrangler.toml), served at /media.
let worker: LocalWorker;
beforeAll(async () => {
  worker = await startWorker();
}, 60_000);
afterAll(async () => {
  await worker?.dispose();
});

describe("voice audio from R2 on Cloudflare Workers", () => {
  it("serves an object of the MEDIA bucket with a year-long immutable cache, 404 for the rest", async () => {
    const bucket = (await worker.mf.getR2Bucket("MEDIA")) as unknown as { put(key: string, value: Uint8Array, options: unknown): Promise<unknown> };
    const path = "voice/qu/common.main.title~0.0123456789ab.wav";
    const bytes = new Uint8Array([82, 73, 70, 70, 1, 2, 3, 4]);
    await bucket.put(path, bytes, { httpMetadata: { contentType: "audio/wav" } });
    const res = await worker.fetch(`/media/${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("audio/wav");
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
    const missing = await worker.fetch("/media/voice/qu/nothing.000000000000.wav");
    expect(missing.status).toBe(404);
    await missing.arrayBuffer();
  });
});

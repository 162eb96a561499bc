// Node only: the media store as a folder under the data directory (`<dir of DATABASE_PATH>/media`).
// Not reachable from src/worker.ts (the Worker uses the R2 bucket, src/voice/media-store.ts).
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { MediaStore } from "./prompt-bank";
import { checked, contentTypeOf } from "./media-store";

export function mediaDirFor(databasePath: string): string {
  return join(databasePath === ":memory:" ? "./data" : dirname(databasePath), "media");
}

export function createFsMediaStore(root: string): MediaStore {
  const full = (path: string) => join(root, checked(path));
  return {
    async put(path, bytes) {
      const target = full(path);
      await mkdir(dirname(target), { recursive: true });
      // write then rename: a reader never sees half a file
      const temp = `${target}.${process.pid}.tmp`;
      await writeFile(temp, bytes);
      await rename(temp, target);
    },
    async get(path) {
      try {
        return { bytes: new Uint8Array(await readFile(full(path))), contentType: contentTypeOf(path) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
    async delete(path) {
      await rm(full(path), { force: true });
    },
  };
}

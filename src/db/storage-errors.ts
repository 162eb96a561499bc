/**
 * Errors that mean "the database cannot be written (or read) right now" rather than a bug: a full
 * disk, an I/O error, a write lock held elsewhere, a read-only or vanished file. Channels answer
 * these in their own words (try again / Línea 101) instead of a bare 500. better-sqlite3 sets
 * `code`; D1 puts the SQLite result name in the message.
 */
const STORAGE_CODES = /^SQLITE_(FULL|IOERR|BUSY|LOCKED|READONLY|CANTOPEN|CORRUPT|NOTADB|NOMEM|PROTOCOL)/;
const STORAGE_MESSAGES = /SQLITE_(FULL|IOERR|BUSY|LOCKED|READONLY|CANTOPEN|CORRUPT|NOTADB|NOMEM)|database or disk is full|disk I\/O error|database is locked|D1_ERROR: (Network|Internal|storage)|D1 DB storage operation exceeded/i;

export function isStorageFailure(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = String((e as { code?: unknown }).code ?? "");
    if (STORAGE_CODES.test(code)) return true;
    if (STORAGE_MESSAGES.test(String((e as { message?: unknown }).message ?? ""))) return true;
  }
  return false;
}

/** A write lock held by another connection or process (SQLITE_BUSY/LOCKED): worth waiting for. */
export function isBusy(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = String((e as { code?: unknown }).code ?? "");
    if (/^SQLITE_(BUSY|LOCKED)/.test(code) || /database is locked|SQLITE_BUSY/i.test(String((e as { message?: unknown }).message ?? ""))) return true;
  }
  return false;
}

/**
 * Runs `write` again while another process holds the write lock, waiting asynchronously between
 * tries (10 ms doubling, up to 200 ms) for at most `maxMs` in all. With a short `busy_timeout`
 * (src/db/node.ts: 100 ms) this is what keeps a lock held elsewhere from blocking the event loop:
 * each try blocks ~100 ms at most, and other requests run in between.
 */
export async function retryBusy<T>(write: () => T | Promise<T>, maxMs = BUSY_RETRY_MS): Promise<T> {
  const start = Date.now();
  for (let wait = 10; ; wait = Math.min(200, wait * 2)) {
    try {
      return await write();
    } catch (error) {
      if (!isBusy(error) || Date.now() - start + wait > maxMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/** how long a write waits in all for a lock held elsewhere before the person is told to try again */
export const BUSY_RETRY_MS = 5_000;

/**
 * Runs tasks one at a time per key, in arrival order. A task holding several keys waits for
 * every earlier task on any of them. Registration is synchronous, so the order is total and no
 * two tasks can wait for each other.
 *
 * Why: an identity check reads the throttle rows, decides, then writes, in separate awaited
 * statements. Attempts at one DNI (or from one client) that arrive together would otherwise all
 * read before any of them writes its failure, and all be evaluated, so the lock after 5 failures
 * would not hold. Serializing per key within the process makes read-decide-write atomic for each
 * DNI and client. Across processes (several Workers isolates on D1), see RELIABILITY.md.
 */
export function createKeyedQueue() {
  const tails = new Map<string, Promise<void>>();
  return async function runExclusive<T>(keys: string[], task: () => Promise<T>): Promise<T> {
    const unique = [...new Set(keys)];
    const earlier = unique.map((key) => tails.get(key)).filter((p): p is Promise<void> => p !== undefined);
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));
    for (const key of unique) tails.set(key, done);
    try {
      await Promise.all(earlier);
      return await task();
    } finally {
      release();
      // forget keys nobody queued behind, so the map stays as small as the traffic in flight
      for (const key of unique) if (tails.get(key) === done) tails.delete(key);
    }
  };
}

/**
 * Serialises async work per key inside this process.
 *
 * Why: FerretDB 1.x applies an update as read → filter in Go → write by _id, so two concurrent
 * conditional updates of one document can both "match" (see msg_update.go). Only the owning node
 * writes its records (DESIGN.md section 2), so serialising writes per document here, plus the
 * version compare-and-set in every update, gives exactly-one-winner semantics on FerretDB; on
 * MongoDB the compare-and-set alone already does.
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** @returns the result of `work`, run after every earlier `run` with the same key. */
  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const current = previous.then(work, work);
    const tail = current.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      return await current;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}

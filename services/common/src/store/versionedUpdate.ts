import type { Model, Types } from 'mongoose';
import { ERRORS } from '../errors';

/** What a write decides after reading the current record: nothing to do, or fields to set. */
export type WriteDecision<T> = { kind: 'noop' } | { kind: 'set'; set: Partial<T> };

interface Versioned {
  _id: Types.ObjectId;
  version: number;
  updatedAt: Date;
}

const MAX_ATTEMPTS = 3;

/** Serialises work per key: a KeyedLock inside one process, a DocumentLease across processes. */
export interface DocumentLock {
  run<R>(key: string, work: () => Promise<R>): Promise<R>;
}

/**
 * Read-decide-write of one document as a compare-and-set on `version`, serialised per document
 * by `lock` (see KeyedLock and DocumentLease for why). `decide` is pure domain logic and may throw a
 * contract error (CONFLICT, BAD_USER_INPUT …), in which case nothing is written.
 * @returns the record as stored after the write (or unchanged, for a noop).
 * @throws NOT_FOUND when the document does not exist.
 */
export async function updateVersioned<T extends Versioned>(
  model: Model<T>,
  lock: DocumentLock,
  id: Types.ObjectId,
  what: string,
  decide: (current: T) => WriteDecision<T>,
): Promise<T> {
  return lock.run(`${model.collection.collectionName}:${id.toHexString()}`, async () => {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = (await model.findById(id).lean().exec()) as T | null;
      if (!current) throw ERRORS.NOT_FOUND.err(`No ${what} with this id`);
      const decision = decide(current);
      if (decision.kind === 'noop') return current;
      const now = new Date();
      const next = { ...decision.set, updatedAt: now, version: current.version + 1 };
      const res = await model.updateOne({ _id: id, version: current.version } as never, { $set: next }).exec();
      if (res.matchedCount === 1) return { ...current, ...next };
      // Another process (on a shared MongoDB) changed it between read and write: decide again.
    }
    throw ERRORS.CONFLICT.err(`The ${what} is being changed by someone else; try again`);
  });
}

import { randomUUID } from 'node:crypto';
import type { Connection, Model } from 'mongoose';
import { Schema } from 'mongoose';
import { KeyedLock } from './keyedLock';

/**
 * A per-document mutex shared by every process of one service (its API and its workers).
 *
 * Why: FerretDB 1.x applies a conditional update as read → filter → write by _id, so a version
 * compare-and-set is atomic only against writers in the same process. Inserting a document whose
 * _id is the lock key is atomic on FerretDB and MongoDB alike (the _id is unique), so it serves
 * as the cross-process lock; the in-process KeyedLock keeps one process from spinning on itself.
 * A holder that dies leaves a lease that others take over once it is older than `ttlMs`.
 */
interface LeaseRecord {
  _id: string;
  owner: string;
  expiresAt: Date;
}

const LeaseSchema = new Schema<LeaseRecord>(
  { _id: String, owner: String, expiresAt: Date },
  { versionKey: false, collection: 'leases' },
);

export interface DocumentLeaseOptions {
  /** How long a lease is honoured when its holder never gives it back. */
  ttlMs?: number;
  /** Give up after this long (the caller reports a retryable error). */
  waitMs?: number;
}

export class DocumentLease {
  private readonly local = new KeyedLock();
  private readonly ttlMs: number;
  private readonly waitMs: number;

  private constructor(
    private readonly leases: Model<LeaseRecord>,
    options: DocumentLeaseOptions,
  ) {
    this.ttlMs = options.ttlMs ?? 15_000;
    this.waitMs = options.waitMs ?? 10_000;
  }

  static async open(conn: Connection, options: DocumentLeaseOptions = {}): Promise<DocumentLease> {
    const model = conn.models.Lease ?? conn.model<LeaseRecord>('Lease', LeaseSchema);
    await model.createCollection().catch((e: { codeName?: string }) => {
      if (e.codeName !== 'NamespaceExists') throw e;
    });
    return new DocumentLease(model as Model<LeaseRecord>, options);
  }

  /** @returns the result of `work`, run while no other process or caller holds `key`. */
  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    return this.local.run(key, async () => {
      const owner = await this.acquire(key);
      try {
        return await work();
      } finally {
        await this.leases
          .deleteOne({ _id: key, owner })
          .exec()
          .catch(() => undefined);
      }
    });
  }

  private async acquire(key: string): Promise<string> {
    const owner = randomUUID();
    const giveUpAt = Date.now() + this.waitMs;
    for (let delay = 2; ; delay = Math.min(delay * 2, 100)) {
      try {
        await this.leases.create({ _id: key, owner, expiresAt: new Date(Date.now() + this.ttlMs) });
        return owner;
      } catch (e) {
        if ((e as { code?: number }).code !== 11000) throw e;
      }
      // Held: take over a lease whose holder died, else wait and try again.
      await this.leases.deleteOne({ _id: key, expiresAt: { $lt: new Date() } }).exec();
      if (Date.now() > giveUpAt) throw new Error(`lease ${key} is busy`);
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

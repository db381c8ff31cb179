import type { Model, Schema } from 'mongoose';

/**
 * An in-memory copy of one of the node's collections, for the searches that read every row anyway
 * (distance and ETA are computed in code: FerretDB has no geo queries). Only the owning node writes
 * its records (DESIGN.md section 2), so every write passes through this process and invalidates the
 * copy via the schema hooks below; `maxAgeMs` bounds staleness should anything else write to the
 * database (an import script, a second replica on a shared MongoDB).
 */
export class CollectionSnapshot<T> {
  private rowsPromise: Promise<T[]> | null = null;
  private loadedAt = 0;
  private generation = 0;
  private refreshing = false;

  constructor(
    private readonly model: Model<T>,
    private readonly maxAgeMs: number,
  ) {
    snapshots.set(model, this as CollectionSnapshot<unknown>);
  }

  /**
   * @returns every row (lean); loads once per change, concurrent callers share one load. A copy
   * older than `maxAgeMs` (with no write since) is still served while a reload runs beside it,
   * so no request waits for the periodic refresh.
   */
  async rows(): Promise<T[]> {
    if (this.rowsPromise && Date.now() - this.loadedAt <= this.maxAgeMs) return this.rowsPromise;
    if (this.rowsPromise && !this.refreshing) {
      const current = this.rowsPromise;
      this.refreshing = true;
      this.loadedAt = Date.now();
      const generation = this.generation;
      this.model
        .find()
        .lean<T[]>()
        .exec()
        .then(
          (rows) => {
            if (generation === this.generation && this.rowsPromise === current) {
              this.rowsPromise = Promise.resolve(rows);
            }
          },
          () => undefined,
        )
        .finally(() => {
          this.refreshing = false;
        });
      return current;
    }
    if (this.rowsPromise) return this.rowsPromise;
    const generation = this.generation;
    this.loadedAt = Date.now();
    const loading = this.model.find().lean<T[]>().exec();
    this.rowsPromise = loading;
    loading.catch(() => {
      if (this.rowsPromise === loading) this.rowsPromise = null;
    });
    const rows = await loading;
    // A write during the load may be missing from it: let the next caller load again.
    if (generation !== this.generation && this.rowsPromise === loading) this.rowsPromise = null;
    return rows;
  }

  /** @returns seconds since the copy in use was loaded; null while none is (never read, or just written). */
  ageSeconds(): number | null {
    return this.rowsPromise ? (Date.now() - this.loadedAt) / 1000 : null;
  }

  invalidate(): void {
    this.generation += 1;
    this.rowsPromise = null;
  }
}

const snapshots = new WeakMap<object, CollectionSnapshot<unknown>>();

const QUERY_WRITES = [
  'updateOne',
  'updateMany',
  'deleteOne',
  'deleteMany',
  'findOneAndUpdate',
  'findOneAndDelete',
  'replaceOne',
] as const;

/** Installs the hooks that invalidate a model's snapshot after any write through Mongoose. */
export function invalidateSnapshotsOnWrite(schema: Schema): void {
  const invalidate = (model: unknown) => snapshots.get(model as object)?.invalidate();
  schema.post('save', function (this: { constructor: unknown }) {
    invalidate(this.constructor);
  });
  schema.post('insertMany', function (this: unknown) {
    invalidate(this);
  });
  for (const op of QUERY_WRITES) {
    schema.post(op, function (this: { model: unknown }) {
      invalidate(this.model);
    });
  }
}

import { invalidateSnapshotsOnWrite } from './collectionSnapshot';
import { type Connection, type Model, Schema, type Types } from 'mongoose';
import { schemaOptions, versionedFields } from './fragments';
import type { VersionedRecord } from './fragments';

export type StockMode = 'PHYSICAL' | 'AGREEMENT';

export interface StockReservationRecord {
  requestId: string;
  quantity: number;
  at: Date;
}

/**
 * One (depot, item, mode) line. Kept as its own document, not an array inside the depot, so a
 * reservation is a single-document update (FerretDB has no transactions or arrayFilters).
 * `available` is stored (quantity − reserved) so the reservation precondition is a plain filter.
 */
export interface StockLineRecord extends VersionedRecord {
  _id: Types.ObjectId;
  depotId: Types.ObjectId;
  item: string;
  mode: StockMode;
  quantity: number;
  reserved: number;
  available: number;
  supplier?: string | null;
  reservations: StockReservationRecord[];
  /** Request ids that have released their hold (bounded): makes release idempotent. */
  released: string[];
}

const StockLineSchema = new Schema<StockLineRecord>(
  {
    depotId: { type: Schema.Types.ObjectId, required: true },
    item: { type: String, required: true },
    mode: { type: String, enum: ['PHYSICAL', 'AGREEMENT'], required: true },
    quantity: { type: Number, required: true },
    reserved: { type: Number, required: true, default: 0 },
    available: { type: Number, required: true },
    supplier: String,
    reservations: {
      type: [
        new Schema<StockReservationRecord>(
          {
            requestId: { type: String, required: true },
            quantity: { type: Number, required: true },
            at: { type: Date, required: true },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
    released: { type: [String], default: [] },
    ...versionedFields,
  },
  schemaOptions,
);
StockLineSchema.index({ depotId: 1, item: 1, mode: 1 }, { unique: true });
StockLineSchema.index({ item: 1 });
invalidateSnapshotsOnWrite(StockLineSchema);

export type StockLineModel = Model<StockLineRecord>;

export function stockLineModel(conn: Connection): StockLineModel {
  return conn.model<StockLineRecord>('StockLine', StockLineSchema, 'stock_lines');
}

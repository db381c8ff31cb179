import { invalidateSnapshotsOnWrite } from './collectionSnapshot';
import { type Connection, type Model, Schema, type Types } from 'mongoose';
import { ContactSchema, PointSchema, schemaOptions, versionedFields } from './fragments';
import type { ContactRecord, PointRecord, VersionedRecord } from './fragments';

export interface DepotRecord extends VersionedRecord {
  _id: Types.ObjectId;
  name: string;
  address?: string | null;
  location: PointRecord;
  contact: ContactRecord;
}

const DepotSchema = new Schema<DepotRecord>(
  {
    name: { type: String, required: true },
    address: String,
    location: { type: PointSchema, required: true },
    contact: { type: ContactSchema, required: true },
    ...versionedFields,
  },
  schemaOptions,
);
DepotSchema.index({ name: 1 });
invalidateSnapshotsOnWrite(DepotSchema);

export type DepotModel = Model<DepotRecord>;

export function depotModel(conn: Connection): DepotModel {
  return conn.model<DepotRecord>('Depot', DepotSchema, 'depots');
}

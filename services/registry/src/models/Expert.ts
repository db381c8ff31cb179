import { type Connection, type Model, Schema, type Types } from 'mongoose';
import { ContactSchema, schemaOptions, versionedFields } from './fragments';
import type { ContactRecord, VersionedRecord } from './fragments';

export interface ExpertRecord extends VersionedRecord {
  _id: Types.ObjectId;
  name: string;
  title?: string | null;
  organization?: string | null;
  specialties: string[];
  contact: ContactRecord;
  available: boolean;
}

const ExpertSchema = new Schema<ExpertRecord>(
  {
    name: { type: String, required: true },
    title: String,
    organization: String,
    specialties: { type: [String], default: [] },
    contact: { type: ContactSchema, required: true },
    available: { type: Boolean, required: true },
    ...versionedFields,
  },
  schemaOptions,
);
ExpertSchema.index({ name: 1 });

export type ExpertModel = Model<ExpertRecord>;

export function expertModel(conn: Connection): ExpertModel {
  return conn.model<ExpertRecord>('Expert', ExpertSchema, 'experts');
}

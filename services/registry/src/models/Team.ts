import { invalidateSnapshotsOnWrite } from './collectionSnapshot';
import { type Connection, type Model, Schema, type Types } from 'mongoose';
import { ContactSchema, EquipmentSchema, holdableFields, PointSchema, schemaOptions } from './fragments';
import type { ContactRecord, EquipmentRecord, HoldableRecord, PointRecord } from './fragments';

export type TeamKind = 'SPECIALIST' | 'TOWNSHIP_COMPREHENSIVE' | 'ENTERPRISE';

export interface TeamRecord extends HoldableRecord {
  _id: Types.ObjectId;
  name: string;
  /** Team type code from the catalogue. */
  type: string;
  kind: TeamKind;
  tier: number;
  headcount: number;
  equipment: EquipmentRecord[];
  base: PointRecord;
  readinessMinutes: number;
  contact: ContactRecord;
}

const TeamSchema = new Schema<TeamRecord>(
  {
    name: { type: String, required: true },
    type: { type: String, required: true },
    kind: { type: String, enum: ['SPECIALIST', 'TOWNSHIP_COMPREHENSIVE', 'ENTERPRISE'], required: true },
    tier: { type: Number, required: true },
    headcount: { type: Number, required: true },
    equipment: { type: [EquipmentSchema], default: [] },
    base: { type: PointSchema, required: true },
    readinessMinutes: { type: Number, required: true },
    contact: { type: ContactSchema, required: true },
    ...holdableFields,
  },
  schemaOptions,
);
TeamSchema.index({ type: 1, status: 1 });
TeamSchema.index({ status: 1 });
TeamSchema.index({ updatedAt: -1 });
invalidateSnapshotsOnWrite(TeamSchema);

export type TeamModel = Model<TeamRecord>;

export function teamModel(conn: Connection): TeamModel {
  return conn.model<TeamRecord>('Team', TeamSchema, 'teams');
}

import { invalidateSnapshotsOnWrite } from './collectionSnapshot';
import { type Connection, type Model, Schema, type Types } from 'mongoose';
import { ContactSchema, EquipmentSchema, holdableFields, PointSchema, schemaOptions } from './fragments';
import type { ContactRecord, EquipmentRecord, HoldableRecord, PointRecord } from './fragments';

export type CapabilityGrade = 'GRADE_1' | 'GRADE_2' | 'GRADE_3' | 'UNGRADED';
export type VerificationStatus = 'PENDING' | 'VERIFIED' | 'REJECTED' | 'SUSPENDED';
export type OperatingRange = 'LOCAL' | 'CITY' | 'PROVINCE' | 'NEIGHBOURING_PROVINCES';

export interface CapabilityRecord {
  capability: string;
  grade: CapabilityGrade;
  assessedAt?: Date | null;
  validUntil?: Date | null;
}

/** Who registered the force: a social group edits only its own registration. */
export interface OwnerRecord {
  sub: string;
  org?: string | null;
}

export interface SocialForceRecord extends HoldableRecord {
  _id: Types.ObjectId;
  name: string;
  creditCode: string;
  capabilities: CapabilityRecord[];
  members: number;
  equipment: EquipmentRecord[];
  base: PointRecord;
  range: OperatingRange;
  assemblyMinutes: number;
  contact: ContactRecord;
  verification: VerificationStatus;
  reviewNote?: string | null;
  reviewedAt?: Date | null;
  reviewedBy?: string | null;
  owner: OwnerRecord;
}

const CapabilitySchema = new Schema<CapabilityRecord>(
  {
    capability: { type: String, required: true },
    grade: { type: String, enum: ['GRADE_1', 'GRADE_2', 'GRADE_3', 'UNGRADED'], required: true },
    assessedAt: Date,
    validUntil: Date,
  },
  { _id: false },
);

const SocialForceSchema = new Schema<SocialForceRecord>(
  {
    name: { type: String, required: true },
    creditCode: { type: String, required: true },
    capabilities: { type: [CapabilitySchema], default: [] },
    members: { type: Number, required: true },
    equipment: { type: [EquipmentSchema], default: [] },
    base: { type: PointSchema, required: true },
    range: { type: String, enum: ['LOCAL', 'CITY', 'PROVINCE', 'NEIGHBOURING_PROVINCES'], required: true },
    assemblyMinutes: { type: Number, required: true },
    contact: { type: ContactSchema, required: true },
    verification: { type: String, enum: ['PENDING', 'VERIFIED', 'REJECTED', 'SUSPENDED'], required: true },
    reviewNote: String,
    reviewedAt: Date,
    reviewedBy: String,
    owner: {
      type: new Schema<OwnerRecord>({ sub: { type: String, required: true }, org: String }, { _id: false }),
      required: true,
    },
    ...holdableFields,
  },
  schemaOptions,
);
SocialForceSchema.index({ creditCode: 1 }, { unique: true });
SocialForceSchema.index({ verification: 1 });
SocialForceSchema.index({ 'capabilities.capability': 1 });
invalidateSnapshotsOnWrite(SocialForceSchema);

export type SocialForceModel = Model<SocialForceRecord>;

export function socialForceModel(conn: Connection): SocialForceModel {
  return conn.model<SocialForceRecord>('SocialForce', SocialForceSchema, 'social_forces');
}

import { type Connection, type Model, Schema, type Types } from 'mongoose';
import { schemaOptions, versionedFields } from './fragments';
import type { VersionedRecord } from './fragments';

export type DutyPosture = 'ON_POST' | 'STANDBY' | 'REST';

export interface DutyShiftRecord extends VersionedRecord {
  _id: Types.ObjectId;
  startsAt: Date;
  endsAt: Date;
  posture: DutyPosture;
  recallMinutes: number;
  leader: string;
  officer: string;
  phone: string;
  note?: string | null;
}

const DutyShiftSchema = new Schema<DutyShiftRecord>(
  {
    startsAt: { type: Date, required: true },
    endsAt: { type: Date, required: true },
    posture: { type: String, enum: ['ON_POST', 'STANDBY', 'REST'], required: true },
    recallMinutes: { type: Number, required: true },
    leader: { type: String, required: true },
    officer: { type: String, required: true },
    phone: { type: String, required: true },
    note: String,
    ...versionedFields,
  },
  schemaOptions,
);
DutyShiftSchema.index({ startsAt: 1 });
DutyShiftSchema.index({ endsAt: 1 });

export type DutyShiftModel = Model<DutyShiftRecord>;

export function dutyShiftModel(conn: Connection): DutyShiftModel {
  return conn.model<DutyShiftRecord>('DutyShift', DutyShiftSchema, 'duty_shifts');
}

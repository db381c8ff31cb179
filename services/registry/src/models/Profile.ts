import { type Connection, type Model, Schema } from 'mongoose';
import { schemaOptions } from './fragments';

export type DutyRegime = 'NORMAL' | 'THREE_THIRDS';

/** The node's own settings; one document whose _id is the jurisdiction code. */
export interface ProfileRecord {
  _id: string;
  dutyRegime: DutyRegime;
  updatedAt: Date;
  updatedBy: string;
}

const ProfileSchema = new Schema<ProfileRecord>(
  {
    _id: { type: String, required: true },
    dutyRegime: { type: String, enum: ['NORMAL', 'THREE_THIRDS'], required: true },
    updatedAt: { type: Date, required: true },
    updatedBy: { type: String, required: true },
  },
  schemaOptions,
);

export type ProfileModel = Model<ProfileRecord>;

export function profileModel(conn: Connection): ProfileModel {
  return conn.model<ProfileRecord>('Profile', ProfileSchema, 'profile');
}

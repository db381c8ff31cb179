import { type Connection, type Model, Schema } from 'mongoose';
import { DocumentLease } from '../../../common/src/store/documentLease';
import { connectServiceDatabase, ensureCollections } from '../../../common/src/store/serviceDatabase';
import type { ActionRecord, MeetingRecord } from '../domain/records';

/**
 * The conference database: meetings (agenda and resolutions inside), action items, and the
 * cross-process lease that serialises writes of the API and the reminder worker.
 * Schemas are untyped on purpose: Mongoose's typings cannot express arrays of Mixed.
 */
const MeetingSchema = new Schema(
  {
    title: { type: String, required: true },
    scheduledAt: { type: Date, required: true },
    location: { type: String, required: true },
    host: { type: String, required: true },
    chair: { type: String, default: null },
    members: { type: [String], default: [] },
    attendees: { type: [Schema.Types.Mixed], default: [] },
    status: { type: String, required: true },
    agenda: { type: [Schema.Types.Mixed], default: [] },
    resolutions: { type: [Schema.Types.Mixed], default: [] },
    minutes: { type: String, default: null },
    concludedAt: { type: Date, default: null },
    cancelReason: { type: String, default: null },
    createdBy: { type: String, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    version: { type: Number, required: true },
  },
  { versionKey: false, minimize: false },
);
MeetingSchema.index({ members: 1, scheduledAt: -1 });
MeetingSchema.index({ scheduledAt: -1 });

const ActionSchema = new Schema(
  {
    meetingId: { type: Schema.Types.ObjectId, required: true },
    host: { type: String, required: true },
    resolutionId: { type: String, default: null },
    title: { type: String, required: true },
    owner: { type: String, required: true },
    dueDate: { type: Date, required: true },
    status: { type: String, required: true },
    progress: { type: [Schema.Types.Mixed], default: [] },
    completedAt: { type: Date, default: null },
    relatedRequestId: { type: String, default: null },
    remindersSent: { type: [String], default: [] },
    createdBy: { type: String, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    version: { type: Number, required: true },
  },
  { versionKey: false, minimize: false },
);
ActionSchema.index({ meetingId: 1 });
ActionSchema.index({ owner: 1, status: 1 });
ActionSchema.index({ status: 1, dueDate: 1 });

export interface ConferenceStore {
  conn: Connection;
  meetings: Model<MeetingRecord>;
  actions: Model<ActionRecord>;
  lease: DocumentLease;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export const DEFAULT_DATABASE = 'aidnet_conference';

export async function openConferenceStore(
  mongoUrl: string,
  dbName: string = DEFAULT_DATABASE,
): Promise<ConferenceStore> {
  const db = await connectServiceDatabase(mongoUrl, dbName);
  const meetings = db.conn.model<MeetingRecord>(
    'JointMeeting',
    MeetingSchema as unknown as Schema<MeetingRecord>,
    'meetings',
  );
  const actions = db.conn.model<ActionRecord>('ActionItem', ActionSchema as unknown as Schema<ActionRecord>, 'actions');
  await ensureCollections([meetings, actions]);
  return { ...db, meetings, actions, lease: await DocumentLease.open(db.conn) };
}

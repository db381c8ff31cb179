import { type Connection, type Model, Schema } from 'mongoose';
import type { RequestRecord } from '../domain/records';

/**
 * The requests collection. Nested parts are stored as plain documents (Mixed): the domain layer
 * validates them, and every write replaces them whole with `$set` under the document lease.
 */
// Untyped on purpose: Mongoose's typings cannot express arrays of Mixed against RequestRecord.
const RequestSchema = new Schema(
  {
    requester: { type: String, required: true },
    requestedBy: { type: String, required: true },
    requestedBySub: { type: String, required: true },
    number: { type: String, required: true },
    idempotencyKey: { type: String, required: true },
    inputHash: { type: String, required: true },
    incident: { type: Schema.Types.Mixed, required: true },
    needs: { type: [Schema.Types.Mixed], default: [] },
    targets: { type: [String], default: [] },
    status: { type: String, required: true },
    respondBy: { type: Date, required: true },
    windowMs: { type: Number, required: true },
    acknowledgements: { type: [Schema.Types.Mixed], default: [] },
    responses: { type: [Schema.Types.Mixed], default: [] },
    offers: { type: [Schema.Types.Mixed], default: [] },
    assignments: { type: [Schema.Types.Mixed], default: [] },
    escalations: { type: [Schema.Types.Mixed], default: [] },
    timeline: { type: [Schema.Types.Mixed], default: [] },
    outbox: { type: [Schema.Types.Mixed], default: [] },
    timer: { type: Schema.Types.Mixed, default: null },
    owesNodes: { type: Boolean, default: false },
    timerDueAt: { type: Date, default: null },
    note: { type: String, default: null },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    version: { type: Number, required: true },
  },
  { versionKey: false, minimize: false },
);
// One request per requester and idempotency key; numbers are unique.
RequestSchema.index({ requester: 1, idempotencyKey: 1 }, { unique: true });
RequestSchema.index({ number: 1 }, { unique: true });
RequestSchema.index({ requester: 1, createdAt: -1 });
RequestSchema.index({ targets: 1, createdAt: -1 });
RequestSchema.index({ status: 1 });
RequestSchema.index({ owesNodes: 1 });
RequestSchema.index({ timerDueAt: 1 });

export type RequestModel = Model<RequestRecord>;

export function requestModel(conn: Connection): RequestModel {
  return conn.model<RequestRecord>(
    'ReinforcementRequest',
    RequestSchema as unknown as Schema<RequestRecord>,
    'requests',
  );
}

/** Per requester and year: the last request number handed out. */
export interface CounterRecord {
  _id: string;
  seq: number;
}

const CounterSchema = new Schema<CounterRecord>(
  { _id: String, seq: { type: Number, required: true } },
  { versionKey: false },
);

export type CounterModel = Model<CounterRecord>;

export function counterModel(conn: Connection): CounterModel {
  return conn.model<CounterRecord>('Counter', CounterSchema, 'counters');
}

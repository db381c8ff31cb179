import { Schema } from 'mongoose';

/** Schema pieces shared by several registry collections. */

export type ResourceStatus = 'AVAILABLE' | 'STANDBY' | 'RESERVED' | 'DEPLOYED' | 'OUT_OF_SERVICE';
export const RESOURCE_STATUSES: readonly ResourceStatus[] = [
  'AVAILABLE',
  'STANDBY',
  'RESERVED',
  'DEPLOYED',
  'OUT_OF_SERVICE',
];

export interface PointRecord {
  lat: number;
  lng: number;
}

export interface ContactRecord {
  name: string;
  role?: string | null;
  phone?: string | null;
}

export interface EquipmentRecord {
  name: string;
  quantity: number;
}

export interface ReservationRecord {
  requestId: string;
  exercise: boolean;
  at: Date;
}

/** Fields every versioned record carries: optimistic concurrency and audit. */
export interface VersionedRecord {
  version: number;
  createdAt: Date;
  updatedAt: Date;
  createdBy: string;
}

/** Fields of a resource that the reservation protocol holds (teams, social forces). */
export interface HoldableRecord extends VersionedRecord {
  status: ResourceStatus;
  reservation: ReservationRecord | null;
  /** Request ids that have released this resource (bounded): makes release idempotent. */
  released: string[];
  /** The drill hold a real request took over most recently (`at` = when it was taken). */
  preempted?: ReservationRecord | null;
}

export const PointSchema = new Schema<PointRecord>(
  { lat: { type: Number, required: true }, lng: { type: Number, required: true } },
  { _id: false },
);

export const ContactSchema = new Schema<ContactRecord>(
  { name: { type: String, required: true }, role: String, phone: String },
  { _id: false },
);

export const EquipmentSchema = new Schema<EquipmentRecord>(
  { name: { type: String, required: true }, quantity: { type: Number, required: true } },
  { _id: false },
);

const ReservationSchema = new Schema<ReservationRecord>(
  {
    requestId: { type: String, required: true },
    exercise: { type: Boolean, required: true },
    at: { type: Date, required: true },
  },
  { _id: false },
);

export const versionedFields = {
  version: { type: Number, required: true, default: 1 },
  createdAt: { type: Date, required: true },
  updatedAt: { type: Date, required: true },
  createdBy: { type: String, required: true },
};

export const holdableFields = {
  ...versionedFields,
  status: { type: String, enum: RESOURCE_STATUSES, required: true },
  reservation: { type: ReservationSchema, default: null },
  released: { type: [String], default: () => [] },
  preempted: { type: ReservationSchema, default: null },
};

/** Options for every registry schema: our own `version` field, indexes created explicitly at start. */
export const schemaOptions = { versionKey: false, autoIndex: false, autoCreate: false, strict: 'throw' } as const;

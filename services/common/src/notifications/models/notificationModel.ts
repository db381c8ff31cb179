import { type Connection, type Model, Schema, type Types } from 'mongoose';

/** The in-app notification list, kept in the calling service's own database. */

export type WebhookState = 'NONE' | 'PENDING' | 'DELIVERED' | 'FAILED';

export interface WebhookDeliveryRecord {
  /** The jurisdiction's webhook when the notification was written; null when it has none. */
  url: string | null;
  state: WebhookState;
  attempts: number;
  lastError: string | null;
  deliveredAt: Date | null;
}

export interface NotificationRecord {
  _id: Types.ObjectId;
  jurisdiction: string;
  kind: string;
  title: string;
  body: string;
  subjectType: string | null;
  subjectId: string | null;
  exercise: boolean;
  dedupeKey: string;
  createdAt: Date;
  readAt: Date | null;
  readBy: string | null;
  webhook: WebhookDeliveryRecord;
}

const WebhookDeliverySchema = new Schema<WebhookDeliveryRecord>(
  {
    url: { type: String, default: null },
    state: { type: String, enum: ['NONE', 'PENDING', 'DELIVERED', 'FAILED'], required: true },
    attempts: { type: Number, required: true, default: 0 },
    lastError: { type: String, default: null },
    deliveredAt: { type: Date, default: null },
  },
  { _id: false },
);

const NotificationSchema = new Schema<NotificationRecord>(
  {
    jurisdiction: { type: String, required: true },
    kind: { type: String, required: true },
    title: { type: String, required: true },
    // Not `required`: Mongoose would reject an empty body.
    body: { type: String, default: '' },
    subjectType: { type: String, default: null },
    subjectId: { type: String, default: null },
    exercise: { type: Boolean, required: true, default: false },
    // Always set (a random key when the caller gives none): FerretDB ignores `sparse`.
    dedupeKey: { type: String, required: true },
    createdAt: { type: Date, required: true },
    readAt: { type: Date, default: null },
    readBy: { type: String, default: null },
    webhook: { type: WebhookDeliverySchema, required: true },
  },
  { versionKey: false, minimize: false },
);
// One notification per recipient and dedupe key: a repeated notify is a noop.
NotificationSchema.index({ jurisdiction: 1, dedupeKey: 1 }, { unique: true });
NotificationSchema.index({ jurisdiction: 1, createdAt: -1 });
NotificationSchema.index({ jurisdiction: 1, subjectId: 1, createdAt: -1 });
// The sweep looks for deliveries still owed.
NotificationSchema.index({ 'webhook.state': 1, createdAt: 1 });

export type NotificationModel = Model<NotificationRecord>;

/**
 * @returns the model on `conn`, with its collection and indexes created explicitly (autoIndex is
 * off: FerretDB rejects some index options, and start-up should fail loudly).
 */
export async function openNotificationModel(conn: Connection): Promise<NotificationModel> {
  const model =
    (conn.models.Notification as NotificationModel | undefined) ??
    conn.model<NotificationRecord>('Notification', NotificationSchema, 'notifications');
  await model.createCollection().catch((e: { codeName?: string }) => {
    if (e.codeName !== 'NamespaceExists') throw e;
  });
  await model.createIndexes();
  return model;
}

import { objectIdOf } from '../../store/objectIds';
import type { NotificationModel, NotificationRecord } from './notificationModel';

/**
 * Every read and write of the notification collection: the notification center and the webhook
 * delivery call these with the model they were given (ARCHITECTURE.md §2). Ids are 24-hex strings.
 */

/** Inserts one recipient's notification. @throws the driver's duplicate-key error for a repeated key. */
export async function insertNotification(
  model: NotificationModel,
  fields: Omit<NotificationRecord, '_id'>,
): Promise<NotificationRecord> {
  const doc = await model.create(fields);
  return doc.toObject();
}

/** @returns the recipient's notification under `dedupeKey`, or null. */
export function findNotificationByKey(
  model: NotificationModel,
  jurisdiction: string,
  dedupeKey: string,
): Promise<NotificationRecord | null> {
  return model.findOne({ jurisdiction, dedupeKey }).lean<NotificationRecord>().exec();
}

/** @returns the jurisdiction's newest `first` notifications (unread only, of one subject: optional). */
export function listNotifications(
  model: NotificationModel,
  jurisdiction: string,
  options: { first: number; unreadOnly?: boolean; subjectId?: string | null },
): Promise<NotificationRecord[]> {
  const filter: Record<string, unknown> = { jurisdiction };
  if (options.unreadOnly) filter.readAt = null;
  if (options.subjectId !== undefined) filter.subjectId = options.subjectId;
  return model.find(filter).sort({ createdAt: -1, _id: -1 }).limit(options.first).lean<NotificationRecord[]>().exec();
}

export function findNotification(model: NotificationModel, id: string): Promise<NotificationRecord | null> {
  return model.findById(id).lean<NotificationRecord>().exec();
}

/** Marks an unread notification read. @returns it afterwards, or null when it was read already or is gone. */
export function markNotificationRead(
  model: NotificationModel,
  id: string,
  by: string,
): Promise<NotificationRecord | null> {
  return model
    .findOneAndUpdate(
      { _id: id, readAt: null },
      { $set: { readAt: new Date(), readBy: by } },
      { returnDocument: 'after' },
    )
    .lean<NotificationRecord>()
    .exec();
}

/** @returns up to `limit` ids of notifications whose webhook delivery is owed, after `after`, in id order. */
export async function pendingDeliveryIds(
  model: NotificationModel,
  after: string | null,
  limit: number,
): Promise<string[]> {
  const filter: Record<string, unknown> = {
    'webhook.state': 'PENDING',
    ...(after ? { _id: { $gt: objectIdOf(after) } } : {}),
  };
  const rows = await model
    .find(filter, { _id: 1 })
    .sort({ _id: 1 })
    .limit(limit)
    .lean<{ _id: { toHexString(): string } }[]>()
    .exec();
  return rows.map((r) => r._id.toHexString());
}

/** Records a delivery attempt's outcome on a notification still PENDING (a later state is kept). */
export async function recordDeliveryAttempt(
  model: NotificationModel,
  id: NotificationRecord['_id'],
  outcome:
    { delivered: true; attempts: number } | { delivered: false; attempts: number; error: string; final: boolean },
): Promise<void> {
  const set = outcome.delivered
    ? {
        'webhook.state': 'DELIVERED',
        'webhook.attempts': outcome.attempts,
        'webhook.lastError': null,
        'webhook.deliveredAt': new Date(),
      }
    : {
        'webhook.attempts': outcome.attempts,
        'webhook.lastError': outcome.error,
        ...(outcome.final ? { 'webhook.state': 'FAILED' } : {}),
      };
  await model.updateOne({ _id: id, 'webhook.state': 'PENDING' }, { $set: set }).exec();
}

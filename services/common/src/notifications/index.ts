/** Reusable notifications: an in-app list in the service's own database, plus webhook delivery. */
export {
  DEFAULT_PAGE_SIZE,
  EXERCISE_MARK,
  MAX_PAGE_SIZE,
  NotificationCenter,
  withExerciseMark,
  type ListNotificationsOptions,
  type NotificationCenterOptions,
  type NotificationInput,
} from './notificationCenter';
export type { NotificationRecord, WebhookDeliveryRecord, WebhookState } from './models/notificationModel';
export { NOTIFICATION_ID_HEADER, type WebhookPayload } from './webhookDelivery';

import { randomUUID } from 'node:crypto';
import type mongoose from 'mongoose';
import { badInput, ERRORS, type FieldProblem } from '../errors';
import type { Logger } from '../logger';
import type { NetworkDirectory } from '../network';
import {
  openNotificationModel,
  type NotificationModel,
  type NotificationRecord,
  type WebhookDeliveryRecord,
} from './models/notificationModel';
import {
  findNotification,
  findNotificationByKey,
  insertNotification,
  listNotifications,
  markNotificationRead,
} from './models/notificationRecords';
import { WebhookDelivery } from './webhookDelivery';
import type { CountedQueue } from '../metrics/queueDepths';

/** Drills (演练) are marked at the start of every notification's title and body (DESIGN.md 4.2). */
export const EXERCISE_MARK = '【演练】';

/** @returns `text` with the drill mark in front, once, when `exercise`. */
export function withExerciseMark(text: string, exercise: boolean): string {
  return exercise && !text.startsWith(EXERCISE_MARK) ? `${EXERCISE_MARK}${text}` : text;
}

export interface NotificationInput {
  /** Recipients (jurisdiction codes); an unknown code rejects the whole call. */
  jurisdictions: readonly string[];
  /** e.g. 'REQUEST_RECEIVED', 'REQUEST_ESCALATED'. */
  kind: string;
  title: string;
  body: string;
  subject?: { type: string; id: string };
  exercise?: boolean;
  /** Per recipient: notifying the same key again for the same jurisdiction is a noop. */
  dedupeKey?: string;
}

export interface ListNotificationsOptions {
  unreadOnly?: boolean;
  /** Default 50, at most 200. */
  first?: number;
  subjectId?: string;
}

export interface NotificationCenterOptions {
  /** The calling service's own database; the caller opens and closes it. */
  conn: mongoose.Connection;
  directory: NetworkDirectory;
  redisUrl: string;
  /** BullMQ key prefix; default 'aidnet'. */
  queuePrefix?: string;
  /** e.g. 'mutual-aid-webhooks'. */
  queueName: string;
  logger: Logger;
  /** Per POST; default 5000. */
  webhookTimeoutMs?: number;
  /** Default 10. */
  maxAttempts?: number;
  /** First retry delay, doubling, capped at 60 s; default 500. */
  backoffBaseMs?: number;
  /** How often PENDING deliveries are queued again (after a Redis outage); default 5000. */
  sweepIntervalMs?: number;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;
const BACKOFF_MAX_MS = 60_000;
const OBJECT_ID = /^[0-9a-f]{24}$/i;
const DUPLICATE_KEY = 11000;

/**
 * In-app notifications of a service (one record per recipient jurisdiction), with webhook
 * delivery to jurisdictions that configured one. Used by the mutual-aid and conference services.
 */
export class NotificationCenter {
  private constructor(
    private readonly model: NotificationModel,
    private readonly directory: NetworkDirectory,
    private readonly delivery: WebhookDelivery,
    private readonly logger: Logger,
  ) {}

  /** Creates the collection and its indexes, and the (lazy) queue. No worker runs until startDelivery. */
  static async open(options: NotificationCenterOptions): Promise<NotificationCenter> {
    const model = await openNotificationModel(options.conn);
    const logger = options.logger.child({ component: 'notifications' });
    const delivery = new WebhookDelivery({
      model,
      redisUrl: options.redisUrl,
      prefix: options.queuePrefix ?? 'aidnet',
      queueName: options.queueName,
      logger,
      timeoutMs: options.webhookTimeoutMs ?? 5000,
      maxAttempts: Math.max(1, options.maxAttempts ?? 10),
      backoffBaseMs: options.backoffBaseMs ?? 500,
      backoffMaxMs: BACKOFF_MAX_MS,
      sweepIntervalMs: options.sweepIntervalMs ?? 5000,
    });
    return new NotificationCenter(model, options.directory, delivery, logger);
  }

  /**
   * Writes one record per recipient (webhook state PENDING where the directory has a webhook),
   * then tries to queue the deliveries. Redis being down never fails or delays this: the sweep
   * queues them later. @returns the records, in recipient order (existing ones for a repeated key).
   * @throws BAD_USER_INPUT (nothing written) for an unknown jurisdiction or malformed input.
   */
  async notify(input: NotificationInput): Promise<NotificationRecord[]> {
    const recipients = validateInput(input, this.directory);
    if (recipients.length === 0) return [];
    const exercise = input.exercise === true;
    const dedupeKey = input.dedupeKey ?? `auto-${randomUUID()}`;
    const createdAt = new Date();
    const base = {
      kind: input.kind,
      title: withExerciseMark(input.title, exercise),
      body: withExerciseMark(input.body, exercise),
      subjectType: input.subject?.type ?? null,
      subjectId: input.subject?.id ?? null,
      exercise,
      dedupeKey,
      createdAt,
      readAt: null,
      readBy: null,
    };
    const results = await Promise.all(
      recipients.map(async (jurisdiction) => {
        const url = this.directory.get(jurisdiction)?.webhook ?? null;
        const webhook: WebhookDeliveryRecord = {
          url,
          state: url ? 'PENDING' : 'NONE',
          attempts: 0,
          lastError: null,
          deliveredAt: null,
        };
        try {
          return { record: await insertNotification(this.model, { ...base, jurisdiction, webhook }), created: true };
        } catch (e) {
          if ((e as { code?: number }).code !== DUPLICATE_KEY) throw e;
          // Notified already under this key (perhaps concurrently): that record stands.
          const existing = await findNotificationByKey(this.model, jurisdiction, dedupeKey);
          if (!existing) throw e;
          return { record: existing, created: false };
        }
      }),
    );
    const owed = results
      .filter((r) => r.created && r.record.webhook.state === 'PENDING')
      .map((r) => r.record._id.toHexString());
    await this.delivery.enqueue(owed);
    this.logger.debug(
      { kind: input.kind, dedupeKey, created: results.filter((r) => r.created).length, recipients: recipients.length },
      'notified',
    );
    return results.map((r) => r.record);
  }

  /** @returns the jurisdiction's notifications, newest first. */
  async list(jurisdiction: string, options: ListNotificationsOptions = {}): Promise<NotificationRecord[]> {
    if (!this.directory.has(jurisdiction)) {
      throw badInput(`unknown jurisdiction ${String(jurisdiction).slice(0, 80)}`, [
        { path: 'jurisdiction', message: 'unknown' },
      ]);
    }
    const first = options.first ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
      throw badInput(`first must be between 1 and ${MAX_PAGE_SIZE}`, [{ path: 'first', message: 'out of range' }]);
    }
    return listNotifications(this.model, jurisdiction, { ...options, first });
  }

  /** @returns the notification, or null for an unknown or malformed id. */
  async get(id: string): Promise<NotificationRecord | null> {
    if (typeof id !== 'string' || !OBJECT_ID.test(id)) return null;
    return findNotification(this.model, id);
  }

  /**
   * Marks the notification read by `by`; the first reader is kept (idempotent).
   * @throws NOT_FOUND for an unknown or malformed id.
   */
  async markRead(id: string, by: string): Promise<NotificationRecord> {
    if (typeof id !== 'string' || !OBJECT_ID.test(id)) throw ERRORS.NOT_FOUND.err('No notification with this id');
    const updated = await markNotificationRead(this.model, id, by);
    if (updated) return updated;
    const existing = await findNotification(this.model, id);
    if (!existing) throw ERRORS.NOT_FOUND.err('No notification with this id');
    return existing;
  }

  /** Starts, in this process, the worker that POSTs to webhooks and the sweep of PENDING deliveries. */
  /** The webhook delivery queue, for its depth metrics. */
  get deliveryQueue(): CountedQueue {
    return this.delivery;
  }

  async startDelivery(): Promise<void> {
    this.delivery.start();
  }

  /** Queues every PENDING delivery now (the timer of startDelivery does this periodically). @returns how many. */
  sweepDeliveries(): Promise<number> {
    return this.delivery.sweep();
  }

  /** Closes the queue, the worker and the timers; the mongoose connection stays open (the caller owns it). */
  async close(): Promise<void> {
    await this.delivery.close();
  }
}

/** @returns the recipients, each once, in order. @throws BAD_USER_INPUT listing every problem. */
function validateInput(input: NotificationInput, directory: NetworkDirectory): string[] {
  const problems: FieldProblem[] = [];
  const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
  if (!Array.isArray(input.jurisdictions)) {
    problems.push({ path: 'jurisdictions', message: 'must be a list of jurisdiction codes' });
  }
  const codes: unknown[] = Array.isArray(input.jurisdictions) ? input.jurisdictions : [];
  const unknown: string[] = [];
  codes.forEach((code, i) => {
    if (typeof code !== 'string' || !directory.has(code)) {
      unknown.push(String(code).slice(0, 80));
      problems.push({ path: `jurisdictions[${i}]`, message: 'unknown jurisdiction' });
    }
  });
  if (!nonEmpty(input.kind)) problems.push({ path: 'kind', message: 'required' });
  if (!nonEmpty(input.title)) problems.push({ path: 'title', message: 'required' });
  if (typeof input.body !== 'string') problems.push({ path: 'body', message: 'must be text' });
  if (input.subject !== undefined && (!nonEmpty(input.subject?.type) || !nonEmpty(input.subject?.id))) {
    problems.push({ path: 'subject', message: 'needs a type and an id' });
  }
  if (input.dedupeKey !== undefined && !nonEmpty(input.dedupeKey)) {
    problems.push({ path: 'dedupeKey', message: 'must not be empty' });
  }
  if (problems.length > 0) {
    const message =
      unknown.length > 0
        ? `unknown jurisdiction ${unknown.join(', ')}`
        : `invalid notification: ${problems.map((p) => p.path).join(', ')}`;
    throw badInput(message, problems);
  }
  return [...new Set(codes as string[])];
}

import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import IORedis from 'ioredis';
import { isObjectId } from '../store/objectIds';
import type { Logger } from '../logger';
import type { NotificationModel, NotificationRecord } from './models/notificationModel';
import { findNotification, pendingDeliveryIds, recordDeliveryAttempt } from './models/notificationRecords';
import type { CountedQueue } from '../metrics/queueDepths';

/**
 * Webhook delivery of notifications through BullMQ: one job per notification (its id derived from
 * the record, so queueing twice is a noop), retried with capped exponential backoff.
 *
 * The database is the source of truth: a record is written PENDING before anything is queued,
 * and the processor writes DELIVERED or FAILED before the job leaves Redis. When Redis is down
 * (or lost its data) the sweep queues every PENDING record again once it answers.
 * Delivery is at least once (a POST that succeeded but could not be recorded is repeated):
 * receivers dedupe on the x-aidnet-notification-id header.
 */

/** The JSON body POSTed to a webhook. */
export interface WebhookPayload {
  id: string;
  jurisdiction: string;
  kind: string;
  title: string;
  body: string;
  subject: { type: string; id: string } | null;
  exercise: boolean;
  createdAt: string;
}

export const NOTIFICATION_ID_HEADER = 'x-aidnet-notification-id';

export interface WebhookDeliveryOptions {
  model: NotificationModel;
  redisUrl: string;
  prefix: string;
  queueName: string;
  logger: Logger;
  timeoutMs: number;
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  sweepIntervalMs: number;
  /** How long an add may take before the caller moves on (the sweep queues it later). */
  addTimeoutMs?: number;
  concurrency?: number;
}

/** A failure that retrying cannot fix (a 4xx other than 408/429, a redirect, a bad URL). */
export class PermanentDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentDeliveryError';
  }
}

const BACKOFF_TYPE = 'aidnet-capped-exponential';
const SWEEP_BATCH = 500;
const MAX_ERROR_LENGTH = 500;

/** BullMQ job ids may not contain ':' (Redis key separator): other characters become `_<hex>_`. */
export function deliveryJobId(notificationId: string): string {
  return `notification-${notificationId.replace(/[^A-Za-z0-9.-]/g, (c) => `_${c.codePointAt(0)!.toString(16)}_`)}`;
}

/** @returns the delay before retry `attemptsMade` (1 = after the first failure): base, 2×base, … capped. */
export function backoffDelay(attemptsMade: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attemptsMade - 1));
}

export function payloadOf(r: NotificationRecord): WebhookPayload {
  return {
    id: r._id.toHexString(),
    jurisdiction: r.jurisdiction,
    kind: r.kind,
    title: r.title,
    body: r.body,
    subject: r.subjectType !== null && r.subjectId !== null ? { type: r.subjectType, id: r.subjectId } : null,
    exercise: r.exercise,
    createdAt: r.createdAt.toISOString(),
  };
}

/**
 * POSTs `payload` to `url`. Redirects are not followed: the only hosts the product may contact
 * are the configured webhook URLs.
 * @throws PermanentDeliveryError when retrying cannot help; any other error is worth a retry.
 */
export async function postWebhook(url: string, payload: WebhookPayload, timeoutMs: number): Promise<void> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new PermanentDeliveryError(`invalid webhook URL ${url.slice(0, 200)}`);
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw new PermanentDeliveryError(`unsupported webhook URL scheme ${target.protocol}`);
  }
  const signal = AbortSignal.timeout(timeoutMs);
  let res: Response;
  try {
    res = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', [NOTIFICATION_ID_HEADER]: payload.id },
      body: JSON.stringify(payload),
      redirect: 'manual',
      signal,
    });
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    throw new Error(`${(e as Error).message}${cause ? `: ${cause.code ?? cause.message ?? ''}` : ''}`);
  }
  // Drain the body so the connection is reused; its text explains a failure.
  const text = await res.text().catch(() => '');
  if (res.ok) return;
  const message = `HTTP ${res.status}${text ? ` ${text.slice(0, 200)}` : ''}`;
  if (res.status >= 300 && res.status < 400) {
    throw new PermanentDeliveryError(`${message} (redirects are not followed)`);
  }
  if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) {
    throw new PermanentDeliveryError(message);
  }
  throw new Error(message);
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export class WebhookDelivery implements CountedQueue {
  private readonly queueConnection: IORedis;
  private readonly queue: Queue<{ id: string }>;
  private worker: Worker<{ id: string }> | null = null;
  private workerConnection: IORedis | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;
  private sweeping: Promise<number> | null = null;
  private closed = false;

  constructor(private readonly options: WebhookDeliveryOptions) {
    // No offline queue: while Redis is down an add fails at once instead of waiting.
    this.queueConnection = new IORedis(options.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    this.queueConnection.on('error', () => undefined); // ioredis keeps reconnecting; adds report it
    // Not skipWaitingForReady: with it, a queue created while Redis is down stays broken after
    // Redis returns (its version check fails once and is never retried). Adds check readiness.
    this.queue = new Queue<{ id: string }>(options.queueName, {
      connection: this.queueConnection,
      prefix: options.prefix,
    });
    this.queue.on('error', () => undefined);
  }

  /**
   * Queues delivery of the given notifications. Never throws and never waits on a Redis that is
   * down: @returns false when nothing could be queued now (the records stay PENDING for the sweep).
   */
  async enqueue(notificationIds: readonly string[]): Promise<boolean> {
    if (notificationIds.length === 0 || this.closed) return notificationIds.length === 0;
    if (this.queueConnection.status !== 'ready') {
      this.options.logger.debug(
        { count: notificationIds.length },
        'Redis unavailable; webhook deliveries left for the sweep',
      );
      return false;
    }
    const opts = {
      attempts: this.options.maxAttempts,
      backoff: { type: BACKOFF_TYPE },
      removeOnComplete: true,
      removeOnFail: true,
    };
    try {
      await withTimeout(
        this.queue.addBulk(
          notificationIds.map((id) => ({ name: 'deliver', data: { id }, opts: { ...opts, jobId: deliveryJobId(id) } })),
        ),
        this.options.addTimeoutMs ?? 1000,
        'queueing webhook deliveries',
      );
      return true;
    } catch (e) {
      this.options.logger.warn(
        { err: (e as Error).message, count: notificationIds.length },
        'could not queue webhook deliveries; the sweep will retry',
      );
      return false;
    }
  }

  get name(): string {
    return this.options.queueName;
  }

  /** @returns the queue's job counts by state; null when Redis does not answer. */
  async jobCounts(): Promise<Record<string, number> | null> {
    if (this.queueConnection.status !== 'ready') return null;
    return withTimeout(this.queue.getJobCounts(), 1000, 'counting webhook jobs').catch(() => null);
  }

  /** Starts the worker and the sweep in this process. */
  start(): void {
    if (this.worker || this.closed) return;
    const { backoffBaseMs: base, backoffMaxMs: max } = this.options;
    this.workerConnection = new IORedis(this.options.redisUrl, { maxRetriesPerRequest: null }); // BullMQ requires it for blocking calls
    this.workerConnection.on('error', () => undefined);
    const worker = new Worker<{ id: string }>(this.options.queueName, (job) => this.process(job), {
      connection: this.workerConnection,
      prefix: this.options.prefix,
      concurrency: this.options.concurrency ?? 8,
      settings: { backoffStrategy: (attemptsMade: number) => backoffDelay(attemptsMade, base, max) },
    });
    worker.on('error', (e) => this.options.logger.warn({ err: e.message }, 'webhook worker error'));
    worker.on('failed', (job, e) =>
      this.options.logger.debug({ job: job?.id, err: e.message }, 'webhook attempt failed'),
    );
    this.worker = worker;
    this.sweepTimer = setInterval(() => void this.sweep(), this.options.sweepIntervalMs);
    this.sweepTimer.unref();
    void this.sweep();
  }

  /** Queues every PENDING delivery again (a noop for those already queued). @returns how many were queued. */
  sweep(): Promise<number> {
    if (this.closed) return Promise.resolve(0);
    this.sweeping ??= this.sweepAll()
      .catch((e: Error) => {
        this.options.logger.warn({ err: e.message }, 'webhook sweep failed');
        return 0;
      })
      .finally(() => {
        this.sweeping = null;
      });
    return this.sweeping;
  }

  private async sweepAll(): Promise<number> {
    let queued = 0;
    let after: string | null = null;
    while (!this.closed && this.queueConnection.status === 'ready') {
      const batch = await pendingDeliveryIds(this.options.model, after, SWEEP_BATCH);
      if (batch.length === 0) break;
      if (!(await this.enqueue(batch))) break;
      queued += batch.length;
      after = batch[batch.length - 1]!;
      if (batch.length < SWEEP_BATCH) break;
    }
    return queued;
  }

  /** One delivery attempt. The record is updated before the job completes or fails for good. */
  private async process(job: Job<{ id: string }>): Promise<string> {
    const { model, maxAttempts, timeoutMs, logger } = this.options;
    if (!isObjectId(job.data.id)) return 'skipped';
    const record = await findNotification(model, job.data.id);
    // Delivered, failed or gone already (e.g. a sweep re-queued a job that had just finished).
    if (!record || record.webhook.state !== 'PENDING' || !record.webhook.url) return 'skipped';
    const attempts = record.webhook.attempts + 1;
    try {
      await postWebhook(record.webhook.url, payloadOf(record), timeoutMs);
    } catch (e) {
      const message = (e as Error).message.slice(0, MAX_ERROR_LENGTH);
      // Counted on the record, not the job: a job lost with Redis starts again at attempt 1.
      const final = e instanceof PermanentDeliveryError || attempts >= maxAttempts;
      await recordDeliveryAttempt(model, record._id, { delivered: false, attempts, error: message, final });
      if (final) {
        logger.warn(
          { notification: job.data.id, jurisdiction: record.jurisdiction, attempts, err: message },
          'webhook delivery failed for good',
        );
        throw new UnrecoverableError(message);
      }
      throw new Error(message);
    }
    await recordDeliveryAttempt(model, record._id, { delivered: true, attempts });
    return 'delivered';
  }

  /** Stops the sweep, the worker (after its running attempts) and the queue. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    await this.sweeping;
    const grace = this.options.timeoutMs + 5000;
    if (this.worker) {
      const worker = this.worker;
      await withTimeout(worker.close(), grace, 'closing the webhook worker').catch(() =>
        worker.close(true).catch(() => undefined),
      );
    }
    await withTimeout(this.queue.close(), 2000, 'closing the webhook queue').catch(() => undefined);
    this.queueConnection.disconnect();
    this.workerConnection?.disconnect();
  }
}

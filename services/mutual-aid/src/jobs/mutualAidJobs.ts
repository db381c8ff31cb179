import { Queue, Worker, type Job } from 'bullmq';
import IORedis from 'ioredis';
import type { Logger } from '../../../common/src/logger';
import type { JobScheduler } from '../commands/deps';

/**
 * The mutual-aid BullMQ queues: `saga` drives a request's outbox until the nodes have confirmed
 * every call (retried with capped exponential backoff), `escalation` holds one delayed job per
 * request and ring (its deadline). Job ids are derived from the request, so adding a job twice
 * (a retried command, the sweeper) is a noop.
 *
 * Redis may be down: queue connections fail fast (no offline queue), and every add reports
 * false instead of throwing. What was not queued is still on the request document; the sweeper
 * queues it when Redis is back.
 */
export const SAGA_QUEUE = 'mutual-aid-saga';
export const ESCALATION_QUEUE = 'mutual-aid-escalation';

export interface JobsOptions {
  redisUrl: string;
  prefix: string;
  logger: Logger;
  sagaRetryBaseMs: number;
  sagaRetryMaxMs: number;
}

export interface Processors {
  saga(requestId: string): Promise<{ remaining: number }>;
  escalate(requestId: string, ring: number): Promise<void>;
}

/** How long a command waits for Redis before the caller carries on without it. */
const REDIS_TIMEOUT_MS = 2000;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e as Error);
      },
    );
  });
}

/** BullMQ job ids may not contain ':'; request ids do. */
function jobKey(requestId: string): string {
  return requestId.replace(/[^A-Za-z0-9_.-]/g, '_');
}

export function escalationJobId(requestId: string, ring: number): string {
  return `esc_${jobKey(requestId)}_r${ring}`;
}

export class MutualAidJobs implements JobScheduler {
  private readonly queueConnection: IORedis;
  private readonly saga: Queue;
  private readonly escalation: Queue;
  private readonly workers: Worker[] = [];
  private readonly workerConnections: IORedis[] = [];

  constructor(private readonly options: JobsOptions) {
    this.queueConnection = new IORedis(options.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
    this.queueConnection.on('error', () => undefined); // reported per add; ioredis keeps reconnecting
    // BullMQ waits for Redis before the first command; if Redis is down at start-up, adds time out
    // below and are retried by the sweeper (a late add is harmless: job ids are deterministic).
    const queueOptions = { connection: this.queueConnection, prefix: options.prefix };
    this.saga = new Queue(SAGA_QUEUE, queueOptions);
    this.escalation = new Queue(ESCALATION_QUEUE, queueOptions);
    for (const q of [this.saga, this.escalation]) q.on('error', () => undefined);
  }

  /** Waits (up to `timeoutMs`) for Redis, so that start-up does not report it down; false if it stays down. */
  async ready(timeoutMs = 3000): Promise<boolean> {
    if (this.queueConnection.status === 'ready') return true;
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.queueConnection.once('ready', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  async enqueueSaga(requestId: string, delayMs = 0): Promise<boolean> {
    return this.tryAdd(() =>
      this.saga.add(
        'drive',
        { requestId },
        { jobId: `saga_${jobKey(requestId)}`, delay: delayMs, attempts: 10_000, backoff: { type: 'capped' }, removeOnComplete: true, removeOnFail: true },
      ),
    );
  }

  async scheduleEscalation(requestId: string, ring: number, dueAt: Date): Promise<boolean> {
    return this.tryAdd(() =>
      this.escalation.add(
        'escalate',
        { requestId, ring },
        { jobId: escalationJobId(requestId, ring), delay: Math.max(0, dueAt.getTime() - Date.now()), attempts: 20, backoff: { type: 'capped' }, removeOnComplete: true, removeOnFail: 1000 },
      ),
    );
  }

  /** @returns whether Redis holds the escalation timer (waiting, delayed or running); null when Redis is down. */
  async hasEscalation(requestId: string, ring: number): Promise<boolean | null> {
    try {
      return (await withTimeout(this.escalation.getJob(escalationJobId(requestId, ring)), REDIS_TIMEOUT_MS)) !== undefined;
    } catch {
      return null;
    }
  }

  /** Starts the workers of both queues in this process. */
  startWorkers(processors: Processors, concurrency = 8): void {
    const { sagaRetryBaseMs: base, sagaRetryMaxMs: max } = this.options;
    const settings = { backoffStrategy: (attemptsMade: number) => Math.min(max, base * 2 ** Math.max(0, attemptsMade - 1)) };
    const connection = () => {
      const c = new IORedis(this.options.redisUrl, { maxRetriesPerRequest: null });
      c.on('error', () => undefined);
      this.workerConnections.push(c);
      return c;
    };
    const saga = new Worker(
      SAGA_QUEUE,
      async (job: Job<{ requestId: string }>) => {
        const { remaining } = await processors.saga(job.data.requestId);
        // Still owed: fail the attempt so BullMQ retries after the backoff.
        if (remaining > 0) throw new Error(`${remaining} node calls still pending`);
      },
      { connection: connection(), prefix: this.options.prefix, concurrency, settings },
    );
    const escalation = new Worker(
      ESCALATION_QUEUE,
      async (job: Job<{ requestId: string; ring: number }>) => processors.escalate(job.data.requestId, job.data.ring),
      { connection: connection(), prefix: this.options.prefix, concurrency, settings },
    );
    for (const w of [saga, escalation]) {
      w.on('error', (e) => this.options.logger.warn({ err: e }, 'queue worker error'));
      w.on('failed', (job, e) => this.options.logger.debug({ job: job?.id, err: e.message }, 'job attempt failed'));
      this.workers.push(w);
    }
  }

  private async tryAdd(add: () => Promise<unknown>): Promise<boolean> {
    try {
      await withTimeout(add(), REDIS_TIMEOUT_MS);
      return true;
    } catch (e) {
      this.options.logger.warn({ err: (e as Error).message }, 'Redis unavailable; the sweeper will queue this job later');
      return false;
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close().catch(() => undefined)));
    await Promise.all([this.saga.close(), this.escalation.close()].map((p) => p.catch(() => undefined)));
    this.queueConnection.disconnect();
    for (const c of this.workerConnections) c.disconnect();
  }
}

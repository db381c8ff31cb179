import { Queue, Worker, type Job, type JobsOptions } from 'bullmq';
import IORedis from 'ioredis';
import type { Logger } from '../logger';
import type { CountedQueue } from '../metrics/queueDepths';
import { currentTraceCarrier, withJobSpan, type TraceCarrier } from '../tracing/spans';

/**
 * A BullMQ queue that never holds a caller up when Redis is down: adds and lookups give up after
 * a short wait and report it (false / null) instead of throwing, because the caller's own
 * database already holds what the job is for and a sweeper queues it again later. Job ids must
 * be deterministic (see `jobIdPart`), so adding a job twice is a noop. A job carries the trace
 * context of whoever queued it (`traceContext` in its data), and runs in a span continuing it.
 */
const REDIS_TIMEOUT_MS = 2000;

export interface ResilientQueueOptions {
  name: string;
  redisUrl: string;
  prefix: string;
  logger: Logger;
}

export interface WorkerOptions {
  concurrency?: number;
  /** Delay before retry n (1-based) of a failed job. */
  retryDelayMs?: (attemptsMade: number) => number;
}

/** BullMQ job ids may not contain ':' (and ours embed global ids, which do). */
export function jobIdPart(id: string): string {
  return id.replace(/[^A-Za-z0-9_.-]/g, '_');
}

/** What a job holds besides its own data: the W3C trace context it was queued in. */
export interface TracedJobData {
  traceContext?: TraceCarrier;
}

export class ResilientQueue<D> implements CountedQueue {
  private readonly connection: IORedis;
  private readonly queue: Queue;
  private worker: Worker | null = null;
  private workerConnection: IORedis | null = null;
  private closing: Promise<void> | null = null;

  get name(): string {
    return this.options.name;
  }

  constructor(private readonly options: ResilientQueueOptions) {
    // No offline queue: while Redis is down, commands fail at once instead of piling up.
    this.connection = new IORedis(options.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    this.connection.on('error', () => undefined); // reported per call; ioredis keeps reconnecting
    this.queue = new Queue(options.name, { connection: this.connection, prefix: options.prefix });
    this.queue.on('error', () => undefined);
  }

  /** Waits (up to `timeoutMs`) for Redis; false if it stays down. */
  async ready(timeoutMs = 3000): Promise<boolean> {
    if (this.connection.status === 'ready') return true;
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.connection.once('ready', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  /** @returns true when Redis took the job (or already had one with its id). */
  async add(name: string, data: D, options: JobsOptions & { jobId: string }): Promise<boolean> {
    try {
      const traceContext = currentTraceCarrier();
      const traced: D | (D & TracedJobData) = Object.keys(traceContext).length ? { ...data, traceContext } : data;
      await withTimeout(this.queue.add(name, traced, options), REDIS_TIMEOUT_MS);
      return true;
    } catch (e) {
      this.options.logger.warn(
        { err: (e as Error).message, queue: this.options.name },
        'Redis unavailable; the sweeper will queue this job later',
      );
      return false;
    }
  }

  /** @returns whether Redis holds the job (waiting, delayed or running); null when Redis is down. */
  async has(jobId: string): Promise<boolean | null> {
    try {
      return (await withTimeout(this.queue.getJob(jobId), REDIS_TIMEOUT_MS)) !== undefined;
    } catch {
      return null;
    }
  }

  /** @returns the queue's job counts by state; null when Redis does not answer. */
  async jobCounts(): Promise<Record<string, number> | null> {
    try {
      return await withTimeout(this.queue.getJobCounts(), REDIS_TIMEOUT_MS);
    } catch {
      return null;
    }
  }

  /** Liveness: true while this process's worker for the queue runs (false if none was started). */
  workerRunning(): boolean {
    return this.worker?.isRunning() ?? false;
  }

  /** Runs `process` for this queue's jobs in this process; a throw retries after `retryDelayMs`. */
  startWorker(process: (job: Job<D & TracedJobData>) => Promise<void>, options: WorkerOptions = {}): void {
    const connection = new IORedis(this.options.redisUrl, { maxRetriesPerRequest: null });
    connection.on('error', () => undefined);
    this.workerConnection = connection;
    const retry = options.retryDelayMs ?? ((n: number) => Math.min(30_000, 500 * 2 ** Math.max(0, n - 1)));
    const { name } = this.options;
    const traced = (job: Job<D & TracedJobData>) =>
      withJobSpan(name, job.data.traceContext, { 'messaging.message.id': job.id ?? '' }, () => process(job));
    this.worker = new Worker(name, traced, {
      connection,
      prefix: this.options.prefix,
      concurrency: options.concurrency ?? 8,
      settings: { backoffStrategy: (attemptsMade: number) => retry(attemptsMade) },
    });
    this.worker.on('error', (e) =>
      this.options.logger.warn({ err: e, queue: this.options.name }, 'queue worker error'),
    );
    this.worker.on('failed', (job, e) =>
      this.options.logger.debug({ job: job?.id, err: e.message }, 'job attempt failed'),
    );
  }

  /** Idempotent: a second close (a stop after a failed start, say) waits for the first. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.worker?.close().catch(() => undefined);
      await this.queue.close().catch(() => undefined);
      this.connection.disconnect();
      this.workerConnection?.disconnect();
    })();
    return this.closing;
  }
}

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
        reject(e);
      },
    );
  });
}

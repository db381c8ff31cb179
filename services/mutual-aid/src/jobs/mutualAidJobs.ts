import type { Logger } from '../../../common/src/logger';
import type { CountedQueue } from '../../../common/src/metrics/queueDepths';
import { jobIdPart, ResilientQueue } from '../../../common/src/queues/resilientQueue';
import type { JobScheduler } from '../commands/deps';

/**
 * The mutual-aid BullMQ queues: `saga` drives a request's outbox until the nodes have confirmed
 * every call (retried with capped exponential backoff), `escalation` holds one delayed job per
 * request and ring (its deadline). Job ids derive from the request, so adding a job twice (a
 * retried command, the sweeper) is a noop. What Redis does not take stays on the request
 * document; the sweeper queues it when Redis is back.
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

export function escalationJobId(requestId: string, ring: number): string {
  return `esc_${jobIdPart(requestId)}_r${ring}`;
}

export class MutualAidJobs implements JobScheduler {
  private readonly saga: ResilientQueue<{ requestId: string }>;
  private readonly escalation: ResilientQueue<{ requestId: string; ring: number }>;

  constructor(private readonly options: JobsOptions) {
    const common = { redisUrl: options.redisUrl, prefix: options.prefix, logger: options.logger };
    this.saga = new ResilientQueue({ ...common, name: SAGA_QUEUE });
    this.escalation = new ResilientQueue({ ...common, name: ESCALATION_QUEUE });
  }

  ready(timeoutMs?: number): Promise<boolean> {
    return this.saga.ready(timeoutMs);
  }

  enqueueSaga(requestId: string, delayMs = 0): Promise<boolean> {
    return this.saga.add(
      'drive',
      { requestId },
      {
        jobId: `saga_${jobIdPart(requestId)}`,
        delay: delayMs,
        attempts: 10_000,
        backoff: { type: 'capped' },
        removeOnComplete: true,
        removeOnFail: true,
      },
    );
  }

  scheduleEscalation(requestId: string, ring: number, dueAt: Date): Promise<boolean> {
    return this.escalation.add(
      'escalate',
      { requestId, ring },
      {
        jobId: escalationJobId(requestId, ring),
        delay: Math.max(0, dueAt.getTime() - Date.now()),
        attempts: 20,
        backoff: { type: 'capped' },
        removeOnComplete: true,
        removeOnFail: 1000,
      },
    );
  }

  /** @returns whether Redis holds the escalation timer; null when Redis is down. */
  hasEscalation(requestId: string, ring: number): Promise<boolean | null> {
    return this.escalation.has(escalationJobId(requestId, ring));
  }

  /** Both queues, for their depth metrics. */
  get queues(): CountedQueue[] {
    return [this.saga, this.escalation];
  }

  /** Liveness of a worker process: both queue workers run. */
  workersRunning(): boolean {
    return this.saga.workerRunning() && this.escalation.workerRunning();
  }

  /** Starts the workers of both queues in this process. */
  startWorkers(processors: Processors, concurrency = 8): void {
    const { sagaRetryBaseMs: base, sagaRetryMaxMs: max } = this.options;
    const retryDelayMs = (attemptsMade: number) => Math.min(max, base * 2 ** Math.max(0, attemptsMade - 1));
    this.saga.startWorker(
      async (job) => {
        const { remaining } = await processors.saga(job.data.requestId);
        // Still owed: fail the attempt so BullMQ retries after the backoff.
        if (remaining > 0) throw new Error(`${remaining} node calls still pending`);
      },
      { concurrency, retryDelayMs },
    );
    // Timers fall due in bursts (an incident brings many requests); they wait on the database,
    // not the CPU, so many run at once.
    this.escalation.startWorker((job) => processors.escalate(job.data.requestId, job.data.ring), {
      concurrency: concurrency * 4,
      retryDelayMs,
    });
  }

  async close(): Promise<void> {
    await Promise.all([this.saga.close(), this.escalation.close()]);
  }
}

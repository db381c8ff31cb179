import type { ServiceMetrics } from './ServiceMetrics';

/** A BullMQ queue whose jobs can be counted by state; null when Redis does not answer. */
export interface CountedQueue {
  readonly name: string;
  jobCounts(): Promise<Record<string, number> | null>;
}

/** The states worth watching: work waiting, timers armed, running, and jobs that gave up. */
export const QUEUE_STATES = ['waiting', 'delayed', 'active', 'failed'] as const;

/**
 * `aidnet_queue_jobs{queue, state}`: how many jobs each queue holds, read from Redis at scrape
 * time. While Redis is down the queue's series are absent.
 */
export function registerQueueDepths(metrics: ServiceMetrics, queues: readonly CountedQueue[]): void {
  metrics.gauge('aidnet_queue_jobs', 'Jobs in a BullMQ queue, by state', ['queue', 'state'], async (gauge) => {
    gauge.reset();
    await Promise.all(
      queues.map(async (q) => {
        const counts = await q.jobCounts();
        if (counts) for (const state of QUEUE_STATES) gauge.set({ queue: q.name, state }, counts[state] ?? 0);
      }),
    );
  });
}

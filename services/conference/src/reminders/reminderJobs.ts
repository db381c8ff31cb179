import type { Logger } from '../../../common/src/logger';
import type { CountedQueue } from '../../../common/src/metrics/queueDepths';
import { jobIdPart, ResilientQueue } from '../../../common/src/queues/resilientQueue';
import type { Reminder, ReminderScheduler } from './reminderPlan';

/** The reminder queue: one delayed BullMQ job per action and reminder key (a stable id). */
export const REMINDER_QUEUE = 'conference-reminders';

interface ReminderJob {
  actionId: string;
  key: string;
}

export function reminderJobId(actionId: string, key: string): string {
  return `rem_${jobIdPart(actionId)}_${key}`;
}

export class ReminderJobs implements ReminderScheduler {
  private readonly queue: ResilientQueue<ReminderJob>;

  constructor(options: { redisUrl: string; prefix: string; logger: Logger }) {
    this.queue = new ResilientQueue({ ...options, name: REMINDER_QUEUE });
  }

  ready(timeoutMs?: number): Promise<boolean> {
    return this.queue.ready(timeoutMs);
  }

  schedule(actionId: string, reminder: Reminder): Promise<boolean> {
    return this.queue.add(
      'remind',
      { actionId, key: reminder.key },
      {
        jobId: reminderJobId(actionId, reminder.key),
        delay: Math.max(0, reminder.at.getTime() - Date.now()),
        attempts: 20,
        backoff: { type: 'capped' },
        removeOnComplete: true,
        removeOnFail: 1000,
      },
    );
  }

  has(actionId: string, key: string): Promise<boolean | null> {
    return this.queue.has(reminderJobId(actionId, key));
  }

  /** The reminder queue, for its depth metrics. */
  get counted(): CountedQueue {
    return this.queue;
  }

  /** Liveness of a worker process: the reminder worker runs. */
  workerRunning(): boolean {
    return this.queue.workerRunning();
  }

  startWorker(run: (actionId: string, key: string) => Promise<void>): void {
    this.queue.startWorker((job) => run(job.data.actionId, job.data.key));
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}

import { LATENESS_BUCKETS, ServiceMetrics } from '../../common/src/metrics/ServiceMetrics';
import { registerQueueDepths, type CountedQueue } from '../../common/src/metrics/queueDepths';
import type { ConferenceEvents } from './commands/deps';

/**
 * The conference service's metrics, beside the process and operation metrics every service has:
 * - `aidnet_conference_reminders_sent_total{kind, late}`: reminders sent, kind `before_due`, `due`
 *   or `overdue`; `late="true"` when sent more than a minute after their time (the job ran late,
 *   or the sweeper sent one that Redis had lost);
 * - `aidnet_conference_reminder_lateness_seconds`: how long after its time each was sent;
 * - `aidnet_queue_jobs{queue, state}` for the reminder and webhook queues.
 */
export const LATE_AFTER_MS = 60_000;

export class ConferenceMetrics extends ServiceMetrics implements ConferenceEvents {
  private readonly sent = this.counter('aidnet_conference_reminders_sent_total', 'Action-item reminders sent', [
    'kind',
    'late',
  ]);
  private readonly lateness = this.histogram(
    'aidnet_conference_reminder_lateness_seconds',
    'How long after its planned time a reminder was sent',
    [],
    LATENESS_BUCKETS,
  );

  constructor(role: string, queues: readonly CountedQueue[]) {
    super(role);
    registerQueueDepths(this, queues);
  }

  reminderSent(key: string, latenessMs: number): void {
    const kind = key === 'due' ? 'due' : key.startsWith('overdue') ? 'overdue' : 'before_due';
    this.sent.inc({ kind, late: String(latenessMs > LATE_AFTER_MS) });
    this.lateness.observe(Math.max(0, latenessMs) / 1000);
  }
}

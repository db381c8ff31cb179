import type { Logger } from '../../../common/src/logger';
import type { NetworkDirectory } from '../../../common/src/network';
import type { NotificationCenter } from '../../../common/src/notifications';
import type { ConferenceStore } from '../models/store';
import type { ReminderScheduler, ReminderSettings } from '../reminders/reminderPlan';

/** What the reminders report to the process's metrics (see conferenceMetrics.ts). */
export interface ConferenceEvents {
  /** A reminder (`before`, `due`, `overdue-n`) went out, `latenessMs` after its time. */
  reminderSent(key: string, latenessMs: number): void;
}

/** What the conference commands need; built once per process (API or worker). */
export interface ConferenceDeps {
  store: ConferenceStore;
  directory: NetworkDirectory;
  notifications: NotificationCenter;
  reminders: ReminderScheduler;
  reminderSettings: ReminderSettings;
  logger: Logger;
  events: ConferenceEvents;
  /** The time: tests move it forward to make actions overdue. */
  now(): Date;
}

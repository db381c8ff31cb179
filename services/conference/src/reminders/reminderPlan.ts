import type { ActionRecord } from '../domain/records';
import { CLOSED_ACTION_STATUSES } from '../domain/records';

/**
 * When an action's reminders are due (issue 5): `beforeDueMs` ahead of the due date (3 days by
 * default), on the due date, and every `overdueEveryMs` (a week) while it stays overdue. Each
 * reminder has a stable key, so a restarted worker or a duplicate job never sends one twice.
 */
export interface ReminderSettings {
  beforeDueMs: number;
  overdueEveryMs: number;
}

export interface Reminder {
  /** `before`, `due`, or `overdue-<n>` (n ≥ 1). */
  key: string;
  at: Date;
}

/** Reminders of `action` that are due after `after` (exclusive), in time order; none once it is closed. */
export function remindersAfter(
  action: Pick<ActionRecord, 'dueDate' | 'status'>,
  settings: ReminderSettings,
  after: Date,
  limit = 1,
): Reminder[] {
  if (CLOSED_ACTION_STATUSES.includes(action.status)) return [];
  const due = action.dueDate.getTime();
  const out: Reminder[] = [];
  const candidates: Reminder[] = [
    { key: 'before', at: new Date(due - settings.beforeDueMs) },
    { key: 'due', at: new Date(due) },
  ];
  for (const c of candidates) if (c.at.getTime() > after.getTime() && out.length < limit) out.push(c);
  // Overdue reminders: the first n whose time is after `after`.
  let n = Math.max(1, Math.floor((after.getTime() - due) / settings.overdueEveryMs) + 1);
  while (out.length < limit) {
    const at = new Date(due + n * settings.overdueEveryMs);
    if (at.getTime() > after.getTime()) out.push({ key: `overdue-${n}`, at });
    n++;
  }
  return out;
}

/** @returns the reminder that `key` names, for an action due at `dueDate`. */
export function reminderAt(key: string, dueDate: Date, settings: ReminderSettings): Date | null {
  const due = dueDate.getTime();
  if (key === 'before') return new Date(due - settings.beforeDueMs);
  if (key === 'due') return dueDate;
  const m = /^overdue-(\d+)$/.exec(key);
  return m ? new Date(due + Number(m[1]) * settings.overdueEveryMs) : null;
}

/** Puts reminders on BullMQ; false when Redis cannot take them now (the sweeper retries). */
export interface ReminderScheduler {
  schedule(actionId: string, reminder: Reminder): Promise<boolean>;
}

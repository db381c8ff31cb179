import { formatChinaTime } from '../../../common/src/chinaTime';
import type { ConferenceDeps } from '../commands/deps';
import { parseConferenceId, toConferenceId } from '../domain/ids';
import { findActionById, findActions, updateAction } from '../models/conferenceRecords';
import { CLOSED_ACTION_STATUSES, type ActionRecord } from '../domain/records';
import { reminderAt, remindersAfter, type Reminder } from './reminderPlan';

/**
 * Sends reminders and keeps the next one queued. A reminder goes to the owner jurisdiction (its
 * duty officers read the in-app list, and its webhook if it has one) and to the host's
 * secretariat. The key is recorded on the action under its lease before the next one is queued,
 * and the notification carries the same key, so replays never send twice.
 */
export async function scheduleNextReminder(deps: ConferenceDeps, action: ActionRecord, after: Date): Promise<void> {
  const [next] = remindersAfter(action, deps.reminderSettings, after);
  if (next) await deps.reminders.schedule(actionIdOf(action), next);
}

export async function sendReminder(deps: ConferenceDeps, action: ActionRecord, key: string): Promise<void> {
  const at = reminderAt(key, action.dueDate, deps.reminderSettings);
  if (!at || CLOSED_ACTION_STATUSES.includes(action.status)) return;
  const id = actionIdOf(action);
  // A job that ran late after a newer reminder went out (the sweeper sends only the newest) adds
  // nothing but an out-of-order repeat.
  const superseded = action.remindersSent.some(
    (k) => (reminderAt(k, action.dueDate, deps.reminderSettings)?.getTime() ?? 0) > at.getTime(),
  );
  if (!action.remindersSent.includes(key) && !superseded) {
    const overdue = key.startsWith('overdue');
    await deps.notifications.notify({
      jurisdictions: [...new Set([action.owner, action.host])],
      kind: overdue ? 'ACTION_OVERDUE' : 'ACTION_DUE_SOON',
      title: overdue
        ? `任务已逾期：${action.title}`
        : key === 'due'
          ? `任务今日到期：${action.title}`
          : `任务即将到期：${action.title}`,
      body: `责任单位：${deps.directory.nameOf(action.owner)}；完成时限：${formatChinaTime(action.dueDate)}；当前进度 ${action.progress.at(-1)?.percent ?? 0}%。请尽快报告进展。`,
      subject: { type: 'ActionItem', id },
      dedupeKey: `reminder:${id}:${key}`,
    });
    deps.events.reminderSent(key, deps.now().getTime() - at.getTime());
    await updateAction(deps.store, action._id.toHexString(), (a) =>
      a.remindersSent.includes(key)
        ? { kind: 'noop' }
        : { kind: 'set', set: { remindersSent: [...a.remindersSent, key] } },
    );
  }
  await scheduleNextReminder(deps, action, at);
}

/** The reminder job fired. */
export async function runReminderJob(deps: ConferenceDeps, actionId: string, key: string): Promise<void> {
  const parsed = parseConferenceId(actionId, 'ActionItem');
  const action = parsed ? await findActionById(deps.store, parsed.localId) : null;
  if (action) await sendReminder(deps, action, key);
}

/**
 * For every open action: send the latest reminder that is due and was never sent (Redis was down
 * or lost it), and make sure the next one is queued.
 */
export async function sweepReminders(
  deps: ConferenceDeps,
  has: (actionId: string, key: string) => Promise<boolean | null>,
): Promise<void> {
  const now = deps.now();
  const open = await findActions(deps.store, { statuses: ['OPEN', 'IN_PROGRESS'] });
  for (const action of open) {
    const latest = latestDue(action, deps, now);
    if (latest && !action.remindersSent.includes(latest.key)) {
      await sendReminder(deps, action, latest.key);
      continue;
    }
    const [next] = remindersAfter(action, deps.reminderSettings, now);
    if (next && (await has(actionIdOf(action), next.key)) === false) {
      await deps.reminders.schedule(actionIdOf(action), next);
    }
  }
}

function latestDue(action: ActionRecord, deps: ConferenceDeps, now: Date): Reminder | null {
  const created = action.createdAt;
  let latest: Reminder | null = null;
  for (
    let after = created, r = remindersAfter(action, deps.reminderSettings, after)[0];
    r && r.at <= now;
    after = r.at, r = remindersAfter(action, deps.reminderSettings, after)[0]
  ) {
    latest = r;
  }
  return latest;
}

export function actionIdOf(action: Pick<ActionRecord, 'owner' | '_id'>): string {
  return toConferenceId(action.owner, 'ActionItem', action._id);
}

import type { Principal } from '../../../common/src/auth';
import { formatChinaTime } from '../../../common/src/chinaTime';
import { ERRORS } from '../../../common/src/errors';
import { parseInput } from '../../../common/src/inputs';
import type { WriteDecision } from '../../../common/src/store/versionedUpdate';
import { expectConferenceId, toConferenceId } from '../domain/ids';
import { ActionModel, NoteModel, ProgressModel } from '../domain/inputs';
import { authorizeOwner, authorizeSecretariat } from '../domain/policy';
import { CLOSED_ACTION_STATUSES, type ActionRecord } from '../domain/records';
import { insertAction, updateAction } from '../models/conferenceRecords';
import type { ConferenceDeps } from './deps';
import { requireMeeting } from './meetings';
import { scheduleNextReminder } from '../reminders/reminderRunner';

/**
 * Action items: assigned by the secretariat to a member jurisdiction with a due date (after the
 * meeting), reported on by their owner with a percentage, and completed. Reminders follow them.
 */
export async function assignAction(
  deps: ConferenceDeps,
  principal: Principal,
  meetingId: string,
  raw: unknown,
): Promise<ActionRecord> {
  const input = parseInput(ActionModel, raw, 'input');
  const meeting = await requireMeeting(deps, meetingId);
  authorizeSecretariat(principal, meeting.host, 'assign actions');
  if (meeting.status === 'CANCELLED' || meeting.status === 'CONCLUDED') {
    throw ERRORS.CONFLICT.err(`The meeting is ${meeting.status}; no new actions`, { reason: 'MEETING_STATUS' });
  }
  const problems = [];
  if (!meeting.members.includes(input.owner)) {
    problems.push({
      path: 'input.owner',
      message: `${input.owner} is not a member of this meeting (${meeting.members.join(', ')})`,
    });
  }
  if (input.dueDate.getTime() <= meeting.scheduledAt.getTime()) {
    problems.push({
      path: 'input.dueDate',
      message: `must be after the meeting (${formatChinaTime(meeting.scheduledAt)})`,
    });
  }
  if (input.resolutionId && !meeting.resolutions.some((r) => r.id === input.resolutionId)) {
    problems.push({ path: 'input.resolutionId', message: `no resolution ${input.resolutionId} in this meeting` });
  }
  if (problems.length) {
    throw ERRORS.BAD_USER_INPUT.err(`Invalid input — ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, {
      fields: problems,
    });
  }
  const now = deps.now();
  const action = await insertAction(deps.store, {
    meetingId: meeting._id,
    host: meeting.host,
    resolutionId: input.resolutionId ?? null,
    title: input.title,
    owner: input.owner,
    dueDate: input.dueDate,
    status: 'OPEN',
    progress: [],
    completedAt: null,
    relatedRequestId: input.relatedRequestId ?? null,
    remindersSent: [],
    createdBy: principal.sub,
    createdAt: now,
    updatedAt: now,
    version: 1,
  });
  const id = toConferenceId(action.owner, 'ActionItem', action._id);
  await deps.notifications
    .notify({
      jurisdictions: [action.owner],
      kind: 'ACTION_ASSIGNED',
      title: `联席会议交办任务：${action.title}`,
      body: `完成时限：${formatChinaTime(action.dueDate)}（${meeting.title}）`,
      subject: { type: 'ActionItem', id },
      dedupeKey: `assigned:${id}`,
    })
    .catch((e: Error) => deps.logger.error({ err: e, action: id }, 'notification failed'));
  await scheduleNextReminder(deps, action, now);
  return action;
}

export async function reportProgress(
  deps: ConferenceDeps,
  principal: Principal,
  actionId: string,
  raw: unknown,
): Promise<ActionRecord> {
  const input = parseInput(ProgressModel, raw, 'input');
  const now = deps.now();
  return changeAction(deps, actionId, (a) => {
    authorizeOwner(principal, a, 'report progress on it');
    expectOpen(a);
    return {
      status: 'IN_PROGRESS',
      progress: [...a.progress, { at: now, note: input.note, percent: input.percent, by: principal.name }],
    };
  });
}

export async function completeAction(
  deps: ConferenceDeps,
  principal: Principal,
  actionId: string,
  rawNote: unknown,
): Promise<ActionRecord> {
  const note = parseInput(NoteModel, rawNote, 'note');
  const now = deps.now();
  const action = await changeAction(deps, actionId, (a) => {
    authorizeOwner(principal, a, 'complete it');
    if (a.status === 'DONE') return null;
    expectOpen(a);
    return {
      status: 'DONE',
      completedAt: now,
      progress: [...a.progress, { at: now, note: note ?? '已完成', percent: 100, by: principal.name }],
    };
  });
  const id = toConferenceId(action.owner, 'ActionItem', action._id);
  await deps.notifications
    .notify({
      jurisdictions: [action.host],
      kind: 'ACTION_DONE',
      title: `${deps.directory.nameOf(action.owner)}已完成：${action.title}`,
      body: note ?? '已完成',
      subject: { type: 'ActionItem', id },
      dedupeKey: `done:${id}`,
    })
    .catch((e: Error) => deps.logger.error({ err: e, action: id }, 'notification failed'));
  return action;
}

async function changeAction(
  deps: ConferenceDeps,
  id: string,
  decide: (a: ActionRecord) => Partial<ActionRecord> | null,
): Promise<ActionRecord> {
  const { localId } = expectConferenceId(id, 'ActionItem');
  return updateAction(deps.store, localId, (a): WriteDecision<ActionRecord> => {
    const change = decide(a);
    return change ? { kind: 'set', set: change } : { kind: 'noop' };
  });
}

function expectOpen(a: ActionRecord): void {
  if (CLOSED_ACTION_STATUSES.includes(a.status)) {
    throw ERRORS.CONFLICT.err(`The action is ${a.status}`, { reason: 'ACTION_CLOSED', status: a.status });
  }
}

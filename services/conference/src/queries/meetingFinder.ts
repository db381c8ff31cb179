import type { Principal } from '../../../common/src/auth';
import { ERRORS } from '../../../common/src/errors';
import { parseInput } from '../../../common/src/inputs';
import type { NetworkDirectory } from '../../../common/src/network';
import { expectConferenceId } from '../domain/ids';
import { ActionFilterModel, MeetingFilterModel } from '../domain/inputs';
import { canReadMeeting } from '../domain/policy';
import {
  isOverdue,
  orderActions,
  type ActionRecord,
  type ActionStatus,
  type MeetingRecord,
  type MeetingStatus,
} from '../domain/records';
import type { ConferenceStore } from '../models/store';

/** Reads: meetings of a member, one meeting, and action items with their computed overdue flag. */
export async function findMeeting(
  store: ConferenceStore,
  directory: NetworkDirectory,
  principal: Principal,
  id: string,
): Promise<MeetingRecord | null> {
  const { objectId } = expectConferenceId(id, 'JointMeeting');
  const m = (await store.meetings.findById(objectId).lean().exec()) as MeetingRecord | null;
  if (!m) return null;
  if (!canReadMeeting(principal, m, directory))
    throw ERRORS.FORBIDDEN.err(`${principal.jurisdiction} is not a member of this meeting`);
  return m;
}

export interface MeetingFilter {
  statuses?: MeetingStatus[] | null;
  member?: string | null;
  from?: Date | null;
  to?: Date | null;
}

export async function listMeetings(
  store: ConferenceStore,
  directory: NetworkDirectory,
  principal: Principal,
  filter: MeetingFilter = {},
): Promise<MeetingRecord[]> {
  parseInput(MeetingFilterModel(directory), filter, 'filter');
  const query: Record<string, unknown> = {};
  if (filter.member) query.members = filter.member;
  if (filter.statuses?.length) query.status = { $in: filter.statuses };
  const all = (await store.meetings.find(query).lean().exec()) as MeetingRecord[];
  return all
    .filter((m) => (!filter.from || m.scheduledAt >= filter.from) && (!filter.to || m.scheduledAt <= filter.to))
    .filter((m) => canReadMeeting(principal, m, directory))
    .sort((a, b) => b.scheduledAt.getTime() - a.scheduledAt.getTime());
}

export interface ActionFilter {
  owner?: string | null;
  statuses?: ActionStatus[] | null;
  overdue?: boolean | null;
  meeting?: string | null;
  relatedRequest?: string | null;
}

/** Overdue first, then by due date; only actions of meetings the caller may read. */
export async function listActions(
  store: ConferenceStore,
  directory: NetworkDirectory,
  principal: Principal,
  filter: ActionFilter,
  now: Date,
): Promise<ActionRecord[]> {
  parseInput(ActionFilterModel(directory), filter, 'filter');
  const query: Record<string, unknown> = {};
  if (filter.owner) query.owner = filter.owner;
  if (filter.statuses?.length) query.status = { $in: filter.statuses };
  if (filter.meeting) query.meetingId = expectConferenceId(filter.meeting, 'JointMeeting').objectId;
  if (filter.relatedRequest) query.relatedRequestId = filter.relatedRequest;
  let actions = (await store.actions.find(query).lean().exec()) as ActionRecord[];
  if (filter.overdue != null) actions = actions.filter((a) => isOverdue(a, now) === filter.overdue);
  const meetingIds = [...new Set(actions.map((a) => a.meetingId.toHexString()))];
  const meetings = new Map(
    (
      (await store.meetings
        .find({ _id: { $in: meetingIds } })
        .lean()
        .exec()) as MeetingRecord[]
    ).map((m) => [m._id.toHexString(), m]),
  );
  const readable = actions.filter((a) => {
    const m = meetings.get(a.meetingId.toHexString());
    return (
      m !== undefined &&
      (canReadMeeting(principal, m, directory) || directory.isSelfOrAncestor(principal.jurisdiction, a.owner))
    );
  });
  return orderActions(readable, now);
}

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
import { findActions, findMeetingById, findMeetings, findMeetingsByIds } from '../models/conferenceRecords';
import type { ConferenceStore } from '../models/store';

/** Reads: meetings of a member, one meeting, and action items with their computed overdue flag. */
export async function findMeeting(
  store: ConferenceStore,
  directory: NetworkDirectory,
  principal: Principal,
  id: string,
): Promise<MeetingRecord | null> {
  return findReadableMeeting((localId) => findMeetingById(store, localId), directory, principal, id);
}

/** As findMeeting, reading through `load` (a request's batch loader, for entity references). */
export async function findReadableMeeting(
  load: (localId: string) => Promise<MeetingRecord | null>,
  directory: NetworkDirectory,
  principal: Principal,
  id: string,
): Promise<MeetingRecord | null> {
  const { localId } = expectConferenceId(id, 'JointMeeting');
  const m = await load(localId);
  if (!m) return null;
  if (!canReadMeeting(principal, m, directory)) {
    throw ERRORS.FORBIDDEN.err(`${principal.jurisdiction} is not a member of this meeting`);
  }
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
  const all = await findMeetings(store, filter);
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
  let actions = await findActions(store, {
    owner: filter.owner,
    statuses: filter.statuses,
    meetingId: filter.meeting ? expectConferenceId(filter.meeting, 'JointMeeting').localId : null,
    relatedRequestId: filter.relatedRequest,
  });
  if (filter.overdue != null) actions = actions.filter((a) => isOverdue(a, now) === filter.overdue);
  const meetingIds = [...new Set(actions.map((a) => a.meetingId.toHexString()))];
  const meetings = new Map((await findMeetingsByIds(store, meetingIds)).map((m) => [m._id.toHexString(), m]));
  const readable = actions.filter((a) => {
    const m = meetings.get(a.meetingId.toHexString());
    return (
      m !== undefined &&
      (canReadMeeting(principal, m, directory) || directory.isSelfOrAncestor(principal.jurisdiction, a.owner))
    );
  });
  return orderActions(readable, now);
}

import { newObjectId, objectIdOf } from '../../../common/src/store/objectIds';
import { updateVersioned, type WriteDecision } from '../../../common/src/store/versionedUpdate';
import type { ActionRecord, ActionStatus, MeetingRecord, MeetingStatus } from '../domain/records';
import type { ConferenceStore } from './store';

/**
 * Every read and write of meetings and action items: commands, queries, reminders and loaders
 * call these with the store they were given (ARCHITECTURE.md §2). Ids are the 24-hex local parts
 * the id helpers checked (domain/ids.ts).
 */

/** Inserts a new meeting under a fresh id. @returns it as stored. */
export async function insertMeeting(
  store: ConferenceStore,
  fields: Omit<MeetingRecord, '_id'>,
): Promise<MeetingRecord> {
  const record: MeetingRecord = { _id: newObjectId(), ...fields };
  await store.meetings.create(record);
  return record;
}

/** Inserts a new action item under a fresh id. @returns it as stored. */
export async function insertAction(store: ConferenceStore, fields: Omit<ActionRecord, '_id'>): Promise<ActionRecord> {
  const record: ActionRecord = { _id: newObjectId(), ...fields };
  await store.actions.create(record);
  return record;
}

export async function findMeetingById(store: ConferenceStore, localId: string): Promise<MeetingRecord | null> {
  return await store.meetings.findById(objectIdOf(localId)).lean().exec();
}

export async function findActionById(store: ConferenceStore, localId: string): Promise<ActionRecord | null> {
  return await store.actions.findById(objectIdOf(localId)).lean().exec();
}

/** @returns the meetings with these local ids, in no particular order (one query). */
export async function findMeetingsByIds(store: ConferenceStore, localIds: readonly string[]): Promise<MeetingRecord[]> {
  return await store.meetings
    .find({ _id: { $in: localIds.map(objectIdOf) } })
    .lean()
    .exec();
}

/** @returns the actions with these local ids, in no particular order (one query). */
export async function findActionsByIds(store: ConferenceStore, localIds: readonly string[]): Promise<ActionRecord[]> {
  return await store.actions
    .find({ _id: { $in: localIds.map(objectIdOf) } })
    .lean()
    .exec();
}

/** @returns every action of these meetings, in no particular order (one query). */
export async function findActionsOfMeetings(
  store: ConferenceStore,
  meetingIds: readonly string[],
): Promise<ActionRecord[]> {
  return await store.actions
    .find({ meetingId: { $in: meetingIds.map(objectIdOf) } })
    .lean()
    .exec();
}

/** @returns the meetings with `member` among their members and one of `statuses` (each optional). */
export async function findMeetings(
  store: ConferenceStore,
  filter: { member?: string | null; statuses?: readonly MeetingStatus[] | null },
): Promise<MeetingRecord[]> {
  const query: Record<string, unknown> = {};
  if (filter.member) query.members = filter.member;
  if (filter.statuses?.length) query.status = { $in: [...filter.statuses] };
  return await store.meetings.find(query).lean().exec();
}

/** @returns the actions matching every given field (each optional); `meetingId` is a local id. */
export async function findActions(
  store: ConferenceStore,
  filter: {
    owner?: string | null;
    statuses?: readonly ActionStatus[] | null;
    meetingId?: string | null;
    relatedRequestId?: string | null;
  },
): Promise<ActionRecord[]> {
  const query: Record<string, unknown> = {};
  if (filter.owner) query.owner = filter.owner;
  if (filter.statuses?.length) query.status = { $in: [...filter.statuses] };
  if (filter.meetingId) query.meetingId = objectIdOf(filter.meetingId);
  if (filter.relatedRequestId) query.relatedRequestId = filter.relatedRequestId;
  return await store.actions.find(query).lean().exec();
}

/** Read-decide-write of one meeting on its version, under the cross-process lease. */
export function updateMeeting(
  store: ConferenceStore,
  localId: string,
  decide: (m: MeetingRecord) => WriteDecision<MeetingRecord>,
): Promise<MeetingRecord> {
  return updateVersioned(store.meetings, store.lease, objectIdOf(localId), 'joint meeting', decide);
}

/** Read-decide-write of one action item on its version, under the cross-process lease. */
export function updateAction(
  store: ConferenceStore,
  localId: string,
  decide: (a: ActionRecord) => WriteDecision<ActionRecord>,
): Promise<ActionRecord> {
  return updateVersioned(store.actions, store.lease, objectIdOf(localId), 'action item', decide);
}

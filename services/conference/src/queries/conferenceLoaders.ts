import DataLoader from 'dataloader';
import type { ActionRecord, MeetingRecord } from '../domain/records';
import { findActionsByIds, findActionsOfMeetings, findMeetingsByIds } from '../models/conferenceRecords';
import type { ConferenceStore } from '../models/store';

/**
 * Per-request batch loaders, keyed by local (24-hex) ids: a list of N meetings asking for their
 * actions, or N actions asking for their meeting, costs one query per level, not one per row.
 */
export interface ConferenceLoaders {
  meeting: DataLoader<string, MeetingRecord | null>;
  action: DataLoader<string, ActionRecord | null>;
  actionsOfMeeting: DataLoader<string, ActionRecord[]>;
}

function byId<T extends { _id: { toHexString(): string } }>(find: (ids: readonly string[]) => Promise<T[]>) {
  return new DataLoader<string, T | null>(async (ids) => {
    const rows = new Map((await find(ids)).map((r) => [r._id.toHexString(), r]));
    return ids.map((id) => rows.get(id) ?? null);
  });
}

/** @returns fresh loaders for one request (their caches must not outlive it: writes change rows). */
export function createConferenceLoaders(store: ConferenceStore): ConferenceLoaders {
  return {
    meeting: byId((ids) => findMeetingsByIds(store, ids)),
    action: byId((ids) => findActionsByIds(store, ids)),
    actionsOfMeeting: new DataLoader<string, ActionRecord[]>(async (meetingIds) => {
      const rows = await findActionsOfMeetings(store, meetingIds);
      return meetingIds.map((id) => rows.filter((a) => a.meetingId.toHexString() === id));
    }),
  };
}

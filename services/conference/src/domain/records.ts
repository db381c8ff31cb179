import type { Types } from 'mongoose';

/** A joint meeting as stored: agenda and resolutions live in the meeting; actions apart. */
export type MeetingStatus = 'SCHEDULED' | 'IN_SESSION' | 'CONCLUDED' | 'CANCELLED';
export type AgendaItemStatus = 'PROPOSED' | 'ACCEPTED' | 'DEFERRED' | 'DISCUSSED';
export type ActionStatus = 'OPEN' | 'IN_PROGRESS' | 'DONE' | 'CANCELLED';

export interface AttendeeRecord {
  name: string;
  title: string | null;
  jurisdiction: string;
}

export interface AgendaItemRecord {
  id: string;
  title: string;
  summary: string | null;
  proposedBy: string;
  proposedByName: string;
  status: AgendaItemStatus;
  order: number;
  decidedAt: Date | null;
}

export interface ResolutionRecord {
  id: string;
  text: string;
  agendaItemId: string | null;
  decidedAt: Date;
}

export interface MeetingRecord {
  _id: Types.ObjectId;
  title: string;
  scheduledAt: Date;
  location: string;
  host: string;
  chair: string | null;
  members: string[];
  attendees: AttendeeRecord[];
  status: MeetingStatus;
  agenda: AgendaItemRecord[];
  resolutions: ResolutionRecord[];
  minutes: string | null;
  concludedAt: Date | null;
  cancelReason: string | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface ProgressRecord {
  at: Date;
  note: string;
  percent: number;
  by: string;
}

export interface ActionRecord {
  _id: Types.ObjectId;
  meetingId: Types.ObjectId;
  /** The meeting's host, whose secretariat is reminded too. */
  host: string;
  resolutionId: string | null;
  title: string;
  owner: string;
  dueDate: Date;
  status: ActionStatus;
  progress: ProgressRecord[];
  completedAt: Date | null;
  relatedRequestId: string | null;
  /** Keys of the reminders already sent (see reminderPlan): a replay sends nothing. */
  remindersSent: string[];
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export const CLOSED_ACTION_STATUSES: readonly ActionStatus[] = ['DONE', 'CANCELLED'];

/** Not done or cancelled, and past its due date at `now`. */
export function isOverdue(action: Pick<ActionRecord, 'status' | 'dueDate'>, now: Date): boolean {
  return !CLOSED_ACTION_STATUSES.includes(action.status) && action.dueDate.getTime() < now.getTime();
}

/** The latest reported percentage (100 once done). */
export function percentOf(action: Pick<ActionRecord, 'status' | 'progress'>): number {
  if (action.status === 'DONE') return 100;
  return action.progress.at(-1)?.percent ?? 0;
}

/** Overdue first, then open ones by due date, then done and cancelled ones. */
export function orderActions<T extends Pick<ActionRecord, 'status' | 'dueDate' | '_id'>>(
  actions: readonly T[],
  now: Date,
): T[] {
  const rank = (a: T) => (isOverdue(a, now) ? 0 : CLOSED_ACTION_STATUSES.includes(a.status) ? 2 : 1);
  return [...actions].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      a.dueDate.getTime() - b.dueDate.getTime() ||
      (a._id.toHexString() < b._id.toHexString() ? -1 : 1),
  );
}

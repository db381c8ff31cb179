import { unzipSync, strFromU8 } from 'fflate';
import type { AidNetwork } from './mutualAid';
import { tokenFor } from './tokens';

/** GraphQL documents and helpers shared by the conference tests. */
export const MEETING_FIELDS = `
  id title scheduledAt location chair status minutes reportDocxUrl
  host { code name }
  members { code name }
  attendees { name title jurisdiction { code } }
  agenda { id title summary status order proposedBy { code } proposedByName }
  resolutions { id text agendaItemId decidedAt }
  actions { id title owner { code name } dueDate status overdue percent }
`;
export const ACTION_FIELDS = `id title owner { code name } dueDate status overdue percent completedAt resolutionId progress { at note percent by } relatedRequest { id } meeting { id title }`;

export const SCHEDULE = `mutation($input: MeetingInput!) { scheduleMeeting(input: $input) { ${MEETING_FIELDS} } }`;
export const OPEN = `mutation($id: ID!) { openMeeting(id: $id) { id status } }`;
export const PROPOSE = `mutation($id: ID!, $input: AgendaItemInput!) { proposeAgendaItem(meetingId: $id, input: $input) { ${MEETING_FIELDS} } }`;
export const DECIDE = `mutation($id: ID!, $item: ID!, $d: AgendaDecision!) { decideAgendaItem(meetingId: $id, itemId: $item, decision: $d) { ${MEETING_FIELDS} } }`;
export const RESOLVE = `mutation($id: ID!, $input: ResolutionInput!) { recordResolution(meetingId: $id, input: $input) { ${MEETING_FIELDS} } }`;
export const ASSIGN = `mutation($id: ID!, $input: ActionInput!) { assignAction(meetingId: $id, input: $input) { ${ACTION_FIELDS} } }`;
export const PROGRESS = `mutation($id: ID!, $input: ProgressInput!) { reportProgress(actionId: $id, input: $input) { ${ACTION_FIELDS} } }`;
export const COMPLETE = `mutation($id: ID!, $note: String) { completeAction(actionId: $id, note: $note) { ${ACTION_FIELDS} } }`;
export const CONCLUDE = `mutation($id: ID!, $minutes: String!) { concludeMeeting(id: $id, minutes: $minutes) { ${MEETING_FIELDS} } }`;
export const MEETING = `query($id: ID!) { meeting(id: $id) { ${MEETING_FIELDS} } }`;
export const ACTIONS = `query($f: ActionItemFilter) { actionItems(filter: $f) { ${ACTION_FIELDS} } }`;
export const MY_OPEN = `query { myOpenActions { ${ACTION_FIELDS} } }`;
export const REPORT = `query($id: ID!) { meetingReport(id: $id) }`;

export const MEMBERS = ['wujin', 'jintan', 'zhonglou', 'tianning'];

/** The quarterly joint meeting, hosted by Wujin. */
export function quarterlyMeeting(scheduledAt: Date) {
  return {
    title: '2026年第四季度武进、金坛、钟楼、天宁区域应急联动联席会议',
    scheduledAt: scheduledAt.toISOString(),
    location: '武进区应急管理局三楼会议室',
    host: 'wujin',
    chair: '武进区应急管理局局长',
    members: MEMBERS,
    attendees: [
      { name: '张伟', title: '局长', jurisdiction: 'wujin' },
      { name: '李娜', title: '副局长', jurisdiction: 'jintan' },
      { name: '王强', title: '科长', jurisdiction: 'zhonglou' },
      { name: '赵敏', title: '科长', jurisdiction: 'tianning' },
    ],
  };
}

/** GET a report download through the gateway. */
export async function download(
  net: AidNetwork,
  meetingId: string,
  token: string | null = tokenFor({ jurisdiction: 'wujin', roles: ['secretariat'] }),
): Promise<Response> {
  const origin = new URL(net.gateway.url).origin;
  return fetch(`${origin}/reports/meetings/${meetingId}.docx`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
}

/** The text of word/document.xml inside a .docx. */
export function documentXml(docx: Uint8Array): string {
  const files = unzipSync(docx);
  const xml = files['word/document.xml'];
  if (!xml) throw new Error(`not a Word document: ${Object.keys(files).join(', ')}`);
  return strFromU8(xml);
}

/** Everything the conference database holds that a refused call might touch (to compare before/after). */
export async function conferenceState(net: AidNetwork) {
  const store = net.conference!.deps.store;
  const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;
  return {
    meetings: json(await store.meetings.find({}).sort({ _id: 1 }).lean().exec()),
    actions: json(await store.actions.find({}).sort({ _id: 1 }).lean().exec()),
    notifications: await store.conn.collection('notifications').countDocuments({}),
  };
}

import { unzipSync, strFromU8 } from 'fflate';
import type { MeetingInput } from './__generated__/gateway-operations';
import type { AidNetwork } from './mutualAid';
import { tokenFor } from './tokens';

/**
 * GraphQL documents (conference.graphql, typed against the gateway's API schema) and helpers
 * shared by the conference tests.
 */
export {
  AssignActionDocument as ASSIGN,
  ActionItemsDocument as ACTIONS,
  CompleteActionDocument as COMPLETE,
  ConcludeMeetingDocument as CONCLUDE,
  DecideAgendaItemDocument as DECIDE,
  MeetingDocument as MEETING,
  MeetingReportDocument as REPORT,
  MyOpenActionsDocument as MY_OPEN,
  OpenMeetingDocument as OPEN,
  ProposeAgendaItemDocument as PROPOSE,
  RecordResolutionDocument as RESOLVE,
  ReportProgressDocument as PROGRESS,
  ScheduleMeetingDocument as SCHEDULE,
} from './__generated__/gateway-operations';

export const MEMBERS = ['wujin', 'jintan', 'zhonglou', 'tianning'];

/** The quarterly joint meeting, hosted by Wujin. */
export function quarterlyMeeting(scheduledAt: Date): MeetingInput {
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

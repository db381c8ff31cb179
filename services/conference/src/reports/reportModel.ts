import { formatChineseDate, formatChineseDateTime } from './chineseDates';

/**
 * What the joint-meeting report (会议纪要) is made from. The conference service fills it in from
 * its own records; nothing here reads a database or the clock (`generatedAt` is given).
 */
export interface ReportJurisdiction {
  code: string;
  name: string;
}

export interface ReportAttendee {
  name: string;
  title: string | null;
  jurisdictionName: string;
}

export type ReportMeetingStatus = 'SCHEDULED' | 'IN_SESSION' | 'CONCLUDED' | 'CANCELLED';
export type ReportAgendaStatus = 'PROPOSED' | 'ACCEPTED' | 'DEFERRED' | 'DISCUSSED';
export type ReportActionStatus = 'OPEN' | 'IN_PROGRESS' | 'DONE' | 'CANCELLED';

export interface ReportAgendaItem {
  order: number;
  title: string;
  summary: string | null;
  proposedByName: string;
  status: ReportAgendaStatus;
}

export interface ReportResolution {
  text: string;
  agendaTitle: string | null;
  decidedAt: Date;
}

export interface ReportAction {
  title: string;
  ownerName: string;
  dueDate: Date;
  status: ReportActionStatus;
  overdue: boolean;
  percent: number;
  resolutionText: string | null;
  relatedRequestNumber: string | null;
}

export interface ReportMeeting {
  /** e.g. '2026年第四季度武进、金坛、钟楼、天宁区域应急联动联席会议' */
  title: string;
  scheduledAt: Date;
  location: string;
  /** The convening jurisdiction (主持单位). */
  host: ReportJurisdiction;
  /** 主持人, if known. */
  hostPerson: string | null;
  /** Member jurisdictions (参会单位). */
  members: ReportJurisdiction[];
  /** 参会人员. */
  attendees: ReportAttendee[];
  status: ReportMeetingStatus;
  agenda: ReportAgendaItem[];
  resolutions: ReportResolution[];
  actions: ReportAction[];
  /** Free text the secretariat wrote at the conclusion. */
  minutes: string | null;
  generatedAt: Date;
}

export const AGENDA_STATUS_LABELS: Readonly<Record<ReportAgendaStatus, string>> = {
  PROPOSED: '已提出',
  ACCEPTED: '已列入议程',
  DEFERRED: '暂缓',
  DISCUSSED: '已讨论',
};

export const ACTION_STATUS_LABELS: Readonly<Record<ReportActionStatus, string>> = {
  OPEN: '未开始',
  IN_PROGRESS: '进行中',
  DONE: '已完成',
  CANCELLED: '已取消',
};

/** The mark an overdue action carries in the report. */
export const OVERDUE_LABEL = '已逾期';

/** A note under the title when the meeting has not (or not yet) been held and concluded. */
export const MEETING_STATUS_NOTES: Readonly<Record<ReportMeetingStatus, string | null>> = {
  SCHEDULED: '注：会议尚未召开，本纪要为会前预备稿。',
  IN_SESSION: '注：会议正在进行，本纪要为临时稿。',
  CONCLUDED: null,
  CANCELLED: '注：本次会议已取消。',
};

const REPORT_SUFFIX = '会议纪要';
const CLOSED_ACTION_STATUSES: ReadonlySet<string> = new Set(['DONE', 'CANCELLED']);

/** An action is shown as overdue only while it is still open: a finished task is not late any more. */
export function isReportedOverdue(a: { overdue: boolean; status: string }): boolean {
  return a.overdue && !CLOSED_ACTION_STATUSES.has(a.status);
}

function actionRank(a: { overdue: boolean; status: string }): number {
  if (isReportedOverdue(a)) return 0;
  if (!CLOSED_ACTION_STATUSES.has(a.status)) return 1;
  return 2;
}

function timeOf(d: Date): number {
  const t = d instanceof Date ? d.getTime() : Number.NaN;
  return Number.isFinite(t) ? t : Number.POSITIVE_INFINITY;
}

/**
 * The order of the action table: overdue actions first (the most overdue first), then the other
 * open ones (OPEN, IN_PROGRESS) by due date, then done and cancelled ones by due date. Ties keep
 * the input order. Returns a new array; the input is not changed.
 */
export function orderActionsForReport<T extends { overdue: boolean; dueDate: Date; status: string }>(
  actions: readonly T[],
): T[] {
  return actions
    .map((action, index) => ({ action, index, rank: actionRank(action), due: timeOf(action.dueDate) }))
    .sort((a, b) => a.rank - b.rank || a.due - b.due || a.index - b.index)
    .map((x) => x.action);
}

// XML 1.0 forbids most control characters; a stray one would make the .docx unreadable.
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** One line of text: control characters dropped, line breaks and runs of spaces collapsed. */
export function cleanLine(s: string | null | undefined): string {
  return (s ?? '').replace(INVALID_XML_CHARS, '').replace(/\s+/g, ' ').trim();
}

/** Free text as lines: control characters dropped, each line trimmed, blank lines removed. */
export function cleanLines(s: string | null | undefined): string[] {
  return (s ?? '')
    .replace(INVALID_XML_CHARS, '')
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line.length > 0);
}

/** `<meeting title>会议纪要`, without doubling 会议纪要 when the title already ends with it. */
export function reportTitle(meetingTitle: string): string {
  const t = cleanLine(meetingTitle);
  return t.endsWith(REPORT_SUFFIX) ? t : t + REPORT_SUFFIX;
}

export function formatPercent(percent: number): string {
  if (!Number.isFinite(percent)) return '—';
  return `${Math.round(Math.min(100, Math.max(0, percent)))}%`;
}

const CHINESE_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 12 → 十二, 20 → 二十, 105 → 105 (resolution lists stay short). */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) return String(n);
  if (n < 10) return CHINESE_DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : CHINESE_DIGITS[tens]!}十${ones === 0 ? '' : CHINESE_DIGITS[ones]!}`;
}

export interface AttendeeGroup {
  jurisdictionName: string;
  /** 张伟（副区长） */
  people: string[];
}

export interface AgendaLine {
  number: number;
  title: string;
  statusLabel: string;
  proposedByName: string;
  summaryLines: string[];
}

export interface ResolutionLine {
  number: number;
  textLines: string[];
  agendaTitle: string | null;
}

export interface ActionRow {
  /** 序号, 1-based, in report order. */
  number: number;
  task: string;
  /** 落实议定事项第一项, 关联增援请求：WJ-2026-0007 … */
  taskNotes: string[];
  owner: string;
  due: string;
  progress: string;
  overdue: boolean;
  /** 未开始/进行中/已完成/已取消 */
  statusLabel: string;
  relatedRequestNumber: string | null;
}

/** Everything both renderers print, already cleaned, ordered and in Chinese. */
export interface MeetingReportModel {
  title: string;
  statusNote: string | null;
  time: string;
  location: string;
  host: string;
  members: string[];
  attendees: AttendeeGroup[];
  agenda: AgendaLine[];
  resolutions: ResolutionLine[];
  actions: ActionRow[];
  minutes: string[];
  generatedAt: string;
  footer: string;
}

export const SECTION_HEADINGS = {
  agenda: '一、会议议程',
  resolutions: '二、会议议定事项',
  actions: '三、工作任务分解',
  minutes: '会议纪要正文',
} as const;

export const FIELD_LABELS = {
  time: '时间',
  location: '地点',
  host: '主持',
  members: '参会单位',
  attendees: '参会人员',
} as const;

export const ACTION_TABLE_HEADERS = ['序号', '任务', '责任单位', '完成时限', '进度', '状态'] as const;

export const NONE_TEXT = '（无）';

function groupAttendees(attendees: readonly ReportAttendee[]): AttendeeGroup[] {
  const groups = new Map<string, string[]>();
  for (const a of attendees) {
    const name = cleanLine(a.name);
    if (!name) continue;
    const key = cleanLine(a.jurisdictionName) || '其他';
    const title = cleanLine(a.title);
    const person = title ? `${name}（${title}）` : name;
    const people = groups.get(key) ?? [];
    people.push(person);
    groups.set(key, people);
  }
  return [...groups].map(([jurisdictionName, people]) => ({ jurisdictionName, people }));
}

function distinctMembers(members: readonly ReportJurisdiction[]): string[] {
  const seen = new Set<string>();
  const names: string[] = [];
  for (const m of members) {
    const key = m.code || m.name;
    if (seen.has(key)) continue;
    seen.add(key);
    const name = cleanLine(m.name) || cleanLine(m.code);
    if (name) names.push(name);
  }
  return names;
}

/** Turns the meeting into the report's lines, in the order and words both renderers use. */
export function buildReportModel(m: ReportMeeting): MeetingReportModel {
  const hostName = cleanLine(m.host.name) || cleanLine(m.host.code);
  const hostPerson = cleanLine(m.hostPerson);
  const resolutionNumbers = new Map<string, number>();
  m.resolutions.forEach((r, i) => {
    const key = cleanLine(r.text);
    if (key && !resolutionNumbers.has(key)) resolutionNumbers.set(key, i + 1);
  });

  const agenda = m.agenda
    .map((item, index) => ({ item, index }))
    .sort((a, b) => a.item.order - b.item.order || a.index - b.index)
    .map(({ item }, i): AgendaLine => ({
      number: i + 1,
      title: cleanLine(item.title),
      statusLabel: AGENDA_STATUS_LABELS[item.status] ?? item.status,
      proposedByName: cleanLine(item.proposedByName),
      summaryLines: cleanLines(item.summary),
    }));

  const resolutions = m.resolutions.map((r, i): ResolutionLine => ({
    number: i + 1,
    textLines: cleanLines(r.text),
    agendaTitle: cleanLine(r.agendaTitle) || null,
  }));

  const actions = orderActionsForReport(m.actions).map((a, i): ActionRow => {
    const notes: string[] = [];
    const resolution = cleanLine(a.resolutionText);
    if (resolution) {
      const n = resolutionNumbers.get(resolution);
      notes.push(n === undefined ? `依据议定事项：${resolution}` : `落实议定事项第${chineseNumeral(n)}项`);
    }
    const request = cleanLine(a.relatedRequestNumber) || null;
    if (request) notes.push(`关联增援请求：${request}`);
    return {
      number: i + 1,
      task: cleanLine(a.title),
      taskNotes: notes,
      owner: cleanLine(a.ownerName),
      due: formatChineseDate(a.dueDate),
      progress: formatPercent(a.percent),
      overdue: isReportedOverdue(a),
      statusLabel: ACTION_STATUS_LABELS[a.status] ?? a.status,
      relatedRequestNumber: request,
    };
  });

  const generatedAt = formatChineseDateTime(m.generatedAt);
  return {
    title: reportTitle(m.title),
    statusNote: MEETING_STATUS_NOTES[m.status] ?? null,
    time: formatChineseDateTime(m.scheduledAt),
    location: cleanLine(m.location),
    host: hostPerson ? `${hostName}（主持人：${hostPerson}）` : hostName,
    members: distinctMembers(m.members),
    attendees: groupAttendees(m.attendees),
    agenda,
    resolutions,
    actions,
    minutes: cleanLines(m.minutes),
    generatedAt,
    footer: `本纪要由 AidNet 应急联动平台生成，生成时间：${generatedAt}（北京时间）`,
  };
}

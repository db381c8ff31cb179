import type { Principal } from '../../../common/src/auth';
import { ERRORS, type FieldProblem } from '../../../common/src/errors';
import { parseInput } from '../../../common/src/inputs';
import type { WriteDecision } from '../../../common/src/store/versionedUpdate';
import { AgendaItemModel, MeetingModel, MinutesModel, ReasonModel, ResolutionModel } from '../domain/inputs';
import { authorizeMember, authorizeSecretariat } from '../domain/policy';
import type { AgendaItemRecord, MeetingRecord } from '../domain/records';
import { expectConferenceId, toConferenceId } from '../domain/ids';
import { findMeetingById, insertMeeting, updateMeeting } from '../models/conferenceRecords';
import type { ConferenceDeps } from './deps';
import { formatChinaTime as formatTime } from '../../../common/src/chinaTime';

/**
 * The meeting's life: the host's secretariat schedules it, members propose agenda items, the
 * secretariat decides them, records resolutions and concludes with minutes.
 */
export async function scheduleMeeting(
  deps: ConferenceDeps,
  principal: Principal,
  raw: unknown,
): Promise<MeetingRecord> {
  const input = parseInput(MeetingModel, raw, 'input');
  authorizeSecretariat(principal, input.host, 'schedule joint meetings');
  const problems: FieldProblem[] = [];
  input.members.forEach((m, i) => {
    if (!deps.directory.has(m)) problems.push({ path: `input.members.${i}`, message: `unknown jurisdiction ${m}` });
  });
  if (!input.members.includes(input.host)) {
    problems.push({ path: 'input.members', message: 'the host is one of the members' });
  }
  (input.attendees ?? []).forEach((a, i) => {
    if (!input.members.includes(a.jurisdiction)) {
      problems.push({ path: `input.attendees.${i}.jurisdiction`, message: `${a.jurisdiction} is not a member` });
    }
  });
  if (problems.length) {
    throw ERRORS.BAD_USER_INPUT.err(`Invalid input — ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, {
      fields: problems,
    });
  }
  const now = deps.now();
  const record = await insertMeeting(deps.store, {
    title: input.title,
    scheduledAt: input.scheduledAt,
    location: input.location,
    host: input.host,
    chair: input.chair ?? null,
    members: input.members,
    attendees: (input.attendees ?? []).map((a) => ({
      name: a.name,
      title: a.title ?? null,
      jurisdiction: a.jurisdiction,
    })),
    status: 'SCHEDULED',
    agenda: [],
    resolutions: [],
    minutes: null,
    concludedAt: null,
    cancelReason: null,
    createdBy: principal.sub,
    createdAt: now,
    updatedAt: now,
    version: 1,
  });
  await tell(
    deps,
    record,
    record.members.filter((m) => m !== record.host),
    'MEETING_SCHEDULED',
    `会议通知：${record.title}`,
    `时间：${formatTime(record.scheduledAt)}；地点：${record.location}。请提出议题。`,
    'scheduled',
  );
  return record;
}

export async function openMeeting(deps: ConferenceDeps, principal: Principal, id: string): Promise<MeetingRecord> {
  return changeMeeting(deps, id, (m) => {
    authorizeSecretariat(principal, m.host, 'open the meeting');
    if (m.status === 'IN_SESSION') return null;
    expectStatus(m, ['SCHEDULED'], 'opened');
    return { status: 'IN_SESSION' };
  });
}

export async function cancelMeeting(
  deps: ConferenceDeps,
  principal: Principal,
  id: string,
  rawReason: unknown,
): Promise<MeetingRecord> {
  const reason = parseInput(ReasonModel, rawReason, 'reason');
  const m = await changeMeeting(deps, id, (m) => {
    authorizeSecretariat(principal, m.host, 'cancel the meeting');
    expectStatus(m, ['SCHEDULED', 'IN_SESSION'], 'cancelled');
    return { status: 'CANCELLED', cancelReason: reason };
  });
  await tell(
    deps,
    m,
    m.members.filter((x) => x !== m.host),
    'MEETING_CANCELLED',
    `会议取消：${m.title}`,
    reason,
    'cancelled',
  );
  return m;
}

export async function proposeAgendaItem(
  deps: ConferenceDeps,
  principal: Principal,
  id: string,
  raw: unknown,
): Promise<MeetingRecord> {
  const input = parseInput(AgendaItemModel, raw, 'input');
  const m = await changeMeeting(deps, id, (m) => {
    authorizeMember(principal, m, 'propose agenda items');
    expectStatus(m, ['SCHEDULED', 'IN_SESSION'], 'given new agenda items');
    const item: AgendaItemRecord = {
      id: `I${m.agenda.length + 1}`,
      title: input.title,
      summary: input.summary ?? null,
      proposedBy: principal.jurisdiction,
      proposedByName: principal.name,
      status: 'PROPOSED',
      order: m.agenda.length + 1,
      decidedAt: null,
    };
    return { agenda: [...m.agenda, item] };
  });
  if (principal.jurisdiction !== m.host) {
    await tell(
      deps,
      m,
      [m.host],
      'AGENDA_PROPOSED',
      `${deps.directory.nameOf(principal.jurisdiction)}提出议题：${input.title}`,
      m.title,
      `agenda:${m.agenda.length}`,
    );
  }
  return m;
}

const DECISIONS = { ACCEPT: 'ACCEPTED', DEFER: 'DEFERRED', DISCUSSED: 'DISCUSSED' } as const;

export async function decideAgendaItem(
  deps: ConferenceDeps,
  principal: Principal,
  id: string,
  itemId: string,
  decision: keyof typeof DECISIONS,
): Promise<MeetingRecord> {
  const now = deps.now();
  return changeMeeting(deps, id, (m) => {
    authorizeSecretariat(principal, m.host, 'decide agenda items');
    expectStatus(m, ['SCHEDULED', 'IN_SESSION'], 'changed');
    const item = m.agenda.find((a) => a.id === itemId);
    if (!item) throw ERRORS.NOT_FOUND.err(`No agenda item ${itemId} in this meeting`);
    const status = DECISIONS[decision];
    if (item.status === status) return null;
    if (status === 'DISCUSSED' && item.status !== 'ACCEPTED') {
      throw ERRORS.CONFLICT.err(`Only an accepted item can be marked discussed; this one is ${item.status}`);
    }
    if (item.status === 'DISCUSSED') throw ERRORS.CONFLICT.err('The item has been discussed already');
    // Accepted items keep their place; the order follows acceptance.
    return { agenda: m.agenda.map((a) => (a.id === itemId ? { ...a, status, decidedAt: now } : a)) };
  });
}

export async function recordResolution(
  deps: ConferenceDeps,
  principal: Principal,
  id: string,
  raw: unknown,
): Promise<MeetingRecord> {
  const input = parseInput(ResolutionModel, raw, 'input');
  const now = deps.now();
  return changeMeeting(deps, id, (m) => {
    authorizeSecretariat(principal, m.host, 'record resolutions');
    expectStatus(m, ['SCHEDULED', 'IN_SESSION'], 'given resolutions');
    if (
      input.agendaItemId &&
      !m.agenda.some((a) => a.id === input.agendaItemId && a.status !== 'DEFERRED' && a.status !== 'PROPOSED')
    ) {
      throw ERRORS.BAD_USER_INPUT.err(
        `input.agendaItemId: ${input.agendaItemId} is not an accepted agenda item of this meeting`,
        { fields: [{ path: 'input.agendaItemId', message: 'not an accepted agenda item' }] },
      );
    }
    return {
      resolutions: [
        ...m.resolutions,
        {
          id: `D${m.resolutions.length + 1}`,
          text: input.text,
          agendaItemId: input.agendaItemId ?? null,
          decidedAt: now,
        },
      ],
    };
  });
}

export async function concludeMeeting(
  deps: ConferenceDeps,
  principal: Principal,
  id: string,
  rawMinutes: unknown,
): Promise<MeetingRecord> {
  const minutes = parseInput(MinutesModel, rawMinutes, 'minutes');
  const now = deps.now();
  const m = await changeMeeting(deps, id, (m) => {
    authorizeSecretariat(principal, m.host, 'conclude the meeting');
    expectStatus(m, ['SCHEDULED', 'IN_SESSION'], 'concluded');
    return { status: 'CONCLUDED', minutes, concludedAt: now };
  });
  await tell(
    deps,
    m,
    m.members.filter((x) => x !== m.host),
    'MEETING_CONCLUDED',
    `会议纪要已印发：${m.title}`,
    '请按任务分解表落实，并按时报告进展。',
    'concluded',
  );
  return m;
}

/** @returns the meeting. @throws BAD_USER_INPUT for a malformed id, NOT_FOUND for an unknown one. */
export async function requireMeeting(deps: ConferenceDeps, id: string): Promise<MeetingRecord> {
  const { localId } = expectConferenceId(id, 'JointMeeting');
  const m = await findMeetingById(deps.store, localId);
  if (!m) throw ERRORS.NOT_FOUND.err(`No joint meeting ${id}`);
  return m;
}

type MeetingChange = Partial<Omit<MeetingRecord, '_id' | 'version' | 'updatedAt'>> | null;

async function changeMeeting(
  deps: ConferenceDeps,
  id: string,
  decide: (m: MeetingRecord) => MeetingChange,
): Promise<MeetingRecord> {
  const { localId } = expectConferenceId(id, 'JointMeeting');
  return updateMeeting(deps.store, localId, (m): WriteDecision<MeetingRecord> => {
    const change = decide(m);
    return change ? { kind: 'set', set: change } : { kind: 'noop' };
  });
}

function expectStatus(m: MeetingRecord, allowed: MeetingRecord['status'][], what: string): void {
  if (!allowed.includes(m.status)) {
    throw ERRORS.CONFLICT.err(`The meeting is ${m.status}; it cannot be ${what}`, {
      reason: 'MEETING_STATUS',
      status: m.status,
    });
  }
}

/** A notification about meeting `m`, once per `key`. */
async function tell(
  deps: ConferenceDeps,
  m: MeetingRecord,
  to: readonly string[],
  kind: string,
  title: string,
  body: string,
  key: string,
): Promise<void> {
  if (to.length === 0) return;
  const id = toConferenceId(m.host, 'JointMeeting', m._id);
  await deps.notifications
    .notify({ jurisdictions: to, kind, title, body, subject: { type: 'JointMeeting', id }, dedupeKey: `${key}:${id}` })
    .catch((e: Error) => deps.logger.error({ err: e, meeting: id }, 'notification failed'));
}

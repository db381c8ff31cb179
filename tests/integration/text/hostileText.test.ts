import type { GraphQLResult } from '../../testkit/graphql';
import { conferenceState } from '../../testkit/conference';
import { startAidNetwork, type AidNetwork, type TestRole } from '../../testkit/mutualAid';
import { databaseSnapshot } from '../../testkit/registry';
import { data, INCIDENT, inMs } from '../../testkit/requests';

/**
 * Issue 11, defect 1: text that is not clean Unicode is refused everywhere with BAD_USER_INPUT
 * naming the field, and nothing is written; line breaks and tabs only in multi-line fields; astral
 * characters stored exactly. The cases of the issue, through the gateway, for each service (the
 * random version of this is textFuzz.test.ts).
 */
jest.setTimeout(120_000);

let net: AidNetwork;
beforeAll(async () => {
  net = await startAidNetwork(['wujin', 'tianning'], { conference: {} });
});
afterAll(async () => {
  await net?.stop();
});

const as = (j: string, role: TestRole, query: string, variables: Record<string, unknown>) =>
  net.as(j, role, query, variables);

async function everything() {
  const aid = net.aid.deps.store;
  return {
    registry: await databaseSnapshot(net.nodes.get('wujin')!.store),
    requests: JSON.parse(JSON.stringify(await aid.requests.find({}).sort({ _id: 1 }).lean().exec())) as unknown,
    aidNotifications: await aid.conn.collection('notifications').countDocuments({}),
    conference: await conferenceState(net),
  };
}

const CREATE_TEAM =
  'mutation($input: TeamInput!) { createTeam(jurisdiction: "wujin", input: $input) { id name contact { name role } } }';
const team = (over: Record<string, unknown>) => ({
  name: '武进区危化品应急救援队',
  type: 'hazmat',
  kind: 'SPECIALIST',
  tier: 2,
  headcount: 30,
  base: { lat: 31.71, lng: 119.95 },
  readinessMinutes: 15,
  contact: { name: '张队长', phone: '13812345678' },
  ...over,
});
const SCHEDULE_DUTY =
  'mutation($input: DutyShiftInput!) { scheduleDuty(jurisdiction: "wujin", input: $input) { id leader note } }';
const shift = (over: Record<string, unknown>) => ({
  startsAt: inMs(3_600_000),
  endsAt: inMs(5 * 3_600_000),
  posture: 'ON_POST',
  leader: '赵局长',
  officer: '钱科员',
  phone: '13812345678',
  ...over,
});
const SUBMIT =
  'mutation($input: ReinforcementRequestInput!, $key: String!) { submitReinforcementRequest(input: $input, idempotencyKey: $key) { id incident { title } note } }';
let keys = 0;
const submit = (incident: Record<string, unknown>, note?: string) => () =>
  as('wujin', 'commander', SUBMIT, {
    input: {
      requester: 'wujin',
      incident: { ...INCIDENT, ...incident },
      needs: [{ teamType: 'hazmat', quantity: 1 }],
      targets: ['tianning'],
      respondBy: inMs(3_600_000),
      ...(note === undefined ? {} : { note }),
    },
    key: `hostile-text-${keys++}`,
  });
const SCHEDULE_MEETING = 'mutation($input: MeetingInput!) { scheduleMeeting(input: $input) { id title } }';
const meeting = (over: Record<string, unknown>) => ({
  title: '区域应急联动联席会议',
  scheduledAt: inMs(7 * 86_400_000),
  location: '武进区应急管理局三楼会议室',
  host: 'wujin',
  members: ['wujin', 'jintan'],
  ...over,
});
const EXPERTS = 'query($f: ExpertFilter) { experts(filter: $f) { id } }';

const refusals: [string, () => Promise<GraphQLResult>, string, RegExp][] = [
  [
    'a team name with NUL',
    () => as('wujin', 'registrar', CREATE_TEAM, { input: team({ name: '救援队\u0000' }) }),
    'input.name',
    /input\.name: must not contain the control character U\+0000/,
  ],
  [
    'a team name with a terminal colour escape (\\u001b[31m)',
    () => as('wujin', 'registrar', CREATE_TEAM, { input: team({ name: '\u001b[31m救援队' }) }),
    'input.name',
    /U\+001B/,
  ],
  [
    'a team name with BEL (\\u0007)',
    () => as('wujin', 'registrar', CREATE_TEAM, { input: team({ name: '救援\u0007队' }) }),
    'input.name',
    /U\+0007/,
  ],
  [
    'a team name with a lone surrogate (sent as the JSON escape \\ud800)',
    () => as('wujin', 'registrar', CREATE_TEAM, { input: team({ name: '救援队\ud800' }) }),
    'input.name',
    /unpaired surrogate U\+D800/,
  ],
  [
    'a team name with a right-to-left override posing as another name',
    () => as('wujin', 'registrar', CREATE_TEAM, { input: team({ name: '武进区\u202e队援救' }) }),
    'input.name',
    /bidirectional control U\+202E/,
  ],
  [
    'a contact name with a bidi isolate (\\u2066)',
    () => as('wujin', 'registrar', CREATE_TEAM, { input: team({ contact: { name: '\u2066张队长\u2069' } }) }),
    'input.contact.name',
    /U\+2066/,
  ],
  [
    'a team name with a C1 control (\\u0085)',
    () => as('wujin', 'registrar', CREATE_TEAM, { input: team({ name: '救援\u0085队' }) }),
    'input.name',
    /U\+0085/,
  ],
  [
    'a team name with DEL',
    () => as('wujin', 'registrar', CREATE_TEAM, { input: team({ name: '救援\u007f队' }) }),
    'input.name',
    /U\+007F/,
  ],
  [
    'a team name with a noncharacter (\\uFFFE)',
    () => as('wujin', 'registrar', CREATE_TEAM, { input: team({ name: '救援\ufffe队' }) }),
    'input.name',
    /noncharacter U\+FFFE/,
  ],
  [
    'a team name with a line break (a single-line field)',
    () => as('wujin', 'registrar', CREATE_TEAM, { input: team({ name: '救援\n队' }) }),
    'input.name',
    /input\.name: must be a single line/,
  ],
  [
    'a duty note with a lone carriage return',
    () => as('wujin', 'duty_officer', SCHEDULE_DUTY, { input: shift({ note: '第一行\r第二行' }) }),
    'input.note',
    /carriage return.*CRLF/,
  ],
  [
    'a request title with BEL',
    submit({ title: '储罐泄漏\u0007' }),
    'input.incident.title',
    /input\.incident\.title: must not contain the control character U\+0007/,
  ],
  [
    'a request title with a lone low surrogate',
    submit({ title: '\udc00储罐泄漏' }),
    'input.incident.title',
    /unpaired surrogate U\+DC00/,
  ],
  [
    'a meeting title with a colour escape',
    () => as('wujin', 'secretariat', SCHEDULE_MEETING, { input: meeting({ title: '\u001b[31m联席会议' }) }),
    'input.title',
    /input\.title: must not contain the control character U\+001B/,
  ],
  [
    'a meeting title with NUL',
    () => as('wujin', 'secretariat', SCHEDULE_MEETING, { input: meeting({ title: '联席\u0000会议' }) }),
    'input.title',
    /U\+0000/,
  ],
  [
    'an expert search with a NUL in a specialty (filter strings too)',
    () => as('wujin', 'commander', EXPERTS, { f: { specialties: ['危化品\u0000'] } }),
    'filter.specialties.0',
    /filter\.specialties\.0: must not contain/,
  ],
];

test.each(refusals)('%s is BAD_USER_INPUT naming the field, nothing written', async (_label, send, field, mentions) => {
  const before = await everything();
  const r = await send();
  expect(r.errors?.length).toBeGreaterThanOrEqual(1);
  const error = r.errors![0]!;
  expect(error.extensions?.code).toBe('BAD_USER_INPUT');
  expect(error.message).toMatch(mentions);
  expect((error.extensions?.fields as { path: string }[]).map((f) => f.path)).toContain(field);
  // The message never echoes the offending character itself.
  const forbidden = [...error.message].filter((c) => {
    const u = c.codePointAt(0)!;
    return (
      u < 0x09 ||
      (u > 0x0d && u < 0x20) ||
      (u >= 0x7f && u <= 0x9f) ||
      (u >= 0x202a && u <= 0x202e) ||
      (u >= 0x2066 && u <= 0x2069)
    );
  });
  expect(forbidden).toEqual([]);
  // No record comes back (a search answers no rows).
  expect(Object.values(r.data ?? {}).every((v) => v === null || (Array.isArray(v) && v.length === 0))).toBe(true);
  expect(await everything()).toEqual(before);
});

describe('what is clean is stored exactly as sent (after trimming)', () => {
  test('astral characters (CJK Extension B 𠀀, emoji with joiners) in a team name', async () => {
    const name = '𠀀𠀁救援队 👩‍🚒🚒 ⚠️';
    const created = data(await as('wujin', 'registrar', CREATE_TEAM, { input: team({ name }) })).createTeam;
    expect(created.name).toBe(name);
    const stored = await net.nodes.get('wujin')!.store.teams.findById(created.id.split(':')[2]).lean().exec();
    expect(Buffer.from(stored!.name, 'utf8')).toEqual(Buffer.from(name, 'utf8'));
  });

  test('surrounding whitespace is trimmed, the only normalisation', async () => {
    const created = data(
      await as('wujin', 'registrar', CREATE_TEAM, {
        input: team({ name: ' \u3000 武进区 救援队\t\n', contact: { name: '\ufeff张队长 ', role: ' 队长' } }),
      }),
    ).createTeam;
    expect(created).toMatchObject({ name: '武进区 救援队', contact: { name: '张队长', role: '队长' } });
  });

  test('line breaks (LF and CRLF) and tabs in a multi-line duty note', async () => {
    const note = '第一行\n第二行\r\n\t缩进的第三行';
    const shiftNote = data(await as('wujin', 'duty_officer', SCHEDULE_DUTY, { input: shift({ note }) })).scheduleDuty;
    expect(shiftNote.note).toBe(note);
  });

  test('a request with an astral title and a multi-line note', async () => {
    const r = data(
      await submit({ title: '𠀀号储罐泄漏🔥' }, '现场情况：\n1. 泄漏\r\n2. 起火')(),
    ).submitReinforcementRequest;
    expect(r).toMatchObject({ incident: { title: '𠀀号储罐泄漏🔥' }, note: '现场情况：\n1. 泄漏\r\n2. 起火' });
  });

  test('minutes with CRLF line breaks and tabs, and a left-to-right mark (not an override)', async () => {
    const m = data(
      await as('wujin', 'secretariat', SCHEDULE_MEETING, { input: meeting({ title: '会议\u200eA' }) }),
    ).scheduleMeeting;
    expect(m.title).toBe('会议\u200eA');
    const minutes = '一、会议议定：\r\n\t1. 建立联合值守机制。\r\n二、𠀀';
    const done = data(
      await as(
        'wujin',
        'secretariat',
        'mutation($id: ID!, $m: String!) { concludeMeeting(id: $id, minutes: $m) { minutes } }',
        {
          id: m.id,
          m: minutes,
        },
      ),
    ).concludeMeeting;
    expect(done.minutes).toBe(minutes);
  });
});

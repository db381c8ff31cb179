import { graphql, untyped, type GraphQLResult, type TypedOperation } from '../../testkit/graphql';
import {
  ASSIGN,
  COMPLETE,
  CONCLUDE,
  DECIDE,
  OPEN,
  PROGRESS,
  PROPOSE,
  RESOLVE,
  SCHEDULE,
  conferenceState,
} from '../../testkit/conference';
import { startAidNetwork, type AidNetwork, type TestRole } from '../../testkit/mutualAid';
import { data } from '../../testkit/requests';
import { tokenFor } from '../../testkit/tokens';

/**
 * Issue 5, point e: every bad input to the conference mutations gets its contract code
 * (BAD_USER_INPUT for malformed or inconsistent input, NOT_FOUND for an unknown id, CONFLICT for
 * a meeting or action that is over) with a message naming the field, and writes nothing: the
 * stored meetings and actions are unchanged document for document, and no notification is added.
 * Each call is made by someone allowed to make it, so the input is the only reason to refuse.
 */
jest.setTimeout(90_000);

const DAY = 86_400_000;
const CANCEL = `mutation($id: ID!, $reason: String!) { cancelMeeting(id: $id, reason: $reason) { id status } }`;
const ZERO = '0'.repeat(24);

let net: AidNetwork;
/** An IN_SESSION meeting of the four members: I1 accepted, I2 deferred, I3 proposed; resolution D1 on I1. */
let meetingId: string;
const meetingAt = new Date(Date.now() + 2 * DAY);
/** An OPEN action of Jintan's in it, and a DONE one of Zhonglou's. */
let actionId: string;
let doneActionId: string;
let concludedId: string;
let cancelledId: string;

const inDays = (n: number) => new Date(meetingAt.getTime() + n * DAY).toISOString();

function meetingInput(over: Record<string, unknown> = {}) {
  return {
    title: '区域应急联动联席会议',
    scheduledAt: new Date(Date.now() + DAY).toISOString(),
    location: '武进区应急管理局三楼会议室',
    host: 'wujin',
    members: ['wujin', 'jintan', 'zhonglou', 'tianning'],
    attendees: [{ name: '张伟', title: '局长', jurisdiction: 'wujin' }],
    ...over,
  };
}

const actionInput = (over: Record<string, unknown> = {}) => ({
  title: '制定交界水域联合值守方案',
  owner: 'jintan',
  dueDate: inDays(10),
  resolutionId: 'D1',
  ...over,
});

const snapshot = () => conferenceState(net);

/** The call gets `code` with a message matching `mentions`, no data, and nothing changes. */
async function refused(call: () => Promise<GraphQLResult>, code: string, mentions: RegExp): Promise<GraphQLResult> {
  const before = await snapshot();
  const r = await call();
  expect(r.errors?.length).toBeGreaterThanOrEqual(1);
  const error = r.errors![0]!;
  expect({ code: error.extensions?.code, message: error.message }).toEqual({
    code,
    message: expect.stringMatching(mentions),
  });
  const d = r.data;
  expect(d ? (Object.values(d)[0] ?? null) : null).toBeNull();
  expect(await snapshot()).toEqual(before);
  return r;
}

type Vars = Record<string, unknown> | (() => Record<string, unknown>);
/** A call to make later (the tables below are built before beforeAll has made the meetings). */
/** Calls with bad variables on purpose, hence untyped. */
const as = (jurisdiction: string, role: TestRole, document: TypedOperation<unknown, never>, variables: Vars) => () =>
  net.as(jurisdiction, role, untyped(document), typeof variables === 'function' ? variables() : variables);
const secretariat = (document: TypedOperation<unknown, never>, variables: Vars) =>
  as('wujin', 'secretariat', document, variables);

beforeAll(async () => {
  net = await startAidNetwork([], { conference: {} });
  meetingId = data(
    await net.as('wujin', 'secretariat', SCHEDULE, { input: meetingInput({ scheduledAt: meetingAt.toISOString() }) }),
  ).scheduleMeeting.id;
  for (const j of ['jintan', 'zhonglou', 'tianning']) {
    data(await net.as(j, 'commander', PROPOSE, { id: meetingId, input: { title: `${j}的议题` } }));
  }
  data(await net.as('wujin', 'secretariat', OPEN, { id: meetingId }));
  data(await net.as('wujin', 'secretariat', DECIDE, { id: meetingId, item: 'I1', d: 'ACCEPT' }));
  data(await net.as('wujin', 'secretariat', DECIDE, { id: meetingId, item: 'I2', d: 'DEFER' }));
  data(
    await net.as('wujin', 'secretariat', RESOLVE, {
      id: meetingId,
      input: { text: '建立交界水域联合值守机制。', agendaItemId: 'I1' },
    }),
  );
  actionId = data(await net.as('wujin', 'secretariat', ASSIGN, { id: meetingId, input: actionInput() })).assignAction
    .id;
  doneActionId = data(
    await net.as('wujin', 'secretariat', ASSIGN, {
      id: meetingId,
      input: actionInput({ owner: 'zhonglou', title: '修订危化品运输事故处置流程' }),
    }),
  ).assignAction.id;
  data(await net.as('zhonglou', 'commander', COMPLETE, { id: doneActionId }));

  concludedId = data(
    await net.as('wujin', 'secretariat', SCHEDULE, { input: meetingInput({ title: '已结束的联席会议' }) }),
  ).scheduleMeeting.id;
  data(await net.as('jintan', 'commander', PROPOSE, { id: concludedId, input: { title: '已结束会议的议题' } }));
  data(await net.as('wujin', 'secretariat', DECIDE, { id: concludedId, item: 'I1', d: 'ACCEPT' }));
  data(await net.as('wujin', 'secretariat', CONCLUDE, { id: concludedId, minutes: '会议已结束。' }));
  cancelledId = data(
    await net.as('wujin', 'secretariat', SCHEDULE, { input: meetingInput({ title: '已取消的联席会议' }) }),
  ).scheduleMeeting.id;
  data(await net.as('jintan', 'commander', PROPOSE, { id: cancelledId, input: { title: '已取消会议的议题' } }));
  data(await net.as('wujin', 'secretariat', CANCEL, { id: cancelledId, reason: '汛情紧急，会议取消' }));
});

afterAll(async () => {
  await net?.stop();
});

describe('scheduleMeeting', () => {
  const schedule = (over: Record<string, unknown>) => secretariat(SCHEDULE, { input: meetingInput(over) });
  const cases: [string, () => Promise<GraphQLResult>, RegExp][] = [
    ['an empty title', schedule({ title: '' }), /input\.title: must not be empty/],
    ['a blank title', schedule({ title: '   ' }), /input\.title: must not be empty/],
    ['a blank location', schedule({ location: ' \t ' }), /input\.location: must not be empty/],
    [
      'an unknown member',
      schedule({ members: ['wujin', 'jintan', 'suzhou'] }),
      /input\.members\.2: unknown jurisdiction suzhou/,
    ],
    [
      'a malformed member code',
      schedule({ members: ['wujin', 'Jin Tan!'] }),
      /input\.members\.1: not a jurisdiction code/,
    ],
    [
      'a member list without the host',
      schedule({ members: ['jintan', 'zhonglou', 'tianning'], attendees: [] }),
      /input\.members: the host is one of the members/,
    ],
    ['a member listed twice', schedule({ members: ['wujin', 'jintan', 'jintan'] }), /input\.members: each member once/],
    ['a single member', schedule({ members: ['wujin'] }), /input\.members: a joint meeting has at least two members/],
    [
      'an attendee from outside',
      schedule({ members: ['wujin', 'jintan'], attendees: [{ name: '赵敏', jurisdiction: 'tianning' }] }),
      /input\.attendees\.0\.jurisdiction: tianning is not a member/,
    ],
    [
      'a blank attendee name',
      schedule({ attendees: [{ name: ' ', jurisdiction: 'wujin' }] }),
      /input\.attendees\.0\.name: must not be empty/,
    ],
  ];
  test.each(cases)('%s', async (_name, call, mentions) => {
    await refused(call, 'BAD_USER_INPUT', mentions);
  });

  // A DateTime the subgraph rejects while coercing variables comes back from it as HTTP 400 with
  // BAD_USER_INPUT; the gateway passes that error on (AuthForwardingDataSource.errorFromResponse).
  test.each([
    [
      'an unreal date',
      schedule({ scheduledAt: '2026-02-30T09:00:00+08:00' }),
      /input\.scheduledAt.*not a real date-time/,
    ],
    ['a date without a zone', schedule({ scheduledAt: '2026-07-01T09:00:00' }), /input\.scheduledAt.*time zone/],
  ] as [string, () => Promise<GraphQLResult>, RegExp][])('%s (through the gateway)', async (_name, call, mentions) => {
    await refused(call, 'BAD_USER_INPUT', mentions);
  });

  test('straight to the conference subgraph, the same dates are BAD_USER_INPUT naming the field', async () => {
    const token = tokenFor({ jurisdiction: 'wujin', roles: ['secretariat'] });
    const direct = (scheduledAt: string) => () =>
      graphql(net.conference!.url!, SCHEDULE, { input: meetingInput({ scheduledAt }) }, token);
    await refused(direct('2026-02-30T09:00:00+08:00'), 'BAD_USER_INPUT', /input\.scheduledAt.*not a real date-time/);
    await refused(direct('2026-07-01T09:00:00'), 'BAD_USER_INPUT', /input\.scheduledAt.*time zone/);
  });

  test('several problems are reported together', async () => {
    const r = await refused(
      schedule({ title: '', members: ['jintan', 'suzhou'], attendees: [] }),
      'BAD_USER_INPUT',
      /input\.title/,
    );
    // The shape is checked first (the title); the directory checks come once the shape is right.
    const fields = (r.errors![0]!.extensions as { fields?: { path: string }[] }).fields ?? [];
    expect(fields.map((f) => f.path)).toContain('input.title');
    const r2 = await refused(
      schedule({ members: ['jintan', 'suzhou'], attendees: [] }),
      'BAD_USER_INPUT',
      /input\.members\.1: unknown jurisdiction suzhou.*input\.members: the host is one of the members/,
    );
    expect((r2.errors![0]!.extensions as { fields: { path: string }[] }).fields.map((f) => f.path)).toEqual([
      'input.members.1',
      'input.members',
    ]);
  });
});

describe('ids', () => {
  const malformedMeetingIds = [
    'nonsense',
    `wujin:JointMeeting:${'g'.repeat(24)}`,
    `wujin:JointMeeting:${'A'.repeat(24)}`,
    `wujin:ActionItem:${ZERO}`,
    `Wujin:JointMeeting:${ZERO}`,
    `wujin:JointMeeting:${ZERO}:extra`,
  ];
  test.each(malformedMeetingIds)('a malformed meeting id %s is BAD_USER_INPUT', async (id) => {
    await refused(
      as('jintan', 'commander', PROPOSE, { id, input: { title: '议题' } }),
      'BAD_USER_INPUT',
      /is not a JointMeeting id/,
    );
    await refused(secretariat(ASSIGN, { id, input: actionInput() }), 'BAD_USER_INPUT', /is not a JointMeeting id/);
    await refused(secretariat(OPEN, { id }), 'BAD_USER_INPUT', /is not a JointMeeting id/);
    await refused(secretariat(CONCLUDE, { id, minutes: '纪要' }), 'BAD_USER_INPUT', /is not a JointMeeting id/);
  });

  test('an unknown meeting id is NOT_FOUND', async () => {
    const id = `wujin:JointMeeting:${ZERO}`;
    await refused(as('jintan', 'commander', PROPOSE, { id, input: { title: '议题' } }), 'NOT_FOUND', /joint meeting/);
    await refused(secretariat(ASSIGN, { id, input: actionInput() }), 'NOT_FOUND', /joint meeting/);
    await refused(secretariat(DECIDE, { id, item: 'I1', d: 'ACCEPT' }), 'NOT_FOUND', /joint meeting/);
    await refused(secretariat(RESOLVE, { id, input: { text: '决定' } }), 'NOT_FOUND', /joint meeting/);
    await refused(secretariat(OPEN, { id }), 'NOT_FOUND', /joint meeting/);
    await refused(secretariat(CANCEL, { id, reason: '取消' }), 'NOT_FOUND', /joint meeting/);
    await refused(secretariat(CONCLUDE, { id, minutes: '纪要' }), 'NOT_FOUND', /joint meeting/);
  });

  const malformedActionIds = [
    'nonsense',
    `jintan:ActionItem:${'z'.repeat(24)}`,
    `jintan:JointMeeting:${ZERO}`,
    `jintan:ActionItem:${ZERO.slice(1)}`,
  ];
  test.each(malformedActionIds)('a malformed action id %s is BAD_USER_INPUT', async (id) => {
    await refused(
      as('jintan', 'commander', PROGRESS, { id, input: { note: '进展', percent: 10 } }),
      'BAD_USER_INPUT',
      /is not a ActionItem id/,
    );
    await refused(as('jintan', 'commander', COMPLETE, { id }), 'BAD_USER_INPUT', /is not a ActionItem id/);
  });

  test('an unknown action id is NOT_FOUND', async () => {
    const id = `jintan:ActionItem:${ZERO}`;
    await refused(
      as('jintan', 'commander', PROGRESS, { id, input: { note: '进展', percent: 10 } }),
      'NOT_FOUND',
      /action item/,
    );
    await refused(as('jintan', 'commander', COMPLETE, { id }), 'NOT_FOUND', /action item/);
  });

  test('the meeting id in place of an action id, and the action id in place of a meeting id', async () => {
    await refused(
      as('jintan', 'commander', PROGRESS, { id: meetingId, input: { note: '进展', percent: 10 } }),
      'BAD_USER_INPUT',
      /is not a ActionItem id/,
    );
    await refused(
      as('jintan', 'commander', PROPOSE, { id: actionId, input: { title: '议题' } }),
      'BAD_USER_INPUT',
      /is not a JointMeeting id/,
    );
  });
});

describe('agenda items and resolutions', () => {
  test.each([
    ['an empty title', { title: '' }, /input\.title: must not be empty/],
    ['a blank title', { title: '  \n ' }, /input\.title: must not be empty/],
    ['a blank summary', { title: '议题', summary: '   ' }, /input\.summary: must not be empty/],
    ['a title of 121 characters', { title: '题'.repeat(121) }, /input\.title: at most 120 characters/],
  ])('proposing an item with %s', async (_name, input, mentions) => {
    await refused(as('jintan', 'commander', PROPOSE, { id: meetingId, input }), 'BAD_USER_INPUT', mentions);
  });

  test('deciding an unknown agenda item is NOT_FOUND; marking a deferred one discussed is CONFLICT', async () => {
    await refused(secretariat(DECIDE, { id: meetingId, item: 'I99', d: 'ACCEPT' }), 'NOT_FOUND', /agenda item I99/);
    await refused(secretariat(DECIDE, { id: meetingId, item: 'I2', d: 'DISCUSSED' }), 'CONFLICT', /accepted.*DEFERRED/);
  });

  test.each([
    [
      'a deferred agenda item',
      { text: '决定', agendaItemId: 'I2' },
      /input\.agendaItemId: I2 is not an accepted agenda item/,
    ],
    [
      'an undecided agenda item',
      { text: '决定', agendaItemId: 'I3' },
      /input\.agendaItemId: I3 is not an accepted agenda item/,
    ],
    [
      'an unknown agenda item',
      { text: '决定', agendaItemId: 'I99' },
      /input\.agendaItemId: I99 is not an accepted agenda item/,
    ],
    ['an empty text', { text: '' }, /input\.text: must not be empty/],
    ['a blank text', { text: '   ', agendaItemId: 'I1' }, /input\.text: must not be empty/],
  ])('a resolution on %s', async (_name, input, mentions) => {
    await refused(secretariat(RESOLVE, { id: meetingId, input }), 'BAD_USER_INPUT', mentions);
  });
});

describe('assignAction', () => {
  const assign = (over: Record<string, unknown>) =>
    secretariat(ASSIGN, () => ({ id: meetingId, input: actionInput(over) }));
  const cases: [string, () => Promise<GraphQLResult>, RegExp][] = [
    ['a due date before the meeting', assign({ dueDate: inDays(-1) }), /input\.dueDate: must be after the meeting/],
    [
      'a due date at the meeting',
      assign({ dueDate: meetingAt.toISOString() }),
      /input\.dueDate: must be after the meeting/,
    ],
    [
      'a due date a millisecond before the meeting',
      assign({ dueDate: new Date(meetingAt.getTime() - 1).toISOString() }),
      /input\.dueDate: must be after the meeting/,
    ],
    ['an owner who is not a member', assign({ owner: 'wujin.hutang' }), /input\.owner: wujin\.hutang is not a member/],
    ['the city as owner', assign({ owner: 'changzhou' }), /input\.owner: changzhou is not a member/],
    ['an unknown owner', assign({ owner: 'suzhou' }), /input\.owner: suzhou is not a member/],
    ['a malformed owner', assign({ owner: 'Jin Tan' }), /input\.owner: not a jurisdiction code/],
    ['an empty title', assign({ title: '' }), /input\.title: must not be empty/],
    ['a blank title', assign({ title: '    ' }), /input\.title: must not be empty/],
    ['an unknown resolution', assign({ resolutionId: 'D9' }), /input\.resolutionId: no resolution D9/],
    [
      'a malformed related request',
      assign({ relatedRequestId: 'WJ-2026-0001' }),
      /input\.relatedRequestId: a reinforcement request id/,
    ],
  ];
  test.each(cases)('%s', async (_name, call, mentions) => {
    await refused(call, 'BAD_USER_INPUT', mentions);
  });

  test('an unreal due date (through the gateway)', async () => {
    await refused(
      assign({ dueDate: '2026-13-01T09:00:00Z' }),
      'BAD_USER_INPUT',
      /input\.dueDate.*not a real date-time/,
    );
  });

  test('an early due date and an outside owner are reported together', async () => {
    const r = await refused(
      assign({ owner: 'wujin.hutang', dueDate: inDays(-2) }),
      'BAD_USER_INPUT',
      /input\.owner.*input\.dueDate/,
    );
    expect((r.errors![0]!.extensions as { fields: { path: string }[] }).fields.map((f) => f.path)).toEqual([
      'input.owner',
      'input.dueDate',
    ]);
  });
});

describe('progress and completion', () => {
  test.each([
    ['a percent below 0', { note: '进展', percent: -1 }, /input\.percent: at least 0/],
    ['a percent above 100', { note: '进展', percent: 101 }, /input\.percent: at most 100/],
    ['a huge percent', { note: '进展', percent: 1000 }, /input\.percent: at most 100/],
    ['a fractional percent', { note: '进展', percent: 50.5 }, /percent|Int/],
    ['an empty note', { note: '', percent: 50 }, /input\.note: must not be empty/],
    ['a blank note', { note: '   ', percent: 50 }, /input\.note: must not be empty/],
  ])('reporting progress with %s', async (_name, input, mentions) => {
    await refused(as('jintan', 'duty_officer', PROGRESS, { id: actionId, input }), 'BAD_USER_INPUT', mentions);
  });

  test('percent 0 and 100 are accepted at the bounds', async () => {
    const p0 = data(
      await net.as('jintan', 'duty_officer', PROGRESS, { id: actionId, input: { note: '已启动', percent: 0 } }),
    ).reportProgress;
    expect(p0).toMatchObject({ status: 'IN_PROGRESS', percent: 0 });
  });

  test('completing with a blank note is BAD_USER_INPUT', async () => {
    await refused(
      as('jintan', 'commander', COMPLETE, { id: actionId, note: '  ' }),
      'BAD_USER_INPUT',
      /note: must not be empty/,
    );
  });

  test('a done action takes no more progress (CONFLICT)', async () => {
    await refused(
      as('zhonglou', 'commander', PROGRESS, { id: doneActionId, input: { note: '补充', percent: 50 } }),
      'CONFLICT',
      /DONE/,
    );
  });
});

describe('meetings that are over', () => {
  const over = () =>
    [
      ['CONCLUDED', concludedId],
      ['CANCELLED', cancelledId],
    ] as const;

  test.each(['CONCLUDED', 'CANCELLED'])(
    'a %s meeting takes no agenda item, decision, resolution, action, opening or conclusion (CONFLICT)',
    async (status) => {
      const id = over().find(([s]) => s === status)![1];
      const mentions = new RegExp(`meeting is ${status}`);
      await refused(as('jintan', 'commander', PROPOSE, { id, input: { title: '迟到的议题' } }), 'CONFLICT', mentions);
      await refused(
        secretariat(DECIDE, { id, item: 'I1', d: status === 'CONCLUDED' ? 'DISCUSSED' : 'ACCEPT' }),
        'CONFLICT',
        mentions,
      );
      await refused(secretariat(RESOLVE, { id, input: { text: '会后补记的决定' } }), 'CONFLICT', mentions);
      await refused(
        secretariat(ASSIGN, { id, input: actionInput({ resolutionId: null, dueDate: inDays(20) }) }),
        'CONFLICT',
        mentions,
      );
      await refused(secretariat(OPEN, { id }), 'CONFLICT', mentions);
      await refused(secretariat(CONCLUDE, { id, minutes: '再次印发' }), 'CONFLICT', mentions);
      await refused(secretariat(CANCEL, { id, reason: '再次取消' }), 'CONFLICT', mentions);
    },
  );

  test('concluding with empty minutes and cancelling with a blank reason are BAD_USER_INPUT', async () => {
    await refused(
      secretariat(CONCLUDE, { id: meetingId, minutes: '' }),
      'BAD_USER_INPUT',
      /minutes: must not be empty/,
    );
    await refused(secretariat(CANCEL, { id: meetingId, reason: '  ' }), 'BAD_USER_INPUT', /reason: must not be empty/);
  });
});

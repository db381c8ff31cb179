import { untyped, type GraphQLResult, type TypedOperation } from '../../testkit/graphql';
import {
  ACTIONS,
  ASSIGN,
  COMPLETE,
  CONCLUDE,
  DECIDE,
  documentXml,
  download,
  MEETING,
  MY_OPEN,
  OPEN,
  PROGRESS,
  PROPOSE,
  REPORT,
  RESOLVE,
  SCHEDULE,
  conferenceState,
} from '../../testkit/conference';
import { startAidNetwork, type AidNetwork, type TestRole } from '../../testkit/mutualAid';
import { data } from '../../testkit/requests';
import { impostorKey, tokenFor } from '../../testkit/tokens';

/**
 * Issue 5, point d: only the host's secretariat schedules, opens, decides, records resolutions,
 * assigns, cancels and concludes; member jurisdictions (their commander, duty officer or
 * secretariat) propose agenda items; only the owner jurisdiction reports progress on an action or
 * completes it; members (and the city above them) read, outsiders do not — over GraphQL and for
 * the .docx download alike. A refused call is FORBIDDEN and writes nothing.
 *
 * The meeting here is Wujin's with Jintan and Zhonglou: Tianning is a district outside it, Hutang
 * a township under the host that is not a member, Changzhou the city above all of them.
 */
jest.setTimeout(90_000);

const DAY = 86_400_000;
const CANCEL = `mutation($id: ID!, $reason: String!) { cancelMeeting(id: $id, reason: $reason) { id status } }`;
const MEETINGS = `query($f: MeetingFilter) { meetings(filter: $f) { id title } }`;

let net: AidNetwork;
let meetingId: string;
let meetingAt: Date;

type Caller = [string, TestRole];

/** Everyone who is not the host's secretariat. */
const NOT_HOST_SECRETARIAT: Caller[] = [
  ['wujin', 'commander'],
  ['wujin', 'duty_officer'],
  ['wujin', 'observer'],
  ['wujin', 'registrar'],
  ['jintan', 'secretariat'],
  ['zhonglou', 'secretariat'],
  ['tianning', 'secretariat'],
  ['changzhou', 'secretariat'],
  ['wujin.hutang', 'secretariat'],
];

function meetingInput(over: Record<string, unknown> = {}) {
  return {
    title: '武进、金坛、钟楼三区防汛联动专题会议',
    scheduledAt: new Date(Date.now() + DAY).toISOString(),
    location: '武进区应急管理局三楼会议室',
    host: 'wujin',
    members: ['wujin', 'jintan', 'zhonglou'],
    ...over,
  };
}

const snapshot = () => conferenceState(net);

/** The call is refused with FORBIDDEN, returns no data, and the database is unchanged. */
async function forbidden(
  caller: Caller,
  document: TypedOperation<unknown, never>,
  variables: Record<string, unknown>,
): Promise<void> {
  const before = await snapshot();
  // Untyped: the callers and their variables vary by table row; the refusal is under test.
  const r = await net.as(caller[0], caller[1], untyped(document), variables);
  expect({ caller, codes: (r.errors ?? []).map((e) => e.extensions?.code) }).toEqual({ caller, codes: ['FORBIDDEN'] });
  expect(firstField(r)).toBeNull();
  expect(await snapshot()).toEqual(before);
}

function firstField(r: GraphQLResult): unknown {
  const d = r.data;
  return d ? (Object.values(d)[0] ?? null) : null;
}

beforeAll(async () => {
  net = await startAidNetwork([], { conference: {} });
  meetingAt = new Date(Date.now() + DAY);
  meetingId = data(
    await net.as('wujin', 'secretariat', SCHEDULE, { input: meetingInput({ scheduledAt: meetingAt.toISOString() }) }),
  ).scheduleMeeting.id;
});

afterAll(async () => {
  await net?.stop();
});

test('only the host jurisdiction’s secretariat schedules a meeting it hosts', async () => {
  for (const caller of NOT_HOST_SECRETARIAT) await forbidden(caller, SCHEDULE, { input: meetingInput() });
  // Another district's secretariat may not schedule one in Wujin's name either.
  await forbidden(['jintan', 'secretariat'], SCHEDULE, { input: meetingInput({ host: 'wujin' }) });
  // Each host's own secretariat may.
  const jintanMeeting = data(
    await net.as('jintan', 'secretariat', SCHEDULE, {
      input: meetingInput({ host: 'jintan', title: '金坛区牵头专题会议' }),
    }),
  ).scheduleMeeting;
  expect(jintanMeeting).toMatchObject({ status: 'SCHEDULED', host: { code: 'jintan' } });
  expect(jintanMeeting.id).toMatch(/^jintan:JointMeeting:/);
});

test('members propose agenda items; outsiders and read-only roles cannot', async () => {
  const outsiders: Caller[] = [
    ['tianning', 'commander'],
    ['tianning', 'secretariat'],
    ['wujin.hutang', 'commander'],
    ['changzhou', 'commander'],
    ['changzhou', 'secretariat'],
    ['jintan', 'observer'],
    ['jintan', 'registrar'],
    ['zhonglou', 'social_org'],
  ];
  for (const caller of outsiders) {
    await forbidden(caller, PROPOSE, { id: meetingId, input: { title: `${caller[0]}的议题` } });
  }

  const proposers: Caller[] = [
    ['jintan', 'commander'],
    ['zhonglou', 'duty_officer'],
    ['jintan', 'secretariat'],
    ['wujin', 'commander'],
  ];
  let m: { agenda: { title: string; proposedBy: { code: string }; status: string }[] } | undefined;
  for (const [j, role] of proposers) {
    m = data(
      await net.as(j, role, PROPOSE, { id: meetingId, input: { title: `${j}${role}提出的议题` } }),
    ).proposeAgendaItem;
  }
  expect(m!.agenda.map((a) => [a.proposedBy.code, a.title, a.status])).toEqual(
    proposers.map(([j, role]) => [j, `${j}${role}提出的议题`, 'PROPOSED']),
  );
});

test('only the host’s secretariat opens, decides, records resolutions and assigns actions', async () => {
  for (const caller of NOT_HOST_SECRETARIAT) await forbidden(caller, OPEN, { id: meetingId });
  expect(data(await net.as('wujin', 'secretariat', OPEN, { id: meetingId })).openMeeting.status).toBe('IN_SESSION');

  for (const caller of NOT_HOST_SECRETARIAT) {
    await forbidden(caller, DECIDE, { id: meetingId, item: 'I1', d: 'ACCEPT' });
  }
  for (const caller of NOT_HOST_SECRETARIAT) await forbidden(caller, DECIDE, { id: meetingId, item: 'I2', d: 'DEFER' });
  data(await net.as('wujin', 'secretariat', DECIDE, { id: meetingId, item: 'I1', d: 'ACCEPT' }));
  const decided = data(
    await net.as('wujin', 'secretariat', DECIDE, { id: meetingId, item: 'I2', d: 'DEFER' }),
  ).decideAgendaItem;
  expect(decided.agenda.map((a: { status: string }) => a.status).slice(0, 2)).toEqual(['ACCEPTED', 'DEFERRED']);

  for (const caller of NOT_HOST_SECRETARIAT) {
    await forbidden(caller, RESOLVE, { id: meetingId, input: { text: '越权记录的决定', agendaItemId: 'I1' } });
  }
  const resolved = data(
    await net.as('wujin', 'secretariat', RESOLVE, {
      id: meetingId,
      input: { text: '建立三区防汛联动值班机制。', agendaItemId: 'I1' },
    }),
  ).recordResolution;
  expect(resolved.resolutions).toHaveLength(1);

  const action = {
    title: '制定三区防汛联动值班表',
    owner: 'jintan',
    dueDate: new Date(meetingAt.getTime() + 10 * DAY).toISOString(),
    resolutionId: 'D1',
  };
  for (const caller of NOT_HOST_SECRETARIAT) await forbidden(caller, ASSIGN, { id: meetingId, input: action });
  // An owner may not assign an action to itself.
  await forbidden(['jintan', 'commander'], ASSIGN, { id: meetingId, input: action });
  const assigned = data(await net.as('wujin', 'secretariat', ASSIGN, { id: meetingId, input: action })).assignAction;
  expect(assigned).toMatchObject({ status: 'OPEN', owner: { code: 'jintan' } });
  data(
    await net.as('wujin', 'secretariat', ASSIGN, {
      id: meetingId,
      input: { ...action, title: '完善钟楼区防汛物资台账', owner: 'zhonglou' },
    }),
  );
});

test('only the owner jurisdiction reports progress on an action and completes it', async () => {
  const [jintanAction, zhonglouAction] = (await actionIdsByOwner(['jintan', 'zhonglou'])) as [string, string];
  const notOwner: Caller[] = [
    ['wujin', 'secretariat'],
    ['wujin', 'commander'],
    ['zhonglou', 'commander'],
    ['zhonglou', 'duty_officer'],
    ['tianning', 'commander'],
    ['changzhou', 'commander'],
    ['wujin.hutang', 'duty_officer'],
    ['jintan', 'observer'],
    ['jintan', 'registrar'],
  ];
  for (const caller of notOwner) {
    await forbidden(caller, PROGRESS, { id: jintanAction, input: { note: '越权报告进展', percent: 50 } });
    await forbidden(caller, COMPLETE, { id: jintanAction, note: '越权完成' });
  }
  // The owner's commander, duty officer and secretariat may.
  const p1 = data(
    await net.as('jintan', 'duty_officer', PROGRESS, {
      id: jintanAction,
      input: { note: '值班表初稿已完成', percent: 40 },
    }),
  ).reportProgress;
  expect(p1).toMatchObject({ status: 'IN_PROGRESS', percent: 40 });
  const p2 = data(
    await net.as('jintan', 'secretariat', PROGRESS, { id: jintanAction, input: { note: '已征求意见', percent: 70 } }),
  ).reportProgress;
  expect(p2.progress.map((p: { percent: number; by: string }) => [p.percent, p.by])).toEqual([
    [40, 'jintanduty_officer'],
    [70, 'jintansecretariat'],
  ]);
  // Zhonglou may not touch Jintan's action, and Jintan not Zhonglou's.
  await forbidden(['jintan', 'commander'], PROGRESS, { id: zhonglouAction, input: { note: '越权', percent: 10 } });
  await forbidden(['jintan', 'commander'], COMPLETE, { id: zhonglouAction });
  const done = data(
    await net.as('jintan', 'commander', COMPLETE, { id: jintanAction, note: '值班表已印发' }),
  ).completeAction;
  expect(done).toMatchObject({ status: 'DONE', percent: 100 });
  // Still refused once done, with FORBIDDEN (not a hint about its state).
  await forbidden(['zhonglou', 'commander'], COMPLETE, { id: jintanAction });
});

test('members and the city above read meetings and actions; outsiders do not', async () => {
  const [jintanAction, zhonglouAction] = await actionIdsByOwner(['jintan', 'zhonglou']);
  const readers: Caller[] = [
    ['wujin', 'secretariat'],
    ['wujin', 'observer'],
    ['jintan', 'observer'],
    ['zhonglou', 'duty_officer'],
    ['changzhou', 'commander'],
  ];
  for (const [j, role] of readers) {
    const m = data(await net.as(j, role, MEETING, { id: meetingId })).meeting!;
    expect({ reader: [j, role], id: m.id, actions: m.actions.length }).toEqual({
      reader: [j, role],
      id: meetingId,
      actions: 2,
    });
    expect(data(await net.as(j, role, REPORT, { id: meetingId })).meetingReport).toContain('会议纪要');
    const listed = data(await net.as(j, role, MEETINGS, { f: {} })).meetings.map((x: { id: string }) => x.id);
    expect(listed).toContain(meetingId);
    const actions = data(await net.as(j, role, ACTIONS, { f: { meeting: meetingId } })).actionItems.map(
      (a: { id: string }) => a.id,
    );
    expect(actions.sort()).toEqual([jintanAction, zhonglouAction].sort());
  }

  const outsiders: Caller[] = [
    ['tianning', 'commander'],
    ['tianning', 'secretariat'],
    ['wujin.hutang', 'commander'],
  ];
  for (const caller of outsiders) {
    await forbidden(caller, MEETING, { id: meetingId });
    await forbidden(caller, REPORT, { id: meetingId });
    expect(
      data(await net.as(caller[0], caller[1], MEETINGS, { f: {} })).meetings.map((x: { id: string }) => x.id),
    ).not.toContain(meetingId);
    expect(data(await net.as(caller[0], caller[1], MEETINGS, { f: { member: 'wujin' } })).meetings).toEqual([]);
    expect(data(await net.as(caller[0], caller[1], ACTIONS, { f: { meeting: meetingId } })).actionItems).toEqual([]);
    expect(data(await net.as(caller[0], caller[1], ACTIONS, { f: { owner: 'zhonglou' } })).actionItems).toEqual([]);
    expect(data(await net.as(caller[0], caller[1], ACTIONS, {})).actionItems).toEqual([]);
    expect(data(await net.as(caller[0], caller[1], MY_OPEN, {})).myOpenActions).toEqual([]);
  }

  // No token at all: nothing.
  const anonymous = await net.query(MEETING, { id: meetingId });
  expect((anonymous.errors ?? []).map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  expect(anonymous.data?.meeting ?? null).toBeNull();
});

test('the .docx download: 401 without a valid token, 403 for an outsider, the document for a member', async () => {
  const noToken = await download(net, meetingId, null);
  expect(noToken.status).toBe(401);
  expect(((await noToken.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe(
    'UNAUTHENTICATED',
  );
  expect((await download(net, meetingId, 'not-a-token')).status).toBe(401);
  expect(
    (await download(net, meetingId, tokenFor({ jurisdiction: 'jintan', roles: ['commander'] }, { key: impostorKey() })))
      .status,
  ).toBe(401);
  expect(
    (await download(net, meetingId, tokenFor({ jurisdiction: 'jintan', roles: ['commander'] }, { expiresIn: -60 })))
      .status,
  ).toBe(401);

  for (const [j, role] of [
    ['tianning', 'commander'],
    ['wujin.hutang', 'secretariat'],
  ] as Caller[]) {
    const res = await download(net, meetingId, tokenFor({ jurisdiction: j, roles: [role] }));
    expect({ j, status: res.status, type: res.headers.get('content-type') }).toEqual({
      j,
      status: 403,
      type: expect.stringContaining('json'),
    });
    const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('FORBIDDEN');
  }

  for (const [j, role] of [
    ['jintan', 'observer'],
    ['zhonglou', 'duty_officer'],
    ['wujin', 'secretariat'],
    ['changzhou', 'commander'],
  ] as Caller[]) {
    const res = await download(net, meetingId, tokenFor({ jurisdiction: j, roles: [role] }));
    expect({ j, status: res.status }).toEqual({ j, status: 200 });
    expect(res.headers.get('content-type')).toContain('wordprocessingml');
    const xml = documentXml(new Uint8Array(await res.arrayBuffer()));
    expect(xml).toContain('武进、金坛、钟楼三区防汛联动专题会议');
    for (const owner of ['金坛区', '钟楼区']) expect(xml).toContain(owner);
  }
});

test('only the host’s secretariat cancels and concludes a meeting', async () => {
  const other = data(
    await net.as('wujin', 'secretariat', SCHEDULE, { input: meetingInput({ title: '待取消的专题会议' }) }),
  ).scheduleMeeting.id;
  for (const caller of NOT_HOST_SECRETARIAT) await forbidden(caller, CANCEL, { id: other, reason: '越权取消' });
  expect(
    data(await net.as('wujin', 'secretariat', CANCEL, { id: other, reason: '汛情紧急，会议延期' })).cancelMeeting
      .status,
  ).toBe('CANCELLED');

  for (const caller of NOT_HOST_SECRETARIAT) {
    await forbidden(caller, CONCLUDE, { id: meetingId, minutes: '越权印发的纪要' });
  }
  const concluded = data(
    await net.as('wujin', 'secretariat', CONCLUDE, { id: meetingId, minutes: '会议议定一项事项，明确两项任务。' }),
  ).concludeMeeting;
  expect(concluded).toMatchObject({ status: 'CONCLUDED', minutes: '会议议定一项事项，明确两项任务。' });
});

/** The meeting's actions, one per owner, in the order of `owners`. */
async function actionIdsByOwner(owners: string[]): Promise<string[]> {
  const all = data(await net.as('wujin', 'secretariat', ACTIONS, { f: { meeting: meetingId } })).actionItems as {
    id: string;
    owner: { code: string };
  }[];
  return owners.map((o) => {
    const a = all.find((x) => x.owner.code === o);
    if (!a) throw new Error(`no action of ${o}`);
    return a.id;
  });
}

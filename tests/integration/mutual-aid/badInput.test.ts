import { untyped, type GraphQLResult, type TypedOperation } from '../../testkit/graphql';
import { buildTeam, seedTeams } from '../../testkit/teamSeeder';
import { startAidNetwork, type AidNetwork, type TestRole } from '../../testkit/mutualAid';
import {
  ACCEPT,
  ACK,
  CANCEL,
  CLOSE,
  CONFIRM,
  data,
  GET,
  INCIDENT,
  inMs,
  REPORT,
  RESPOND,
  SUBMIT,
  teamStatus,
} from '../../testkit/requests';

/**
 * Every bad input to the mutual-aid mutations gets its contract code and a message naming the
 * field, and writes nothing: no request, no number, no notification, no change to the request's
 * version or timeline, no reservation on a node. Each call is made by someone allowed to make it,
 * so the input itself is the only reason to refuse.
 */
jest.setTimeout(90_000);

let net: AidNetwork;
/** An OPEN request from Wujin to Tianning: a hazmat line (N1) and a flood-bag line (N2). */
let openId: string;
let tianningHazmat: string;
let tianningHazmat2: string;
let tianningMedical: string;
let zhonglouHazmat: string;

const UNKNOWN_ID = `wujin:ReinforcementRequest:${'0'.repeat(24)}`;
const validInput = (over: Record<string, unknown> = {}) => ({
  requester: 'wujin',
  incident: INCIDENT,
  needs: [{ teamType: 'hazmat', quantity: 2 }],
  targets: ['tianning', 'zhonglou'],
  respondBy: inMs(600_000),
  ...over,
});

async function requestCount(): Promise<number> {
  return net.aid.deps.store.requests.countDocuments({}).exec();
}
async function notificationCount(): Promise<number> {
  return net.aid.deps.store.conn.collection('notifications').countDocuments({});
}

/** What a refused call must leave alone: the stored request (as JSON) and the notifications. */
async function state(id: string | null) {
  const doc = id ? await net.aid.deps.store.requests.findById(id.split(':')[2]).lean().exec() : null;
  return {
    requests: await requestCount(),
    notifications: await notificationCount(),
    request: JSON.parse(JSON.stringify(doc)) as unknown,
  };
}

/** Sends the call and checks its error code, that the message mentions `mentions`, and that nothing changed. */
async function refused(
  id: string | null,
  call: () => Promise<GraphQLResult>,
  code: string,
  mentions: RegExp,
): Promise<void> {
  const before = await state(id);
  if (id) expect(before.request).not.toBeNull();
  const r = await call();
  expect(r.errors?.length).toBeGreaterThanOrEqual(1);
  const error = r.errors![0]!;
  expect({ code: error.extensions?.code, message: error.message }).toEqual({
    code,
    message: expect.stringMatching(mentions),
  });
  expect(r.data?.[Object.keys(r.data ?? {})[0] as string] ?? null).toBeNull();
  expect(await state(id)).toEqual(before);
}

/** A call with bad variables on purpose, hence untyped. */
const as =
  (
    jurisdiction: string,
    role: TestRole,
    document: TypedOperation<unknown, never>,
    variables: Record<string, unknown>,
  ) =>
  () =>
    net.as(jurisdiction, role, untyped(document), variables);

beforeAll(async () => {
  net = await startAidNetwork(['wujin', 'tianning', 'zhonglou']);
  [tianningHazmat, tianningHazmat2, tianningMedical] = (await seedTeams(net.nodes.get('tianning')!, [
    buildTeam({ name: '天宁区危化品应急救援队', type: 'hazmat', tier: 1, base: { lat: 31.78, lng: 119.98 } }),
    buildTeam({ name: '天宁区危化品救援二队', type: 'hazmat', tier: 2, base: { lat: 31.79, lng: 119.98 } }),
    buildTeam({ name: '天宁区紧急医学救援队', type: 'medical', tier: 1, base: { lat: 31.79, lng: 119.97 } }),
  ])) as [string, string, string];
  [zhonglouHazmat] = (await seedTeams(net.nodes.get('zhonglou')!, [
    buildTeam({ name: '钟楼区危化品应急救援队', type: 'hazmat', tier: 1, base: { lat: 31.78, lng: 119.93 } }),
  ])) as [string];
  const input = validInput({
    needs: [
      { teamType: 'hazmat', quantity: 2 },
      { supplyItem: 'woven_bag', quantity: 500 },
    ],
    targets: ['tianning'],
  });
  openId = data(await net.as('wujin', 'commander', SUBMIT, { input, key: 'bad-input-open-0001' }))
    .submitReinforcementRequest.id;
});

afterAll(async () => {
  await net?.stop();
});

describe('submitReinforcementRequest', () => {
  const submit = (input: unknown, key = 'bad-input-submission') => as('wujin', 'commander', SUBMIT, { input, key });
  const cases: [string, () => Promise<GraphQLResult>, RegExp][] = [
    [
      'an unknown team type',
      submit(validInput({ needs: [{ teamType: 'dragon_slaying', quantity: 1 }] })),
      /input\.needs\.0\.teamType: unknown team type/,
    ],
    [
      'a quantity of zero',
      submit(validInput({ needs: [{ teamType: 'hazmat', quantity: 0 }] })),
      /input\.needs\.0\.quantity: at least 1/,
    ],
    [
      'a negative quantity',
      submit(validInput({ needs: [{ supplyItem: 'woven_bag', quantity: -5 }] })),
      /input\.needs\.0\.quantity: at least 1/,
    ],
    [
      'a need naming a team type and a supply item',
      submit(validInput({ needs: [{ teamType: 'hazmat', supplyItem: 'woven_bag', quantity: 1 }] })),
      /input\.needs\.0.*exactly one of teamType, supplyItem and socialCapability/,
    ],
    [
      'a need naming a supply item and a capability',
      submit(validInput({ needs: [{ supplyItem: 'woven_bag', socialCapability: 'water_sar', quantity: 1 }] })),
      /input\.needs\.0.*exactly one of/,
    ],
    ['a need naming nothing', submit(validInput({ needs: [{ quantity: 1 }] })), /input\.needs\.0.*exactly one of/],
    ['no needs', submit(validInput({ needs: [] })), /input\.needs: name at least one need/],
    ['no targets', submit(validInput({ targets: [] })), /input\.targets: ask at least one jurisdiction/],
    [
      'the requester among its targets',
      submit(validInput({ targets: ['tianning', 'wujin'] })),
      /input\.targets: a jurisdiction does not ask itself/,
    ],
    [
      'an unknown target code',
      submit(validInput({ targets: ['tianning', 'nanjing'] })),
      /input\.targets\.1: unknown jurisdiction nanjing/,
    ],
    [
      'a malformed target code',
      submit(validInput({ targets: ['Tian Ning!'] })),
      /input\.targets\.0: not a jurisdiction code/,
    ],
    [
      'a respondBy in the past',
      submit(validInput({ respondBy: inMs(-60_000) })),
      /input\.respondBy: must be in the future/,
    ],
    ['an idempotency key too short', submit(validInput(), 'abc'), /idempotencyKey: at least 8 characters/],
  ];

  test.each(cases)('%s: BAD_USER_INPUT naming the field, and nothing is written', async (_name, call, mentions) => {
    await refused(null, call, 'BAD_USER_INPUT', mentions);
  });

  test('refused submissions use up no request number', async () => {
    const next = data(
      await net.as('wujin', 'commander', SUBMIT, { input: validInput(), key: 'bad-input-valid-0002' }),
    ).submitReinforcementRequest;
    const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
    expect(next.number).toBe(`WJ-${year}-0002`);
    // Cancel it, so that it is out of the way of the other cases.
    data(await net.as('wujin', 'commander', CANCEL, { id: next.id, reason: '测试完毕' }));
  });
});

describe('respondToRequest', () => {
  const offer = (offers: unknown[], kind = 'OFFER') =>
    as('tianning', 'commander', RESPOND, { id: openId, input: { kind, offers } });
  const hex = () => tianningHazmat.split(':')[2]!;
  const cases: [string, () => Promise<GraphQLResult>, RegExp][] = [
    [
      'a needId that does not exist',
      () => offer([{ needId: 'N9', resourceId: tianningHazmat }])(),
      /input\.offers\.0: no need line N9 on this request/,
    ],
    [
      'a social force for a TEAM line',
      () => offer([{ needId: 'N1', resourceId: `tianning:SocialForce:${hex()}` }])(),
      /input\.offers\.0: need N1 asks for a TEAM resource/,
    ],
    [
      'a team for a SUPPLY line',
      () => offer([{ needId: 'N2', resourceId: tianningHazmat, quantity: 10 }])(),
      /input\.offers\.0: need N2 asks for a SUPPLY resource/,
    ],
    [
      'a team of another type',
      () => offer([{ needId: 'N1', resourceId: tianningMedical }])(),
      /input\.offers\.0: .*does not provide hazmat/,
    ],
    [
      'a team of another jurisdiction',
      () => offer([{ needId: 'N1', resourceId: zhonglouHazmat }])(),
      /input\.offers\.0: .*belongs to zhonglou, not to tianning/,
    ],
    [
      'a malformed resource id',
      () => offer([{ needId: 'N1', resourceId: 'team-42' }])(),
      /input\.offers\.0: .*team-42 is not one/,
    ],
    [
      'a good offer next to a bad one',
      () =>
        offer([
          { needId: 'N1', resourceId: tianningHazmat },
          { needId: 'N1', resourceId: tianningMedical },
        ])(),
      /input\.offers\.1: .*does not provide hazmat/,
    ],
    ['an OFFER with no offers', () => offer([])(), /input\.offers: an OFFER or PROVISIONAL response names resources/],
    [
      'a PROVISIONAL with no offers',
      () => offer([], 'PROVISIONAL')(),
      /input\.offers: an OFFER or PROVISIONAL response names resources/,
    ],
    [
      'a DECLINE with offers',
      () => offer([{ needId: 'N1', resourceId: tianningHazmat }], 'DECLINE')(),
      /input\.offers: .*a DECLINE names none/,
    ],
  ];

  test.each(cases)(
    '%s: BAD_USER_INPUT naming the offer, nothing written or reserved',
    async (_name, call, mentions) => {
      await refused(openId, call, 'BAD_USER_INPUT', mentions);
      expect(await teamStatus(net, tianningHazmat)).toBe('AVAILABLE');
    },
  );
});

test('acceptOffer of a resource never offered: BAD_USER_INPUT, nothing deployed', async () => {
  await refused(
    openId,
    as('wujin', 'commander', ACCEPT, { id: openId, ids: [tianningHazmat] }),
    'BAD_USER_INPUT',
    /was not offered on this request/,
  );
  expect(await teamStatus(net, tianningHazmat)).toBe('AVAILABLE');
  await refused(
    openId,
    as('wujin', 'commander', ACCEPT, { id: openId, ids: [] }),
    'BAD_USER_INPUT',
    /resourceIds: name at least one resource/,
  );
});

describe('an assignment under way, then the request cancelled', () => {
  let id: string;
  let assignment: string;

  beforeAll(async () => {
    const input = validInput({ needs: [{ teamType: 'hazmat', quantity: 1 }], targets: ['tianning'] });
    id = data(await net.as('wujin', 'commander', SUBMIT, { input, key: 'bad-input-flow-0003' }))
      .submitReinforcementRequest.id;
    const r = data(
      await net.as('tianning', 'commander', RESPOND, {
        id,
        input: { kind: 'OFFER', offers: [{ needId: 'N1', resourceId: tianningHazmat2 }] },
      }),
    ).respondToRequest;
    expect(r.responses[0]!.offered[0]!.state).toBe('OFFERED');
    assignment = data(await net.as('wujin', 'commander', ACCEPT, { id, ids: [tianningHazmat2] })).acceptOffer
      .assignments[0]!.id;
    data(await net.as('tianning', 'duty_officer', REPORT, { a: assignment, s: 'EN_ROUTE' }));
    data(await net.as('wujin', 'commander', REPORT, { a: assignment, s: 'ON_SCENE' }));
  });

  test('a status going backwards: CONFLICT, history unchanged', async () => {
    await refused(
      id,
      as('wujin', 'commander', REPORT, { a: assignment, s: 'EN_ROUTE' }),
      'CONFLICT',
      /already ON_SCENE; it cannot go back to EN_ROUTE/,
    );
    await refused(
      id,
      as('tianning', 'commander', REPORT, { a: assignment, s: 'DISPATCHED' }),
      'CONFLICT',
      /already ON_SCENE; it cannot go back to DISPATCHED/,
    );
    const r = data(await net.as('wujin', 'commander', GET, { id })).reinforcementRequest!;
    expect(r.assignments[0]!.status).toBe('ON_SCENE');
    expect(r.assignments[0]!.history.map((h: { status: string }) => h.status)).toEqual([
      'DISPATCHED',
      'EN_ROUTE',
      'ON_SCENE',
    ]);
  });

  test('RETURNED before RELEASED: CONFLICT, the team stays deployed', async () => {
    await refused(
      id,
      as('tianning', 'commander', REPORT, { a: assignment, s: 'RETURNED', note: '已归建' }),
      'CONFLICT',
      /Release the assignment before reporting it RETURNED/,
    );
    expect(await teamStatus(net, tianningHazmat2)).toBe('DEPLOYED');
  });

  test('malformed and unknown assignment ids', async () => {
    await refused(
      id,
      as('wujin', 'commander', REPORT, { a: 'A1', s: 'EN_ROUTE' }),
      'BAD_USER_INPUT',
      /"A1" is not an assignment id/,
    );
    await refused(
      id,
      as('wujin', 'commander', REPORT, { a: `${id}:A9`, s: 'ON_SCENE' }),
      'NOT_FOUND',
      /No assignment .*:A9/,
    );
  });

  test('cancel with an empty reason: BAD_USER_INPUT naming the reason', async () => {
    await refused(
      id,
      as('wujin', 'commander', CANCEL, { id, reason: '' }),
      'BAD_USER_INPUT',
      /reason: must not be empty/,
    );
    await refused(
      id,
      as('wujin', 'commander', CANCEL, { id, reason: '   ' }),
      'BAD_USER_INPUT',
      /reason: must not be empty/,
    );
    expect(await teamStatus(net, tianningHazmat2)).toBe('DEPLOYED');
  });

  test('every write on a CANCELLED request: CONFLICT, nothing changes', async () => {
    const cancelled = data(await net.as('wujin', 'commander', CANCEL, { id, reason: '险情已排除' })).cancelRequest;
    expect(cancelled.status).toBe('CANCELLED');
    expect(await teamStatus(net, tianningHazmat2)).toBe('AVAILABLE');
    const ended = /is CANCELLED/;
    await refused(id, as('tianning', 'duty_officer', ACK, { id }), 'CONFLICT', ended);
    await refused(
      id,
      as('tianning', 'commander', RESPOND, { id, input: { kind: 'DECLINE', reason: '无可用队伍' } }),
      'CONFLICT',
      ended,
    );
    await refused(
      id,
      as('tianning', 'commander', RESPOND, {
        id,
        input: { kind: 'OFFER', offers: [{ needId: 'N1', resourceId: tianningHazmat }] },
      }),
      'CONFLICT',
      ended,
    );
    await refused(id, as('tianning', 'commander', CONFIRM, { id, ids: [tianningHazmat2] }), 'CONFLICT', ended);
    await refused(id, as('wujin', 'commander', ACCEPT, { id, ids: [tianningHazmat2] }), 'CONFLICT', ended);
    await refused(id, as('wujin', 'commander', CANCEL, { id, reason: '再次取消' }), 'CONFLICT', ended);
    await refused(id, as('wujin', 'commander', CLOSE, { id }), 'CONFLICT', ended);
    await refused(
      id,
      as('wujin', 'commander', REPORT, { a: assignment, s: 'ON_SCENE' }),
      'CONFLICT',
      /cannot go back to ON_SCENE/,
    );
    expect(await teamStatus(net, tianningHazmat)).toBe('AVAILABLE');
    expect(await teamStatus(net, tianningHazmat2)).toBe('AVAILABLE');
  });
});

describe('request ids', () => {
  const malformed = ['WJ-2026-0001', 'wujin:Team:0123456789abcdef01234567', 'wujin:ReinforcementRequest:xyz'];

  test.each(malformed)('malformed id %s: BAD_USER_INPUT on every call that takes one', async (bad) => {
    const mention = /is not a reinforcement request id/;
    await refused(null, as('wujin', 'observer', GET, { id: bad }), 'BAD_USER_INPUT', mention);
    await refused(null, as('tianning', 'duty_officer', ACK, { id: bad }), 'BAD_USER_INPUT', mention);
    await refused(
      null,
      as('tianning', 'commander', RESPOND, { id: bad, input: { kind: 'DECLINE' } }),
      'BAD_USER_INPUT',
      mention,
    );
    await refused(
      null,
      as('wujin', 'commander', ACCEPT, { id: bad, ids: [tianningHazmat] }),
      'BAD_USER_INPUT',
      mention,
    );
    await refused(null, as('wujin', 'commander', CANCEL, { id: bad, reason: '取消' }), 'BAD_USER_INPUT', mention);
    await refused(null, as('wujin', 'commander', CLOSE, { id: bad }), 'BAD_USER_INPUT', mention);
  });

  test('an unknown id: NOT_FOUND for writes, null for the read', async () => {
    const mention = /No reinforcement request wujin:ReinforcementRequest:0{24}/;
    await refused(null, as('tianning', 'duty_officer', ACK, { id: UNKNOWN_ID }), 'NOT_FOUND', mention);
    await refused(
      null,
      as('tianning', 'commander', RESPOND, { id: UNKNOWN_ID, input: { kind: 'DECLINE' } }),
      'NOT_FOUND',
      mention,
    );
    await refused(
      null,
      as('tianning', 'commander', CONFIRM, { id: UNKNOWN_ID, ids: [tianningHazmat] }),
      'NOT_FOUND',
      mention,
    );
    await refused(
      null,
      as('wujin', 'commander', ACCEPT, { id: UNKNOWN_ID, ids: [tianningHazmat] }),
      'NOT_FOUND',
      mention,
    );
    await refused(null, as('wujin', 'commander', CANCEL, { id: UNKNOWN_ID, reason: '取消' }), 'NOT_FOUND', mention);
    await refused(null, as('wujin', 'commander', CLOSE, { id: UNKNOWN_ID }), 'NOT_FOUND', mention);
    const read = await net.as('wujin', 'observer', GET, { id: UNKNOWN_ID });
    expect(read.errors).toBeUndefined();
    expect(read.data).toEqual({ reinforcementRequest: null });
  });
});

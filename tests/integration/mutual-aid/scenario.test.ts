import { buildTeam, seedTeams } from '../../testkit/teamSeeder';
import { startAidNetwork, type AidNetwork } from '../../testkit/mutualAid';
import {
  ACCEPT,
  ACK,
  CLOSE,
  CONFIRM,
  data,
  GET,
  INCIDENT,
  inMs,
  NOTIFICATIONS,
  RELEASE,
  REPORT,
  RESPOND,
  SUBMIT,
  teamStatus,
} from '../../testkit/requests';

/**
 * Issue 4, point a: a Wujin commander asks Tianning and Zhonglou for 2 hazmat teams, 1 medical
 * team and 500 woven flood bags, and follows the request through to the teams' return — all
 * through the gateway, with real nodes, FerretDB and Redis.
 */
jest.setTimeout(90_000);

let net: AidNetwork;
let tianningHazmat: string;
let tianningMedical: string;
let zhonglouHazmat: string;

beforeAll(async () => {
  net = await startAidNetwork(['wujin', 'tianning', 'zhonglou']);
  [tianningHazmat, tianningMedical] = (await seedTeams(net.nodes.get('tianning')!, [
    buildTeam({
      name: '天宁区危化品应急救援队',
      type: 'hazmat',
      tier: 1,
      base: { lat: 31.78, lng: 119.98 },
      readinessMinutes: 10,
    }),
    buildTeam({
      name: '天宁区紧急医学救援队',
      type: 'medical',
      tier: 2,
      base: { lat: 31.79, lng: 119.97 },
      readinessMinutes: 5,
    }),
  ])) as [string, string];
  [zhonglouHazmat] = (await seedTeams(net.nodes.get('zhonglou')!, [
    buildTeam({ name: '钟楼区危化品应急救援队', type: 'hazmat', tier: 2, base: { lat: 31.78, lng: 119.93 } }),
  ])) as [string];
});

afterAll(async () => {
  await net?.stop();
});

test('the whole life of a request, from submission to return', async () => {
  const input = {
    requester: 'wujin',
    incident: INCIDENT,
    needs: [
      { teamType: 'hazmat', quantity: 2 },
      { teamType: 'medical', quantity: 1 },
      { supplyItem: 'woven_bag', quantity: 500 },
    ],
    targets: ['tianning', 'zhonglou'],
    respondBy: inMs(10 * 60_000),
  };
  const submitted = data(
    await net.as('wujin', 'commander', SUBMIT, { input, key: 'scenario-a-0001' }),
  ).submitReinforcementRequest;
  const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
  expect(submitted.number).toBe(`WJ-${year}-0001`);
  expect(submitted.status).toBe('OPEN');
  expect(submitted.requester).toEqual({ code: 'wujin', name: '武进区' });
  expect(submitted.targets.map((t: { code: string }) => t.code)).toEqual(['tianning', 'zhonglou']);
  const id: string = submitted.id;
  expect(id).toMatch(/^wujin:ReinforcementRequest:[0-9a-f]{24}$/);
  const [hazmat, medical, bags] = submitted.needs.map((n) => n.id) as [string, string, string];

  // The targets are told.
  const inbox = data(await net.as('tianning', 'duty_officer', NOTIFICATIONS, { j: 'tianning' })).notifications;
  expect(inbox.some((n) => n.kind === 'REQUEST_RECEIVED' && n.request?.id === id)).toBe(true);

  // Tianning acknowledges, then offers a hazmat and a medical team (reserved on its node).
  data(await net.as('tianning', 'duty_officer', ACK, { id }));
  const offered = data(
    await net.as('tianning', 'commander', RESPOND, {
      id,
      input: {
        kind: 'OFFER',
        offers: [
          { needId: hazmat, resourceId: tianningHazmat },
          { needId: medical, resourceId: tianningMedical },
        ],
      },
    }),
  ).respondToRequest;
  expect(offered.responses[0]!.offered.map((o: { state: string }) => o.state)).toEqual(['OFFERED', 'OFFERED']);
  expect(await teamStatus(net, tianningHazmat)).toBe('RESERVED');
  expect(await teamStatus(net, tianningMedical)).toBe('RESERVED');

  // Zhonglou offers its hazmat team provisionally (nothing reserved), then confirms it.
  const provisional = data(
    await net.as('zhonglou', 'commander', RESPOND, {
      id,
      input: { kind: 'PROVISIONAL', offers: [{ needId: hazmat, resourceId: zhonglouHazmat }] },
    }),
  ).respondToRequest;
  expect(provisional.responses[1]!.kind).toBe('PROVISIONAL');
  expect(await teamStatus(net, zhonglouHazmat)).toBe('AVAILABLE');
  data(await net.as('zhonglou', 'commander', CONFIRM, { id, ids: [zhonglouHazmat] }));
  expect(await teamStatus(net, zhonglouHazmat)).toBe('RESERVED');

  // The commander accepts all three: deployed on their nodes, assignments DISPATCHED.
  const accepted = data(
    await net.as('wujin', 'commander', ACCEPT, { id, ids: [tianningHazmat, tianningMedical, zhonglouHazmat] }),
  ).acceptOffer;
  expect(accepted.status).toBe('PARTIALLY_FILLED'); // the flood bags are still missing
  expect(accepted.assignments.map((a: { status: string }) => a.status)).toEqual([
    'DISPATCHED',
    'DISPATCHED',
    'DISPATCHED',
  ]);
  for (const team of [tianningHazmat, tianningMedical, zhonglouHazmat]) {
    expect(await teamStatus(net, team)).toBe('DEPLOYED');
  }
  const fills = Object.fromEntries(
    accepted.needs.map((n: { id: string; fill: string; acceptedQuantity: number }) => [
      n.id,
      [n.fill, n.acceptedQuantity],
    ]),
  );
  expect(fills).toEqual({ [hazmat]: ['COMPLETE', 2], [medical]: ['COMPLETE', 1], [bags]: ['NONE', 0] });

  // Each assignment goes DISPATCHED → EN_ROUTE → ON_SCENE → RELEASED → RETURNED.
  let last = accepted;
  for (const a of accepted.assignments as { id: string; resourceId: string }[]) {
    const owner = a.resourceId.split(':')[0]!;
    data(await net.as(owner, 'duty_officer', REPORT, { a: a.id, s: 'EN_ROUTE', note: '已出发' }));
    data(await net.as('wujin', 'commander', REPORT, { a: a.id, s: 'ON_SCENE' }));
    expect(await teamStatus(net, a.resourceId)).toBe('DEPLOYED');
    data(await net.as('wujin', 'commander', RELEASE, { a: a.id }));
    expect(await teamStatus(net, a.resourceId)).toBe('AVAILABLE');
    last = data(
      await net.as(owner, 'commander', REPORT, { a: a.id, s: 'RETURNED', note: '已归建' }),
    ).reportAssignmentStatus;
  }
  for (const a of last.assignments) {
    expect(a.history.map((h: { status: string }) => h.status)).toEqual([
      'DISPATCHED',
      'EN_ROUTE',
      'ON_SCENE',
      'RELEASED',
      'RETURNED',
    ]);
    for (const h of a.history) expect(Date.parse(h.at)).toBeGreaterThan(0);
  }
  expect(last.needs.find((n) => n.id === hazmat)!.fulfilledQuantity).toBe(2);

  const closed = data(await net.as('wujin', 'commander', CLOSE, { id })).closeRequest;
  expect(closed.status).toBe('CLOSED');

  // The timeline lists every step with actor and time, in order.
  const final = data(await net.as('wujin', 'observer', GET, { id })).reinforcementRequest!;
  const types = final.timeline.map((e: { type: string }) => e.type);
  for (const t of [
    'SUBMITTED',
    'ACKNOWLEDGED',
    'RESPONDED_OFFER',
    'NODE_RESERVED',
    'RESPONDED_PROVISIONAL',
    'OFFER_CONFIRMED',
    'ACCEPTED',
    'DISPATCHED',
    'ASSIGNMENT_EN_ROUTE',
    'ASSIGNMENT_ON_SCENE',
    'ASSIGNMENT_RELEASED',
    'NODE_RELEASED',
    'ASSIGNMENT_RETURNED',
    'CLOSED',
  ]) {
    expect(types).toContain(t);
  }
  const times = final.timeline.map((e: { at: string }) => Date.parse(e.at));
  expect([...times].sort((a, b) => a - b)).toEqual(times);
  for (const e of final.timeline) expect(e.actor).toBeTruthy();
  expect(final.timeline.find((e) => e.type === 'ACKNOWLEDGED')!.jurisdiction!.code).toBe('tianning');
  expect(final.pendingActions).toEqual([]);
});

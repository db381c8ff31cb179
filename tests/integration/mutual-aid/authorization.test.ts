import { buildTeam, seedTeams } from '../../testkit/teamSeeder';
import { errorCodes } from '../../testkit/graphql';
import { startAidNetwork, type AidNetwork } from '../../testkit/mutualAid';
import { ACCEPT, ACK, CANCEL, data, GET, INCIDENT, inMs, NOTIFICATIONS, RESPOND, SUBMIT } from '../../testkit/requests';
import { graphql } from '../../testkit/graphql';

/**
 * Issue 4, point g: only the requester's commander submits, accepts and cancels; only a target's
 * commander or duty officer responds; an observer reads. Refused calls change nothing.
 */
jest.setTimeout(60_000);

let net: AidNetwork;
let request: { id: string; needs: { id: string }[] };
let team: string;

beforeAll(async () => {
  net = await startAidNetwork(['wujin', 'tianning', 'zhonglou']);
  [team] = (await seedTeams(net.nodes.get('tianning')!, [
    buildTeam({ name: '天宁区危化品应急救援队', type: 'hazmat' }),
  ])) as [string];
  const input = {
    requester: 'wujin',
    incident: INCIDENT,
    needs: [{ teamType: 'hazmat', quantity: 1 }],
    targets: ['tianning'],
    respondBy: inMs(600_000),
  };
  request = data(
    await net.as('wujin', 'commander', SUBMIT, { input, key: 'authz-request-1' }),
  ).submitReinforcementRequest;
});

afterAll(async () => {
  await net?.stop();
});

const input = {
  requester: 'wujin',
  incident: INCIDENT,
  needs: [{ teamType: 'hazmat', quantity: 1 }],
  targets: ['tianning'],
};

test('only a commander of the requesting jurisdiction submits', async () => {
  for (const [j, role] of [
    ['wujin', 'duty_officer'],
    ['wujin', 'observer'],
    ['tianning', 'commander'],
  ] as const) {
    const r = await net.as(j, role, SUBMIT, { input, key: `authz-submit-${j}-${role}` });
    expect(errorCodes(r)).toEqual(['FORBIDDEN']);
  }
  const anonymous = await graphql(net.gateway.url, SUBMIT, { input, key: 'authz-anon' });
  expect(anonymous.status).toBe(401);
  expect(await net.aid.deps.store.requests.countDocuments({})).toBe(1);
});

test('only a target commander or duty officer acknowledges and responds', async () => {
  const offer = {
    id: request.id,
    input: { kind: 'OFFER' as const, offers: [{ needId: request.needs[0]!.id, resourceId: team }] },
  };
  expect(errorCodes(await net.as('zhonglou', 'commander', ACK, { id: request.id }))).toEqual(['FORBIDDEN']);
  expect(errorCodes(await net.as('tianning', 'observer', ACK, { id: request.id }))).toEqual(['FORBIDDEN']);
  expect(errorCodes(await net.as('tianning', 'observer', RESPOND, offer))).toEqual(['FORBIDDEN']);
  expect(errorCodes(await net.as('wujin', 'commander', RESPOND, offer))).toEqual(['FORBIDDEN']);
  const stored = data(await net.as('wujin', 'observer', GET, { id: request.id })).reinforcementRequest!;
  expect(stored.responses).toEqual([]);
  expect(stored.acknowledgements).toEqual([]);
  // The duty officer may.
  const answered = data(await net.as('tianning', 'duty_officer', RESPOND, offer)).respondToRequest;
  expect(answered.responses).toHaveLength(1);
});

test('only the requester commander accepts and cancels; observers read but do not write', async () => {
  for (const [j, role] of [
    ['wujin', 'duty_officer'],
    ['wujin', 'observer'],
    ['tianning', 'commander'],
  ] as const) {
    expect(errorCodes(await net.as(j, role, ACCEPT, { id: request.id, ids: [team] }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await net.as(j, role, CANCEL, { id: request.id, reason: '测试' }))).toEqual(['FORBIDDEN']);
  }
  const read = data(await net.as('wujin', 'observer', GET, { id: request.id })).reinforcementRequest!;
  expect(read.status).toBe('OPEN');
  expect(read.responses[0]!.offered[0]!.state).toBe('OFFERED');
  expect(data(await net.as('tianning', 'observer', GET, { id: request.id })).reinforcementRequest!.id).toBe(request.id);
  // A jurisdiction with no part in it reads nothing of it.
  expect(errorCodes(await net.as('zhonglou', 'observer', GET, { id: request.id }))).toEqual(['FORBIDDEN']);
  // Notifications are per jurisdiction.
  expect(errorCodes(await net.as('zhonglou', 'commander', NOTIFICATIONS, { j: 'tianning' }))).toEqual(['FORBIDDEN']);
  expect(
    data(await net.as('wujin', 'commander', ACCEPT, { id: request.id, ids: [team] })).acceptOffer.assignments,
  ).toHaveLength(1);
});

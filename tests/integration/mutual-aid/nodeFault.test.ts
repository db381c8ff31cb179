import { startTestNode } from '../../testkit/registry';
import { buildTeam, seedTeams } from '../../testkit/teamSeeder';
import { startAidNetwork, type AidNetwork } from '../../testkit/mutualAid';
import { ACCEPT, CANCEL, data, eventually, GET, INCIDENT, inMs, RESPOND, SUBMIT } from '../../testkit/requests';

/**
 * Issue 4, point e: the owning node is down when the commander accepts — the request shows the
 * resource as pending, and the saga completes by itself when the node returns. A request cancelled
 * while the node is down leaves nothing reserved after reconciliation.
 */
jest.setTimeout(90_000);

let net: AidNetwork;

beforeAll(async () => {
  net = await startAidNetwork(['wujin', 'tianning']);
});

afterAll(async () => {
  await net?.stop();
});

/** Stops Tianning's node process-wise (its HTTP server and database connection), keeping its data. */
async function stopTianning(): Promise<{ databaseName: string; port: number }> {
  const node = net.nodes.get('tianning')!;
  const at = { databaseName: node.store.conn.name, port: node.port };
  await node.stop();
  return at;
}

async function startTianning(at: { databaseName: string; port: number }): Promise<void> {
  net.nodes.set('tianning', await startTestNode('tianning', at));
}

/** The team as its node stores it (read from the node's database, not through any API). */
async function stored(id: string) {
  const local = id.split(':')[2]!;
  return net.nodes.get('tianning')!.store.teams.findById(local).lean().exec();
}

async function offeredRequest(key: string, team: string) {
  const input = {
    requester: 'wujin',
    incident: INCIDENT,
    needs: [{ teamType: 'hazmat', quantity: 1 }],
    targets: ['tianning'],
    respondBy: inMs(600_000),
  };
  const r = data(await net.as('wujin', 'commander', SUBMIT, { input, key })).submitReinforcementRequest;
  data(
    await net.as('tianning', 'commander', RESPOND, {
      id: r.id,
      input: { kind: 'OFFER', offers: [{ needId: r.needs[0]!.id, resourceId: team }] },
    }),
  );
  return r.id;
}

test('accepted while the node is down: pending, then completed when it returns', async () => {
  const [team] = (await seedTeams(net.nodes.get('tianning')!, [
    buildTeam({ name: '天宁区危化品应急救援队', type: 'hazmat' }),
  ])) as [string];
  const id = await offeredRequest('fault-accept-1', team);
  const at = await stopTianning();

  const accepted = data(await net.as('wujin', 'commander', ACCEPT, { id, ids: [team] })).acceptOffer;
  expect(accepted.responses[0]!.offered[0]!).toMatchObject({ state: 'ACCEPTED', pending: 'DEPLOY' });
  expect(accepted.pendingActions).toMatchObject([
    { kind: 'DEPLOY', resourceId: team, jurisdiction: { code: 'tianning' } },
  ]);
  expect(accepted.pendingActions[0]!.attempts).toBeGreaterThanOrEqual(1);
  expect(accepted.pendingActions[0]!.lastError).toBeTruthy();
  expect(accepted.assignments).toEqual([]);
  expect(accepted.timeline.some((e: { type: string }) => e.type === 'NODE_UNREACHABLE')).toBe(true);

  await new Promise((r) => setTimeout(r, 1500)); // a few retries fail meanwhile
  await startTianning(at);
  // Nobody acts: the saga's retries deploy the team and create the assignment.
  const done = await eventually(
    async () => data(await net.as('wujin', 'commander', GET, { id })).reinforcementRequest!,
    (r) => r.pendingActions.length === 0 && r.assignments.length === 1,
    15_000,
  );
  expect(done.assignments[0]!).toMatchObject({ resourceId: team, status: 'DISPATCHED', pending: null });
  expect(done.responses[0]!.offered[0]!.pending).toBeNull();
  expect(await stored(team)).toMatchObject({ status: 'DEPLOYED', reservation: { requestId: id } });
});

test('cancelled while the node is down: nothing stays reserved after reconciliation', async () => {
  const [team, leaked] = (await seedTeams(net.nodes.get('tianning')!, [
    buildTeam({ name: '天宁区危化品救援二队', type: 'hazmat' }),
    buildTeam({ name: '天宁区危化品救援三队', type: 'hazmat' }),
  ])) as [string, string];
  const id = await offeredRequest('fault-cancel-1', team);
  expect(await stored(team)).toMatchObject({ status: 'RESERVED' });
  const at = await stopTianning();

  const cancelled = data(await net.as('wujin', 'commander', CANCEL, { id, reason: '险情已排除' })).cancelRequest;
  expect(cancelled.status).toBe('CANCELLED');
  expect(cancelled.pendingActions).toMatchObject([{ kind: 'RELEASE', resourceId: team }]);

  await startTianning(at);
  // A hold the request never recorded (a reservation that reached the node after the request
  // gave up on it): only the reconciler can find it.
  const service = (await import('../../testkit/tokens')).tokenFor({ jurisdiction: 'changzhou', roles: ['service'] });
  const { graphql } = await import('../../testkit/graphql');
  const late = await graphql(
    net.nodes.get('tianning')!.url,
    'mutation($t: ID!, $r: ID!) { reserveTeam(id: $t, requestId: $r) { status } }',
    { t: leaked, r: id },
    service,
  );
  expect(late.data).toEqual({ reserveTeam: { status: 'RESERVED' } });

  await eventually(
    async () => (await stored(team))?.status,
    (s) => s === 'AVAILABLE',
    15_000,
  );
  const released = await net.aid.reconciler.reconcileOnce();
  expect(released).toBe(1);
  expect(await stored(leaked)).toMatchObject({ status: 'AVAILABLE', reservation: null });
  expect(await net.nodes.get('tianning')!.store.teams.countDocuments({ 'reservation.requestId': id })).toBe(0);
  const after = data(await net.as('wujin', 'commander', GET, { id })).reinforcementRequest!;
  expect(after.pendingActions).toEqual([]);
  expect(after.timeline.some((e: { type: string }) => e.type === 'RECONCILED')).toBe(true);
});

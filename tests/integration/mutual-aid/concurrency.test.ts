import { buildTeam, seedTeams } from '../../testkit/teamSeeder';
import { errorCodes } from '../../testkit/graphql';
import { startAidNetwork, type AidNetwork } from '../../testkit/mutualAid';
import { ACCEPT, data, GET, INCIDENT, inMs, RESPOND, SUBMIT, teamStatus } from '../../testkit/requests';

/**
 * Issue 4, points c and d: the same submission sent five times at once makes one request; two
 * requests accepting the same team at once — exactly one gets it, the other sees CONFLICT and its
 * offer is WITHDRAWN, and nothing is left RESERVED.
 */
jest.setTimeout(90_000);

let net: AidNetwork;

beforeAll(async () => {
  net = await startAidNetwork(['wujin', 'tianning', 'zhonglou']);
});

afterAll(async () => {
  await net?.stop();
});

const submission = (requester: string, target: string, title: string) => ({
  requester,
  incident: { ...INCIDENT, title },
  needs: [{ teamType: 'hazmat', quantity: 1 }],
  targets: [target],
  respondBy: inMs(10 * 60_000),
});

test('c. five concurrent submissions with one idempotency key make one request', async () => {
  const input = submission('wujin', 'tianning', '幂等性测试');
  const results = await Promise.all(
    Array.from({ length: 5 }, () => net.as('wujin', 'commander', SUBMIT, { input, key: 'idem-key-concurrent-1' })),
  );
  const ids = new Set(results.map((r) => data(r).submitReinforcementRequest.id));
  const numbers = new Set(results.map((r) => data(r).submitReinforcementRequest.number));
  expect(ids.size).toBe(1);
  expect(numbers.size).toBe(1);
  expect(await net.aid.deps.store.requests.countDocuments({ idempotencyKey: 'idem-key-concurrent-1' })).toBe(1);

  // A later retry returns the same request; the same key with a different payload is refused.
  const again = data(
    await net.as('wujin', 'commander', SUBMIT, { input, key: 'idem-key-concurrent-1' }),
  ).submitReinforcementRequest;
  expect(again.id).toBe([...ids][0]);
  const changed = await net.as('wujin', 'commander', SUBMIT, {
    input: { ...input, needs: [{ teamType: 'hazmat', quantity: 2 }] },
    key: 'idem-key-concurrent-1',
  });
  expect(errorCodes(changed)).toEqual(['CONFLICT']);
  expect(await net.aid.deps.store.requests.countDocuments({})).toBe(1);

  // A new key is a new request with the next number.
  const next = data(
    await net.as('wujin', 'commander', SUBMIT, { input, key: 'idem-key-concurrent-2' }),
  ).submitReinforcementRequest;
  expect(next.number.endsWith('-0002')).toBe(true);
});

test('d. two requests accept offers of the same team at once: exactly one gets it', async () => {
  const [team] = (await seedTeams(net.nodes.get('zhonglou')!, [
    buildTeam({ name: '钟楼区危化品应急救援队(抢)', type: 'hazmat' }),
  ])) as [string];
  const a = data(
    await net.as('wujin', 'commander', SUBMIT, {
      input: submission('wujin', 'zhonglou', '请求甲'),
      key: 'race-request-a',
    }),
  ).submitReinforcementRequest;
  const b = data(
    await net.as('tianning', 'commander', SUBMIT, {
      input: submission('tianning', 'zhonglou', '请求乙'),
      key: 'race-request-b',
    }),
  ).submitReinforcementRequest;
  // Zhonglou offers the same team to both, provisionally (an offer reserves; only one could).
  for (const r of [a, b]) {
    data(
      await net.as('zhonglou', 'commander', RESPOND, {
        id: r.id,
        input: { kind: 'PROVISIONAL', offers: [{ needId: r.needs[0]!.id, resourceId: team }] },
      }),
    );
  }
  const [ra, rb] = await Promise.all([
    net.as('wujin', 'commander', ACCEPT, { id: a.id, ids: [team] }),
    net.as('tianning', 'commander', ACCEPT, { id: b.id, ids: [team] }),
  ]);
  const outcomes = [ra, rb].map((r) => (r.errors ? errorCodes(r)[0] : 'OK'));
  expect(outcomes.sort()).toEqual(['CONFLICT', 'OK']);
  const [winner, loser] = ra.errors ? [b, a] : [a, b];
  const loserError = (ra.errors ? ra : rb).errors![0]!;
  expect(loserError.extensions?.withdrawn).toEqual([team]);

  const w = data(await net.as('zhonglou', 'observer', GET, { id: winner.id })).reinforcementRequest!;
  const l = data(await net.as('zhonglou', 'observer', GET, { id: loser.id })).reinforcementRequest!;
  expect(w.assignments.map((x: { resourceId: string; status: string }) => [x.resourceId, x.status])).toEqual([
    [team, 'DISPATCHED'],
  ]);
  expect(l.assignments).toEqual([]);
  expect(l.responses[0]!.offered[0]!.state).toBe('WITHDRAWN');
  expect(l.responses[0]!.offered[0]!.reason).toBeTruthy();
  expect(l.pendingActions).toEqual([]);
  expect(l.timeline.some((e: { type: string }) => e.type === 'OFFER_WITHDRAWN')).toBe(true);

  // The team is DEPLOYED for the winner only: nothing is left RESERVED.
  const node = data(
    await net.as('zhonglou', 'commander', 'query($id: ID!) { team(id: $id) { status reservedFor } }', { id: team }),
  ).team;
  expect(node).toEqual({ status: 'DEPLOYED', reservedFor: winner.id });
  expect(await teamStatus(net, team)).not.toBe('RESERVED');
  expect(await net.nodes.get('zhonglou')!.store.teams.countDocuments({ status: 'RESERVED' })).toBe(0);
});

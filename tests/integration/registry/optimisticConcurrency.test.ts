import { creditCodeCheckChar } from '../../../services/registry/src/domain/creditCode';
import type { RegistryNode } from '../../../services/registry/src/registryNode';
import { errorCodes, expectData, graphql, type GraphQLResult } from '../../testkit/graphql';
import { createTeam, databaseSnapshot, startTestNode, stopTestNode } from '../../testkit/registry';
import { tokenFor } from '../../testkit/tokens';

/**
 * Acceptance: a stale expectedVersion gets CONFLICT and changes nothing. Records carry a version
 * that increases by one on every change; writers pass back the version they read.
 */

let node: RegistryNode;

const staff = () => tokenFor({ jurisdiction: 'wujin', roles: ['registrar', 'commander'] });
const service = () => tokenFor({ jurisdiction: 'wujin', roles: ['service'] });

const TEAM_FIELDS = 'id name tier status version updatedAt';
const UPDATE_TEAM = `mutation($id: ID!, $input: TeamUpdateInput!, $v: Int!) { updateTeam(id: $id, input: $input, expectedVersion: $v) { ${TEAM_FIELDS} } }`;
const SET_TEAM_STATUS = `mutation($id: ID!, $status: ResourceStatus!, $v: Int!) { setTeamStatus(id: $id, status: $status, expectedVersion: $v) { ${TEAM_FIELDS} } }`;
const RESERVE_TEAM =
  'mutation($id: ID!, $requestId: ID!) { reserveTeam(id: $id, requestId: $requestId) { id status version } }';
const REGISTER_FORCE =
  'mutation($input: SocialForceInput!) { registerSocialForce(jurisdiction: "wujin", input: $input) { id version } }';
const UPDATE_FORCE =
  'mutation($id: ID!, $input: SocialForceUpdateInput!, $v: Int!) { updateSocialForce(id: $id, input: $input, expectedVersion: $v) { id name version } }';
const SET_FORCE_STATUS =
  'mutation($id: ID!, $status: ResourceStatus!, $v: Int!) { setSocialForceStatus(id: $id, status: $status, expectedVersion: $v) { id status version } }';
const CREATE_EXPERT =
  'mutation($input: ExpertInput!) { createExpert(jurisdiction: "wujin", input: $input) { id version available } }';
const SET_EXPERT =
  'mutation($id: ID!, $available: Boolean!, $v: Int!) { setExpertAvailability(id: $id, available: $available, expectedVersion: $v) { id available version } }';
const CREATE_DEPOT = 'mutation($input: DepotInput!) { createDepot(jurisdiction: "wujin", input: $input) { id } }';
const STOCK_FIELDS = 'id quantity reserved available';
const SET_STOCK = `mutation($depotId: ID!, $item: ID!, $quantity: Int!) { setStock(depotId: $depotId, item: $item, quantity: $quantity) { ${STOCK_FIELDS} } }`;
const RESERVE_STOCK = `mutation($depotId: ID!, $item: ID!, $quantity: Int!, $requestId: ID!) { reserveStock(depotId: $depotId, item: $item, quantity: $quantity, requestId: $requestId) { ${STOCK_FIELDS} } }`;

interface TeamView {
  id: string;
  name: string;
  tier: number;
  status: string;
  version: number;
  updatedAt: string;
}

let teamSeq = 0;
const newTeam = () => createTeam(node, `并发测试队 ${++teamSeq}`, staff());

const updateTeam = (id: string, input: Record<string, unknown>, v: number) =>
  graphql<{ updateTeam: TeamView }>(node.url, UPDATE_TEAM, { id, input, v }, staff());
const setTeamStatus = (id: string, status: string, v: number) =>
  graphql<{ setTeamStatus: TeamView }>(node.url, SET_TEAM_STATUS, { id, status, v }, staff());

/** The stored document of a record, as plain JSON. */
async function stored(
  kind: 'teams' | 'socialForces' | 'experts' | 'stockLines',
  globalId: string,
): Promise<Record<string, unknown>> {
  const localId = globalId.split(':')[2] as string;
  const s = node.store;
  const find: Record<typeof kind, () => Promise<unknown>> = {
    teams: () => s.teams.findById(localId).lean().exec(),
    socialForces: () => s.socialForces.findById(localId).lean().exec(),
    experts: () => s.experts.findById(localId).lean().exec(),
    stockLines: () => s.stockLines.findById(localId).lean().exec(),
  };
  const doc = await find[kind]();
  if (!doc) throw new Error(`${globalId} is not stored`);
  return JSON.parse(JSON.stringify(doc)) as Record<string, unknown>;
}

/** Expects a single CONFLICT for a stale version that names the current one. */
function expectStale(res: GraphQLResult<unknown>, currentVersion: number): void {
  expect(errorCodes(res)).toEqual(['CONFLICT']);
  const error = res.errors?.[0];
  expect(error?.extensions?.currentVersion).toBe(currentVersion);
  expect(error?.extensions?.reason).toBe('STALE_VERSION');
  expect(error?.message).toMatch(/reload/);
  expect(res.data ?? null).toBeNull();
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  node = await startTestNode('wujin');
});

afterAll(async () => {
  if (node) await stopTestNode(node);
});

describe('teams', () => {
  test('a correct expectedVersion succeeds and bumps the version by exactly 1', async () => {
    const team = await newTeam();
    expect(team.version).toBe(1);
    await pause(5);
    const updated = expectData(await updateTeam(team.id, { name: '改名后的队', tier: 1 }, 1)).updateTeam;
    expect(updated).toMatchObject({ id: team.id, name: '改名后的队', tier: 1, version: 2 });
    expect(Date.parse(updated.updatedAt)).toBeGreaterThan(Date.parse(team.updatedAt));
    const status = expectData(await setTeamStatus(team.id, 'STANDBY', 2)).setTeamStatus;
    expect(status).toMatchObject({ status: 'STANDBY', version: 3 });
    expect(await stored('teams', team.id)).toMatchObject({
      name: '改名后的队',
      tier: 1,
      status: 'STANDBY',
      version: 3,
    });
  });

  test('updateTeam with a stale version gets CONFLICT with currentVersion and changes nothing', async () => {
    const team = await newTeam();
    const v2 = expectData(await updateTeam(team.id, { headcount: 26 }, 1)).updateTeam;
    const before = await stored('teams', team.id);
    const all = await databaseSnapshot(node.store);

    const res = await updateTeam(team.id, { name: '迟到的改名' }, 1);
    expectStale(res, 2);
    const after = await stored('teams', team.id);
    expect(after).toEqual(before);
    expect({ version: after.version, name: after.name, updatedAt: after.updatedAt }).toEqual({
      version: 2,
      name: v2.name,
      updatedAt: v2.updatedAt,
    });
    expect(await databaseSnapshot(node.store)).toEqual(all);
  });

  test('updateTeam with a version from the future gets CONFLICT too', async () => {
    const team = await newTeam();
    const before = await databaseSnapshot(node.store);
    expectStale(await updateTeam(team.id, { name: '未来版本' }, 2), 1);
    expect(await databaseSnapshot(node.store)).toEqual(before);
  });

  test('setTeamStatus with a stale version gets CONFLICT with currentVersion and changes nothing', async () => {
    const team = await newTeam();
    expectData(await updateTeam(team.id, { tier: 3 }, 1));
    const before = await stored('teams', team.id);
    const all = await databaseSnapshot(node.store);

    expectStale(await setTeamStatus(team.id, 'OUT_OF_SERVICE', 1), 2);
    // Even a status the team already has: the version is checked first.
    expectStale(await setTeamStatus(team.id, 'AVAILABLE', 1), 2);
    const after = await stored('teams', team.id);
    expect(after).toEqual(before);
    expect(after).toMatchObject({ version: 2, status: 'AVAILABLE' });
    expect(await databaseSnapshot(node.store)).toEqual(all);
  });

  test('the version that succeeded once is stale for the next writer', async () => {
    const team = await newTeam();
    expectData(await updateTeam(team.id, { name: '第一位' }, 1));
    expectStale(await updateTeam(team.id, { name: '第二位' }, 1), 2);
    expectData(await updateTeam(team.id, { name: '第二位(重读后)' }, 2));
    expect(await stored('teams', team.id)).toMatchObject({ name: '第二位(重读后)', version: 3 });
  });

  test('two concurrent updateTeam calls with the same expectedVersion: exactly one wins, the other gets CONFLICT', async () => {
    const team = await newTeam();
    const [a, b] = await Promise.all([
      updateTeam(team.id, { name: '甲的改名' }, 1),
      updateTeam(team.id, { name: '乙的改名' }, 1),
    ]);
    const results = [a, b];
    const winners = results.filter((r) => !r.errors);
    const losers = results.filter((r) => r.errors);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expectStale(losers[0] as GraphQLResult<unknown>, 2);
    const won = expectData(winners[0] as GraphQLResult<{ updateTeam: TeamView }>).updateTeam;
    expect(won.version).toBe(2);
    expect(await stored('teams', team.id)).toMatchObject({ name: won.name, version: 2 });
  });

  test('ten concurrent writers with the same expectedVersion: exactly one wins', async () => {
    const team = await newTeam();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        i % 2 === 0
          ? updateTeam(team.id, { name: `写者 ${i}` }, 1)
          : setTeamStatus(team.id, i % 4 === 1 ? 'STANDBY' : 'OUT_OF_SERVICE', 1),
      ),
    );
    const winners = results.filter((r) => !r.errors);
    expect(winners).toHaveLength(1);
    for (const loser of results.filter((r) => r.errors)) expectStale(loser, 2);
    expect((await stored('teams', team.id)).version).toBe(2);
  });

  test('setTeamStatus with the right version while a request holds the team gets CONFLICT and changes nothing', async () => {
    const team = await newTeam();
    const reserved = expectData(
      await graphql<{ reserveTeam: { version: number } }>(
        node.url,
        RESERVE_TEAM,
        { id: team.id, requestId: 'req-occ-1' },
        service(),
      ),
    ).reserveTeam;
    const before = await databaseSnapshot(node.store);
    const res = await setTeamStatus(team.id, 'OUT_OF_SERVICE', reserved.version);
    expect(errorCodes(res)).toEqual(['CONFLICT']);
    expect(res.errors?.[0]?.message).toMatch(/req-occ-1/);
    expect(await databaseSnapshot(node.store)).toEqual(before);
  });
});

describe('every expectedVersion mutation refuses a stale version', () => {
  function creditCode(first17: string): string {
    return first17 + (creditCodeCheckChar(first17) as string);
  }

  test('updateSocialForce and setSocialForceStatus', async () => {
    const force = expectData(
      await graphql<{ registerSocialForce: { id: string; version: number } }>(
        node.url,
        REGISTER_FORCE,
        {
          input: {
            name: '并发测试救援队',
            creditCode: creditCode('91320412MA1C0000C'),
            capabilities: [{ capability: 'water_sar' }],
            members: 20,
            base: { lat: 31.7, lng: 119.9 },
            range: 'LOCAL',
            assemblyMinutes: 30,
            contact: { name: '冯队长' },
          },
        },
        staff(),
      ),
    ).registerSocialForce;
    expectData(await graphql(node.url, UPDATE_FORCE, { id: force.id, input: { members: 21 }, v: 1 }, staff()));
    const before = await databaseSnapshot(node.store);
    expectStale(await graphql(node.url, UPDATE_FORCE, { id: force.id, input: { name: '迟到' }, v: 1 }, staff()), 2);
    expectStale(await graphql(node.url, SET_FORCE_STATUS, { id: force.id, status: 'STANDBY', v: 1 }, staff()), 2);
    expect(await databaseSnapshot(node.store)).toEqual(before);
    const ok = expectData(
      await graphql<{ setSocialForceStatus: { status: string; version: number } }>(
        node.url,
        SET_FORCE_STATUS,
        { id: force.id, status: 'STANDBY', v: 2 },
        staff(),
      ),
    );
    expect(ok.setSocialForceStatus).toMatchObject({ status: 'STANDBY', version: 3 });
  });

  test('setExpertAvailability', async () => {
    const expert = expectData(
      await graphql<{ createExpert: { id: string; version: number } }>(
        node.url,
        CREATE_EXPERT,
        { input: { name: '卫专家', specialties: ['水利'], contact: { name: '卫专家' } } },
        staff(),
      ),
    ).createExpert;
    expectData(await graphql(node.url, SET_EXPERT, { id: expert.id, available: false, v: 1 }, staff()));
    const before = await databaseSnapshot(node.store);
    expectStale(await graphql(node.url, SET_EXPERT, { id: expert.id, available: true, v: 1 }, staff()), 2);
    expect(await databaseSnapshot(node.store)).toEqual(before);
    expect(await stored('experts', expert.id)).toMatchObject({ available: false, version: 2 });
  });
});

describe('stock', () => {
  let depotId = '';

  beforeAll(async () => {
    const depot = expectData(
      await graphql<{ createDepot: { id: string } }>(
        node.url,
        CREATE_DEPOT,
        { input: { name: '并发测试仓库', location: { lat: 31.7, lng: 119.9 }, contact: { name: '韩保管' } } },
        staff(),
      ),
    );
    depotId = depot.createDepot.id;
  });

  test('setStock below the reserved quantity gets CONFLICT and changes nothing', async () => {
    const line = expectData(
      await graphql<{ setStock: { id: string; quantity: number } }>(
        node.url,
        SET_STOCK,
        { depotId, item: 'woven_bag', quantity: 100 },
        staff(),
      ),
    ).setStock;
    const held = expectData(
      await graphql<{ reserveStock: { reserved: number; available: number } }>(
        node.url,
        RESERVE_STOCK,
        { depotId, item: 'woven_bag', quantity: 40, requestId: 'req-occ-stock' },
        service(),
      ),
    ).reserveStock;
    expect(held).toMatchObject({ reserved: 40, available: 60 });

    const before = await databaseSnapshot(node.store);
    const res = await graphql(node.url, SET_STOCK, { depotId, item: 'woven_bag', quantity: 39 }, staff());
    expect(errorCodes(res)).toEqual(['CONFLICT']);
    expect(res.errors?.[0]?.extensions).toMatchObject({ reason: 'BELOW_RESERVED', reserved: 40 });
    expect(res.errors?.[0]?.message).toMatch(/40/);
    expect(await databaseSnapshot(node.store)).toEqual(before);
    expect(await stored('stockLines', line.id)).toMatchObject({
      quantity: 100,
      reserved: 40,
      available: 60,
      version: 2,
    });

    // Down to exactly what is reserved is allowed: nothing left available.
    const exact = expectData(
      await graphql<{ setStock: { quantity: number; reserved: number; available: number } }>(
        node.url,
        SET_STOCK,
        { depotId, item: 'woven_bag', quantity: 40 },
        staff(),
      ),
    ).setStock;
    expect(exact).toMatchObject({ quantity: 40, reserved: 40, available: 0 });
    expect(await stored('stockLines', line.id)).toMatchObject({ quantity: 40, reserved: 40, available: 0, version: 3 });
  });
});

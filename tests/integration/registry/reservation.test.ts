import { Types } from 'mongoose';
import { creditCodeCheckChar } from '../../../services/registry/src/domain/creditCode';
import type { RegistryNode } from '../../../services/registry/src/registryNode';
import { errorCodes, expectData, graphql, type GraphQLResult } from '../../testkit/graphql';
import { createTeam, startTestNode, stopTestNode } from '../../testkit/registry';
import { tokenFor } from '../../testkit/tokens';

/**
 * Acceptance (reservation protocol, through HTTP on a real node and FerretDB):
 * "50 concurrent reserveTeam calls on one team with different requestIds: exactly one succeeds and
 * 49 get CONFLICT. Repeating the winner's call succeeds and changes nothing (same version, same
 * updatedAt). After a release, a new reservation works."
 * The same holds for social forces (VERIFIED only) and for PHYSICAL stock by quantity. Every
 * outcome is also checked in the node's database directly.
 */

let node: RegistryNode;

const service = () => tokenFor({ jurisdiction: 'changzhou', roles: ['service'] });
const registrar = () => tokenFor({ jurisdiction: 'wujin', roles: ['registrar'] });

const HOLD_FIELDS = 'id status version updatedAt reservedFor reservation { requestId exercise at }';

interface HeldView {
  id: string;
  status: string;
  version: number;
  updatedAt: string;
  reservedFor: string | null;
  reservation: { requestId: string; exercise: boolean; at: string } | null;
}

interface StockView {
  id: string;
  mode: string;
  quantity: number;
  reserved: number;
  available: number;
  updatedAt: string;
}

const SET_TEAM_STATUS = `mutation($id: ID!, $status: ResourceStatus!, $v: Int!) { setTeamStatus(id: $id, status: $status, expectedVersion: $v) { ${HOLD_FIELDS} } }`;
const TEAM_ACTION = (action: 'reserveTeam' | 'deployTeam' | 'releaseTeam') =>
  `mutation($id: ID!, $requestId: ID!) { r: ${action}(id: $id, requestId: $requestId) { ${HOLD_FIELDS} } }`;
const RESERVE_TEAM_EXERCISE = `mutation($id: ID!, $requestId: ID!, $exercise: Boolean) { r: reserveTeam(id: $id, requestId: $requestId, exercise: $exercise) { ${HOLD_FIELDS} } }`;
const FORCE_ACTION = (action: 'reserveSocialForce' | 'deploySocialForce' | 'releaseSocialForce') =>
  `mutation($id: ID!, $requestId: ID!) { r: ${action}(id: $id, requestId: $requestId) { ${HOLD_FIELDS} verification } }`;
const REGISTER_FORCE = `mutation($input: SocialForceInput!) { registerSocialForce(jurisdiction: "wujin", input: $input) { ${HOLD_FIELDS} verification } }`;
const REVIEW_FORCE = `mutation($id: ID!, $decision: ReviewDecision!) { reviewSocialForce(id: $id, decision: $decision) { ${HOLD_FIELDS} verification } }`;
const CREATE_DEPOT = 'mutation($input: DepotInput!) { createDepot(jurisdiction: "wujin", input: $input) { id } }';
const STOCK_FIELDS = 'id mode quantity reserved available updatedAt';
const SET_STOCK = `mutation($depotId: ID!, $item: ID!, $quantity: Int!, $mode: StockMode, $supplier: String) {
  setStock(depotId: $depotId, item: $item, quantity: $quantity, mode: $mode, supplier: $supplier) { ${STOCK_FIELDS} } }`;
const RESERVE_STOCK = `mutation($depotId: ID!, $item: ID!, $quantity: Int!, $requestId: ID!) {
  r: reserveStock(depotId: $depotId, item: $item, quantity: $quantity, requestId: $requestId) { ${STOCK_FIELDS} } }`;
const RELEASE_STOCK = `mutation($depotId: ID!, $item: ID!, $requestId: ID!) { r: releaseStock(depotId: $depotId, item: $item, requestId: $requestId) { ${STOCK_FIELDS} } }`;

type Result<T> = GraphQLResult<{ r: T }>;

const teamAction = (
  action: 'reserveTeam' | 'deployTeam' | 'releaseTeam',
  id: string,
  requestId: string,
  token = service(),
) => graphql<{ r: HeldView }>(node.url, TEAM_ACTION(action), { id, requestId }, token);
const forceAction = (
  action: 'reserveSocialForce' | 'deploySocialForce' | 'releaseSocialForce',
  id: string,
  requestId: string,
) => graphql<{ r: HeldView & { verification: string } }>(node.url, FORCE_ACTION(action), { id, requestId }, service());
const reserveStock = (depotId: string, item: string, quantity: number, requestId: string) =>
  graphql<{ r: StockView }>(node.url, RESERVE_STOCK, { depotId, item, quantity, requestId }, service());
const releaseStock = (depotId: string, item: string, requestId: string) =>
  graphql<{ r: StockView }>(node.url, RELEASE_STOCK, { depotId, item, requestId }, service());

const localId = (globalId: string) => new Types.ObjectId(globalId.split(':')[2]);

/** The stored document, as plain JSON (dates as ISO strings). */
async function storedTeam(id: string): Promise<Record<string, any>> {
  return JSON.parse(JSON.stringify(await node.store.teams.findById(localId(id)).lean().exec())) as Record<string, any>;
}
async function storedForce(id: string): Promise<Record<string, any>> {
  return JSON.parse(JSON.stringify(await node.store.socialForces.findById(localId(id)).lean().exec())) as Record<
    string,
    any
  >;
}
async function storedStock(id: string): Promise<Record<string, any>> {
  return JSON.parse(JSON.stringify(await node.store.stockLines.findById(localId(id)).lean().exec())) as Record<
    string,
    any
  >;
}

/** Expects exactly one CONFLICT error, no data, and returns the error's extensions. */
function expectConflict(res: GraphQLResult<unknown>, reason?: string): Record<string, unknown> {
  expect(errorCodes(res)).toEqual(['CONFLICT']);
  expect(res.data ?? null).toBeNull();
  const extensions = res.errors?.[0]?.extensions ?? {};
  if (reason) expect(extensions.reason).toBe(reason);
  return extensions;
}

let seq = 0;
const newTeam = () => createTeam(node, `预置测试队 ${++seq}`, registrar());

/** A valid, unique credit code for this node's database. */
function nextCreditCode(): string {
  const first17 = `91320412MA1R${String(++seq).padStart(5, '0')}`;
  return first17 + (creditCodeCheckChar(first17) as string);
}

async function newForce(verify: boolean): Promise<HeldView & { verification: string }> {
  const input = {
    name: `蓝天救援队 ${++seq}`,
    creditCode: nextCreditCode(),
    capabilities: [{ capability: 'water_sar', grade: 'GRADE_2' }],
    members: 40,
    base: { lat: 31.72, lng: 119.93 },
    range: 'CITY',
    assemblyMinutes: 30,
    contact: { name: '陈队长', phone: '13900001111' },
  };
  const force = expectData(
    await graphql<{ registerSocialForce: HeldView & { verification: string } }>(
      node.url,
      REGISTER_FORCE,
      { input },
      registrar(),
    ),
  ).registerSocialForce;
  expect(force.verification).toBe('PENDING');
  if (!verify) return force;
  return expectData(
    await graphql<{ reviewSocialForce: HeldView & { verification: string } }>(
      node.url,
      REVIEW_FORCE,
      { id: force.id, decision: 'VERIFY' },
      registrar(),
    ),
  ).reviewSocialForce;
}

async function newDepot(name: string): Promise<string> {
  const input = { name, location: { lat: 31.75, lng: 119.95 }, contact: { name: '韩保管', phone: '051986661234' } };
  return expectData(await graphql<{ createDepot: { id: string } }>(node.url, CREATE_DEPOT, { input }, registrar()))
    .createDepot.id;
}

/** Splits race results into winners and losers, failing on any error other than CONFLICT. */
function split<T>(results: Result<T>[]): { winners: { index: number; value: T }[]; losers: Result<T>[] } {
  const winners: { index: number; value: T }[] = [];
  const losers: Result<T>[] = [];
  results.forEach((r, index) => {
    if (r.errors?.length) {
      expect(errorCodes(r)).toEqual(['CONFLICT']);
      losers.push(r);
    } else {
      winners.push({ index, value: expectData(r).r });
    }
  });
  return { winners, losers };
}

beforeAll(async () => {
  node = await startTestNode('wujin');
});

afterAll(async () => {
  if (node) await stopTestNode(node);
});

describe('teams', () => {
  test('50 concurrent reserveTeam calls with different requestIds: exactly one wins, 49 get CONFLICT; the replay changes nothing; after a release a new reservation works', async () => {
    const team = await newTeam();
    expect(team).toMatchObject({ status: 'AVAILABLE', version: 1, reservation: null, reservedFor: null });

    const requestIds = Array.from({ length: 50 }, (_, i) => `race-team-${i}`);
    const results = await Promise.all(requestIds.map((rid) => teamAction('reserveTeam', team.id, rid)));
    const { winners, losers } = split(results);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(49);
    for (const loser of losers) {
      expectConflict(loser, 'RESOURCE_UNAVAILABLE');
    }

    const { index, value: won } = winners[0] as { index: number; value: HeldView };
    const winnerId = requestIds[index] as string;
    expect(won).toMatchObject({
      id: team.id,
      status: 'RESERVED',
      version: 2,
      reservedFor: winnerId,
      reservation: { requestId: winnerId, exercise: false },
    });
    // Every loser is told who holds the team.
    for (const loser of losers) expect(loser.errors?.[0]?.message).toContain(winnerId);

    const storedAfterRace = await storedTeam(team.id);
    expect(storedAfterRace).toMatchObject({
      status: 'RESERVED',
      version: 2,
      reservation: { requestId: winnerId, exercise: false },
      released: [],
    });
    expect(storedAfterRace.updatedAt).toBe(won.updatedAt);

    // The winner repeats its call: success, nothing changes.
    const replay = expectData(await teamAction('reserveTeam', team.id, winnerId)).r;
    expect(replay).toEqual(won);
    expect(await storedTeam(team.id)).toEqual(storedAfterRace);

    // Release, then a new request reserves.
    const released = expectData(await teamAction('releaseTeam', team.id, winnerId)).r;
    expect(released).toMatchObject({ status: 'AVAILABLE', version: 3, reservation: null, reservedFor: null });
    const again = expectData(await teamAction('reserveTeam', team.id, 'after-release-1')).r;
    expect(again).toMatchObject({ status: 'RESERVED', version: 4, reservedFor: 'after-release-1' });
    expect(await storedTeam(team.id)).toMatchObject({
      status: 'RESERVED',
      version: 4,
      reservation: { requestId: 'after-release-1' },
      released: [winnerId],
    });
  });

  test('concurrent replays of the same requestId all succeed and change the team once', async () => {
    const team = await newTeam();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => teamAction('reserveTeam', team.id, 'same-request')),
    );
    const views = results.map((r) => expectData(r).r);
    for (const v of views) expect(v).toMatchObject({ status: 'RESERVED', version: 2, reservedFor: 'same-request' });
    expect(new Set(views.map((v) => v.updatedAt)).size).toBe(1);
    expect(await storedTeam(team.id)).toMatchObject({ version: 2, status: 'RESERVED' });
  });

  test('deployTeam: by the holder → DEPLOYED (replay is a noop); by another request → CONFLICT', async () => {
    const team = await newTeam();
    expectData(await teamAction('reserveTeam', team.id, 'holder-1'));
    const before = await storedTeam(team.id);

    expectConflict(await teamAction('deployTeam', team.id, 'intruder-1'), 'RESOURCE_UNAVAILABLE');
    expect(await storedTeam(team.id)).toEqual(before);

    const deployed = expectData(await teamAction('deployTeam', team.id, 'holder-1')).r;
    expect(deployed).toMatchObject({
      status: 'DEPLOYED',
      version: 3,
      reservedFor: 'holder-1',
      reservation: { requestId: 'holder-1' },
    });
    const replay = expectData(await teamAction('deployTeam', team.id, 'holder-1')).r;
    expect(replay).toEqual(deployed);

    // While deployed, nobody else reserves, deploys or releases it.
    expectConflict(await teamAction('reserveTeam', team.id, 'intruder-2'));
    expectConflict(await teamAction('deployTeam', team.id, 'intruder-2'));
    expectConflict(await teamAction('releaseTeam', team.id, 'intruder-2'));
    expect(await storedTeam(team.id)).toMatchObject({
      status: 'DEPLOYED',
      version: 3,
      reservation: { requestId: 'holder-1' },
    });
  });

  test('deployTeam on a team nobody holds is a CONFLICT', async () => {
    const team = await newTeam();
    expectConflict(await teamAction('deployTeam', team.id, 'nobody'));
    expect(await storedTeam(team.id)).toMatchObject({ status: 'AVAILABLE', version: 1, reservation: null });
  });

  test('releaseTeam from DEPLOYED by the holder; the replay succeeds as a noop; release by a stranger is a CONFLICT', async () => {
    const team = await newTeam();
    expectData(await teamAction('reserveTeam', team.id, 'rel-1'));
    expectData(await teamAction('deployTeam', team.id, 'rel-1'));
    expectConflict(await teamAction('releaseTeam', team.id, 'stranger'));

    const released = expectData(await teamAction('releaseTeam', team.id, 'rel-1')).r;
    expect(released).toMatchObject({ status: 'AVAILABLE', version: 4, reservation: null });
    const storedAfter = await storedTeam(team.id);
    expect(storedAfter).toMatchObject({ status: 'AVAILABLE', version: 4, reservation: null, released: ['rel-1'] });

    const replay = expectData(await teamAction('releaseTeam', team.id, 'rel-1')).r;
    expect(replay).toEqual(released);
    expect(await storedTeam(team.id)).toEqual(storedAfter);
  });

  test('a request that has already released the team cannot reserve it again', async () => {
    const team = await newTeam();
    expectData(await teamAction('reserveTeam', team.id, 'once-only'));
    expectData(await teamAction('releaseTeam', team.id, 'once-only'));
    const before = await storedTeam(team.id);
    const ext = expectConflict(await teamAction('reserveTeam', team.id, 'once-only'), 'RESOURCE_UNAVAILABLE');
    expect(ext).toBeDefined();
    expect(await storedTeam(team.id)).toEqual(before);
    // Another request still can.
    expect(expectData(await teamAction('reserveTeam', team.id, 'someone-else')).r.status).toBe('RESERVED');
  });

  test('setTeamStatus while RESERVED is a CONFLICT and changes nothing', async () => {
    const team = await newTeam();
    const reserved = expectData(await teamAction('reserveTeam', team.id, 'holder-status')).r;
    const before = await storedTeam(team.id);
    for (const status of ['AVAILABLE', 'STANDBY', 'OUT_OF_SERVICE']) {
      const res = await graphql(node.url, SET_TEAM_STATUS, { id: team.id, status, v: reserved.version }, registrar());
      expectConflict(res, 'RESOURCE_UNAVAILABLE');
      expect(res.errors?.[0]?.message).toContain('holder-status');
    }
    // RESERVED and DEPLOYED are never set by hand.
    expect(
      errorCodes(
        await graphql(node.url, SET_TEAM_STATUS, { id: team.id, status: 'DEPLOYED', v: reserved.version }, registrar()),
      ),
    ).toEqual(['BAD_USER_INPUT']);
    expect(await storedTeam(team.id)).toEqual(before);
  });

  test('a STANDBY team can be reserved; an OUT_OF_SERVICE one cannot', async () => {
    const standby = await newTeam();
    expectData(await graphql(node.url, SET_TEAM_STATUS, { id: standby.id, status: 'STANDBY', v: 1 }, registrar()));
    expect(expectData(await teamAction('reserveTeam', standby.id, 'from-standby')).r).toMatchObject({
      status: 'RESERVED',
      version: 3,
    });

    const out = await newTeam();
    expectData(await graphql(node.url, SET_TEAM_STATUS, { id: out.id, status: 'OUT_OF_SERVICE', v: 1 }, registrar()));
    expectConflict(await teamAction('reserveTeam', out.id, 'from-oos'), 'RESOURCE_UNAVAILABLE');
    expect(await storedTeam(out.id)).toMatchObject({ status: 'OUT_OF_SERVICE', version: 2, reservation: null });
  });

  test('the exercise flag is recorded on the reservation', async () => {
    const team = await newTeam();
    const drill = expectData(
      await graphql<{ r: HeldView }>(
        node.url,
        RESERVE_TEAM_EXERCISE,
        { id: team.id, requestId: 'drill-7', exercise: true },
        service(),
      ),
    ).r;
    expect(drill.reservation).toMatchObject({ requestId: 'drill-7', exercise: true });
    expect(Date.parse(drill.reservation?.at ?? '')).toBeLessThanOrEqual(Date.parse(drill.updatedAt));
    expect(await storedTeam(team.id)).toMatchObject({ reservation: { requestId: 'drill-7', exercise: true } });
  });

  test('only the service role runs the protocol', async () => {
    const team = await newTeam();
    expect(errorCodes(await teamAction('reserveTeam', team.id, 'not-service', registrar()))).toEqual(['FORBIDDEN']);
    expect(
      errorCodes(
        await teamAction(
          'reserveTeam',
          team.id,
          'not-service',
          tokenFor({ jurisdiction: 'wujin', roles: ['commander'] }),
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    expect(await storedTeam(team.id)).toMatchObject({ status: 'AVAILABLE', version: 1 });
  });
});

describe('social forces', () => {
  test('50 concurrent reserveSocialForce calls on a VERIFIED force: exactly one wins; replay is a noop; release then a new reservation works', async () => {
    const force = await newForce(true);
    expect(force).toMatchObject({ verification: 'VERIFIED', status: 'AVAILABLE', version: 2 });

    const requestIds = Array.from({ length: 50 }, (_, i) => `race-force-${i}`);
    const results = await Promise.all(requestIds.map((rid) => forceAction('reserveSocialForce', force.id, rid)));
    const { winners, losers } = split(results);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(49);
    for (const loser of losers) expectConflict(loser, 'RESOURCE_UNAVAILABLE');

    const { index, value: won } = winners[0] as { index: number; value: HeldView & { verification: string } };
    const winnerId = requestIds[index] as string;
    expect(won).toMatchObject({ status: 'RESERVED', version: 3, reservedFor: winnerId, verification: 'VERIFIED' });
    const storedAfterRace = await storedForce(force.id);
    expect(storedAfterRace).toMatchObject({
      status: 'RESERVED',
      version: 3,
      reservation: { requestId: winnerId },
      verification: 'VERIFIED',
    });

    const replay = expectData(await forceAction('reserveSocialForce', force.id, winnerId)).r;
    expect(replay).toEqual(won);
    expect(await storedForce(force.id)).toEqual(storedAfterRace);

    expectConflict(await forceAction('deploySocialForce', force.id, 'not-the-holder'));
    expect(expectData(await forceAction('deploySocialForce', force.id, winnerId)).r).toMatchObject({
      status: 'DEPLOYED',
      version: 4,
    });
    expect(expectData(await forceAction('releaseSocialForce', force.id, winnerId)).r).toMatchObject({
      status: 'AVAILABLE',
      version: 5,
      reservation: null,
    });
    expect(expectData(await forceAction('releaseSocialForce', force.id, winnerId)).r).toMatchObject({
      status: 'AVAILABLE',
      version: 5,
    });
    expectConflict(await forceAction('reserveSocialForce', force.id, winnerId));
    expect(expectData(await forceAction('reserveSocialForce', force.id, 'next-request')).r).toMatchObject({
      status: 'RESERVED',
      version: 6,
      reservedFor: 'next-request',
    });
    expect(await storedForce(force.id)).toMatchObject({
      status: 'RESERVED',
      version: 6,
      reservation: { requestId: 'next-request' },
      released: [winnerId],
    });
  });

  test('a PENDING force cannot be reserved: CONFLICT (NOT_VERIFIED), nothing changes', async () => {
    const force = await newForce(false);
    const before = await storedForce(force.id);
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) => forceAction('reserveSocialForce', force.id, `pending-${i}`)),
    );
    for (const r of results) {
      expectConflict(r, 'NOT_VERIFIED');
      expect(r.errors?.[0]?.message).toContain('PENDING');
    }
    expect(await storedForce(force.id)).toEqual(before);
  });
});

describe('stock', () => {
  let depotId = '';
  let lineId = '';

  beforeAll(async () => {
    depotId = await newDepot('武进区应急物资储备库');
    const line = expectData(
      await graphql<{ setStock: StockView }>(
        node.url,
        SET_STOCK,
        { depotId, item: 'woven_bag', quantity: 500, mode: 'PHYSICAL' },
        registrar(),
      ),
    ).setStock;
    expect(line).toMatchObject({ mode: 'PHYSICAL', quantity: 500, reserved: 0, available: 500 });
    lineId = line.id;
  });

  test('20 concurrent reserveStock of 40 from 500: exactly 12 succeed, 8 get CONFLICT; available 20, reserved 480', async () => {
    const requestIds = Array.from({ length: 20 }, (_, i) => `race-stock-${i}`);
    const results = await Promise.all(requestIds.map((rid) => reserveStock(depotId, 'woven_bag', 40, rid)));
    const { winners, losers } = split(results);
    expect(winners).toHaveLength(12);
    expect(losers).toHaveLength(8);
    for (const loser of losers) {
      const ext = expectConflict(loser, 'INSUFFICIENT_STOCK');
      expect(ext.available).toBe(20);
    }
    // Each winner saw its own hold applied on top of the earlier ones.
    expect(winners.map((w) => w.value.reserved).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 12 }, (_, i) => 40 * (i + 1)),
    );
    for (const w of winners) expect(w.value.reserved + w.value.available).toBe(500);

    const stored = await storedStock(lineId);
    expect(stored).toMatchObject({
      quantity: 500,
      reserved: 480,
      available: 20,
      mode: 'PHYSICAL',
      item: 'woven_bag',
      version: 13,
    });
    const winnerIds = winners.map((w) => requestIds[w.index]).sort();
    expect((stored.reservations as { requestId: string; quantity: number }[]).map((r) => r.requestId).sort()).toEqual(
      winnerIds,
    );
    expect((stored.reservations as { quantity: number }[]).every((r) => r.quantity === 40)).toBe(true);

    const depot = expectData(
      await graphql<{ depot: { stock: StockView[] } }>(
        node.url,
        `query($id: ID!) { depot(id: $id) { stock { ${STOCK_FIELDS} } } }`,
        { id: depotId },
        service(),
      ),
    ).depot;
    expect(depot.stock).toEqual([expect.objectContaining({ id: lineId, quantity: 500, reserved: 480, available: 20 })]);
  });

  test('reserveStock replay with the same quantity is idempotent; with another quantity a CONFLICT', async () => {
    const before = await storedStock(lineId);
    const holder = (before.reservations as { requestId: string }[])[0]?.requestId as string;
    const replay = expectData(await reserveStock(depotId, 'woven_bag', 40, holder)).r;
    expect(replay).toMatchObject({ reserved: 480, available: 20, updatedAt: before.updatedAt });
    expectConflict(await reserveStock(depotId, 'woven_bag', 10, holder), 'DIFFERENT_QUANTITY');
    expect(await storedStock(lineId)).toEqual(before);
  });

  test('releaseStock returns the quantity; the replay is a noop; the released request cannot reserve again; a stranger cannot release', async () => {
    const before = await storedStock(lineId);
    const holder = (before.reservations as { requestId: string }[])[0]?.requestId as string;

    const released = expectData(await releaseStock(depotId, 'woven_bag', holder)).r;
    expect(released).toMatchObject({ quantity: 500, reserved: 440, available: 60 });
    const afterRelease = await storedStock(lineId);
    expect(afterRelease).toMatchObject({ reserved: 440, available: 60, version: (before.version as number) + 1 });
    expect((afterRelease.reservations as { requestId: string }[]).map((r) => r.requestId)).not.toContain(holder);
    expect(afterRelease.released).toEqual([holder]);

    const replay = expectData(await releaseStock(depotId, 'woven_bag', holder)).r;
    expect(replay).toMatchObject({ reserved: 440, available: 60, updatedAt: released.updatedAt });
    expectConflict(await reserveStock(depotId, 'woven_bag', 40, holder), 'ALREADY_RELEASED');
    expectConflict(await releaseStock(depotId, 'woven_bag', 'never-held'), 'NOT_HELD');
    expect(await storedStock(lineId)).toEqual(afterRelease);

    // The returned 40 can be reserved by a new request.
    expect(expectData(await reserveStock(depotId, 'woven_bag', 60, 'takes-the-rest')).r).toMatchObject({
      reserved: 500,
      available: 0,
    });
    expectConflict(await reserveStock(depotId, 'woven_bag', 1, 'one-too-many'), 'INSUFFICIENT_STOCK');
    expect(await storedStock(lineId)).toMatchObject({ quantity: 500, reserved: 500, available: 0 });
  });

  test('AGREEMENT stock cannot be reserved: NOT_FOUND for the physical line, nothing changes', async () => {
    const agreementDepot = await newDepot('协议储备点');
    const line = expectData(
      await graphql<{ setStock: StockView }>(
        node.url,
        SET_STOCK,
        { depotId: agreementDepot, item: 'woven_bag', quantity: 1000, mode: 'AGREEMENT', supplier: '常州某编织袋厂' },
        registrar(),
      ),
    ).setStock;
    expect(line).toMatchObject({ mode: 'AGREEMENT', quantity: 1000, available: 1000 });
    const before = await storedStock(line.id);

    const res = await reserveStock(agreementDepot, 'woven_bag', 10, 'agreement-req');
    expect(errorCodes(res)).toEqual(['NOT_FOUND']);
    expect(res.errors?.[0]?.message).toMatch(/physical/i);
    expect(errorCodes(await releaseStock(agreementDepot, 'woven_bag', 'agreement-req'))).toEqual(['NOT_FOUND']);
    expect(await storedStock(line.id)).toEqual(before);
    expect(await node.store.stockLines.countDocuments({ depotId: localId(agreementDepot) }).exec()).toBe(1);
  });

  test('a PHYSICAL and an AGREEMENT line of one item are separate: only the physical one is held', async () => {
    const mixed = await newDepot('混合储备点');
    const physical = expectData(
      await graphql<{ setStock: StockView }>(
        node.url,
        SET_STOCK,
        { depotId: mixed, item: 'woven_bag', quantity: 30, mode: 'PHYSICAL' },
        registrar(),
      ),
    ).setStock;
    const agreement = expectData(
      await graphql<{ setStock: StockView }>(
        node.url,
        SET_STOCK,
        { depotId: mixed, item: 'woven_bag', quantity: 900, mode: 'AGREEMENT', supplier: '供应商' },
        registrar(),
      ),
    ).setStock;
    expect(physical.id).not.toBe(agreement.id);
    expect(expectData(await reserveStock(mixed, 'woven_bag', 30, 'mixed-1')).r).toMatchObject({
      id: physical.id,
      reserved: 30,
      available: 0,
    });
    expectConflict(await reserveStock(mixed, 'woven_bag', 1, 'mixed-2'), 'INSUFFICIENT_STOCK');
    expect(await storedStock(agreement.id)).toMatchObject({
      quantity: 900,
      reserved: 0,
      available: 900,
      reservations: [],
    });
  });
});

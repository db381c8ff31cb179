import { expectData, graphql, type GraphQLResult } from '../../testkit/graphql';
import { conferenceState } from '../../testkit/conference';
import { startAidNetwork, type AidNetwork, type TestRole } from '../../testkit/mutualAid';
import { databaseSnapshot } from '../../testkit/registry';
import { tokenFor } from '../../testkit/tokens';

/**
 * Issue 11, defect 8: bounds from the domain (stated in the SDL), negative minimums and filters
 * naming unknown codes are BAD_USER_INPUT naming the field (never an empty list), and the
 * `service` role sees phone numbers masked.
 */
jest.setTimeout(120_000);

let net: AidNetwork;
let depotId = '';
let teamId = '';
const PHONE = '13812345678';

beforeAll(async () => {
  net = await startAidNetwork(['wujin'], { conference: {} });
  const node = net.nodes.get('wujin')!;
  const staff = tokenFor({ jurisdiction: 'wujin', roles: ['registrar', 'commander'] });
  depotId = expectData(
    await graphql<{ createDepot: { id: string } }>(
      node.url,
      'mutation { createDepot(jurisdiction: "wujin", input: { name: "防汛物资仓库", location: { lat: 31.7, lng: 119.94 }, contact: { name: "王保管" } }) { id } }',
      {},
      staff,
    ),
  ).createDepot.id;
  teamId = expectData(
    await graphql<{ createTeam: { id: string } }>(
      node.url,
      `mutation { createTeam(jurisdiction: "wujin", input: { name: "危化品队", type: "hazmat", kind: SPECIALIST, tier: 1, headcount: 20,
        base: { lat: 31.7, lng: 119.9 }, readinessMinutes: 10, contact: { name: "张队长", phone: "${PHONE}" } }) { id } }`,
      {},
      staff,
    ),
  ).createTeam.id;
});
afterAll(async () => {
  await net?.stop();
});

const as =
  (j: string, role: TestRole, query: string, variables: Record<string, unknown> = {}) =>
  () =>
    net.as(j, role, query, variables);
const direct =
  (query: string, variables: Record<string, unknown>, roles: Parameters<typeof tokenFor>[0]['roles']) => () =>
    graphql(net.nodes.get('wujin')!.url, query, variables, tokenFor({ jurisdiction: 'wujin', roles }));

async function everything() {
  return {
    registry: await databaseSnapshot(net.nodes.get('wujin')!.store),
    requests: await net.aid.deps.store.requests.countDocuments({}).exec(),
    conference: await conferenceState(net),
  };
}

const SET_STOCK =
  'mutation($d: ID!, $q: Int!) { setStock(depotId: $d, item: "woven_bag", quantity: $q) { id quantity } }';
const RESERVE_STOCK =
  'mutation($d: ID!, $q: Int!) { reserveStock(depotId: $d, item: "woven_bag", quantity: $q, requestId: "bounds-1") { id } }';
const SUPPLIES = 'query($f: SupplyFilter) { supplies(filter: $f) { id } }';
const TEAMS = 'query($f: TeamFilter, $j: [ID!]) { teams(filter: $f, jurisdictions: $j) { totalCount } }';
const FORCES = 'query($f: SocialForceFilter) { socialForces(filter: $f) { totalCount } }';
const ACTIONS = 'query($f: ActionItemFilter) { actionItems(filter: $f) { id } }';
const MEETINGS = 'query($f: MeetingFilter) { meetings(filter: $f) { id } }';
const REQUESTS = 'query($f: ReinforcementRequestFilter) { reinforcementRequests(filter: $f) { totalCount } }';
const NOTIFICATIONS = 'query($j: ID!) { notifications(jurisdiction: $j) { id } }';
const CREATE_TEAM =
  'mutation($h: Int!) { createTeam(jurisdiction: "wujin", input: { name: "大队", type: "hazmat", kind: SPECIALIST, tier: 1, headcount: $h, base: { lat: 31.7, lng: 119.9 }, readinessMinutes: 10, contact: { name: "张三" } }) { id } }';

const cases: [string, () => () => Promise<GraphQLResult>, string, RegExp][] = [
  [
    'setStock of 1,000,000,000 units',
    () => as('wujin', 'registrar', SET_STOCK, { d: depotId, q: 1_000_000_000 }),
    'quantity',
    /quantity: at most 10000000/,
  ],
  [
    'reserveStock of 10,000,001 units (service token)',
    () => direct(RESERVE_STOCK, { d: depotId, q: 10_000_001 }, ['service']),
    'quantity',
    /at most 10000000/,
  ],
  [
    'createTeam with 2,001 people',
    () => as('wujin', 'registrar', CREATE_TEAM, { h: 2001 }),
    'input.headcount',
    /at most 2000/,
  ],
  [
    'supplies(filter: {minAvailable: -1})',
    () => as('wujin', 'observer', SUPPLIES, { f: { minAvailable: -1 } }),
    'filter.minAvailable',
    /filter\.minAvailable: at least 0/,
  ],
  [
    'supplies(filter: {categories: ["narnia"]})',
    () => as('wujin', 'observer', SUPPLIES, { f: { categories: ['narnia'] } }),
    'filter.categories.0',
    /unknown supply category/,
  ],
  [
    'supplies(filter: {items: ["unobtainium"]})',
    () => as('wujin', 'observer', SUPPLIES, { f: { items: ['unobtainium'] } }),
    'filter.items.0',
    /unknown supply item/,
  ],
  [
    'teams(filter: {minHeadcount: -1})',
    () => as('wujin', 'observer', TEAMS, { f: { minHeadcount: -1 } }),
    'filter.minHeadcount',
    /at least 0/,
  ],
  [
    'teams(filter: {maxTier: 5})',
    () => as('wujin', 'observer', TEAMS, { f: { maxTier: 5 } }),
    'filter.maxTier',
    /at most 4/,
  ],
  [
    'teams(filter: {types: ["dragon_slaying"]})',
    () => as('wujin', 'observer', TEAMS, { f: { types: ['dragon_slaying'] } }),
    'filter.types.0',
    /unknown team type/,
  ],
  [
    'teams(filter: {withinKm: -5, near})',
    () => as('wujin', 'observer', TEAMS, { f: { withinKm: -5, near: { lat: 31.7, lng: 119.9 } } }),
    'filter.withinKm',
    /between 0 and 2000 km/,
  ],
  [
    'teams(jurisdictions: ["narnia"])',
    () => as('wujin', 'observer', TEAMS, { j: ['narnia'] }),
    '', // the gateway refuses it before any node, by message only
    /[Uu]nknown jurisdiction/,
  ],
  [
    'socialForces(filter: {capabilities: ["dragon_taming"]})',
    () => as('wujin', 'observer', FORCES, { f: { capabilities: ['dragon_taming'] } }),
    'filter.capabilities.0',
    /unknown capability/,
  ],
  [
    'actionItems(filter: {owner: "narnia"})',
    () => as('wujin', 'secretariat', ACTIONS, { f: { owner: 'narnia' } }),
    'filter.owner',
    /filter\.owner: unknown jurisdiction "narnia"/,
  ],
  [
    'actionItems(filter: {meeting: "not-a-meeting"})',
    () => as('wujin', 'secretariat', ACTIONS, { f: { meeting: 'not-a-meeting' } }),
    'filter.meeting',
    /JointMeeting id/,
  ],
  [
    'actionItems(filter: {relatedRequest: "WJ-2026-0001"})',
    () => as('wujin', 'secretariat', ACTIONS, { f: { relatedRequest: 'WJ-2026-0001' } }),
    'filter.relatedRequest',
    /reinforcement request id/,
  ],
  [
    'meetings(filter: {member: "narnia"})',
    () => as('wujin', 'secretariat', MEETINGS, { f: { member: 'narnia' } }),
    'filter.member',
    /unknown jurisdiction/,
  ],
  [
    'reinforcementRequests(filter: {jurisdiction: "narnia"})',
    () => as('wujin', 'commander', REQUESTS, { f: { jurisdiction: 'narnia' } }),
    'filter.jurisdiction',
    /filter\.jurisdiction: unknown jurisdiction/,
  ],
  [
    'notifications(jurisdiction: "narnia")',
    () => as('wujin', 'commander', NOTIFICATIONS, { j: 'narnia' }),
    'jurisdiction',
    /unknown jurisdiction/,
  ],
];

test.each(cases)('%s is BAD_USER_INPUT naming the field, nothing written', async (_label, make, field, mentions) => {
  const before = await everything();
  const r = await make()();
  expect(r.errors?.length).toBeGreaterThanOrEqual(1);
  const error = r.errors![0]!;
  expect({ code: error.extensions?.code, message: error.message }).toEqual({
    code: 'BAD_USER_INPUT',
    message: expect.stringMatching(mentions),
  });
  const fields = (error.extensions?.fields ?? []) as { path: string }[];
  if (field) expect(fields.map((f) => f.path)).toContain(field);
  expect(await everything()).toEqual(before);
});

test('the upper bounds themselves are accepted (10,000,000 units, 2,000 people)', async () => {
  const stock = expectData(await as('wujin', 'registrar', SET_STOCK, { d: depotId, q: 10_000_000 })());
  expect(stock.setStock.quantity).toBe(10_000_000);
  expectData(await as('wujin', 'registrar', CREATE_TEAM, { h: 2000 })());
  const lines = expectData(await as('wujin', 'observer', SUPPLIES, { f: { minAvailable: 0 } })());
  expect(lines.supplies.length).toBeGreaterThanOrEqual(1);
});

describe('phone numbers and the service role', () => {
  const TEAM = 'query($id: ID!) { team(id: $id) { contact { phone } } }';
  test.each([
    ['the mutual-aid service (it reads no contacts)', ['service'], '138****5678'],
    ['a commander', ['commander'], PHONE],
    ['a duty officer', ['duty_officer'], PHONE],
  ] as const)('%s', async (_label, roles, seen) => {
    const r = expectData(await direct(TEAM, { id: teamId }, [...roles])());
    expect(r.team.contact.phone).toBe(seen);
  });
});

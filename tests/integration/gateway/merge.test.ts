import { socialCapabilities, supplyItems } from '../../../services/registry/src/catalogue';
import type { SocialForceRecord } from '../../../services/registry/src/models/SocialForce';
import type { RegistryNode } from '../../../services/registry/src/registryNode';
import { graphql, type GraphQLResult } from '../../testkit/graphql';
import { startTestNetwork, type TestNetwork } from '../../testkit/network';
import {
  buildTeam,
  SEED_TEAM_TYPES,
  seededRandom,
  seedTeams,
  TEAM_KINDS,
  TEAM_STATUSES,
  type Rng,
  type TeamSeed,
} from '../../testkit/teamSeeder';
import { tokenFor } from '../../testkit/tokens';

/**
 * DESIGN.md 3.3: a merged list is exactly what one database holding every node's rows would
 * return. The reference here is brute force: every involved node is asked directly (first: 500,
 * walking its own pages, no `jurisdictions`), the rows are unioned and sorted by a comparator
 * written in this file, then cut to `first`. The gateway's answer must match it id for id.
 */
jest.setTimeout(300_000);

const CODES = [
  'wujin',
  'jintan',
  'zhonglou',
  'tianning',
  'wujin.hutang',
  'wujin.xueyan',
  'wujin.niutang',
  'wujin.yaoguan',
] as const;
/** In the directory but without a node in this network: contributes no rows. */
const NODELESS = 'wujin.luoyang';
const SEED = 0x5eed2025;
const RANDOM_COMBINATIONS = 200;
const WALKED_COMBINATIONS = 30;
/** FerretDB is the bottleneck (every node call scans its rows); more parallel calls only queue. */
const CONCURRENCY = 3;
/** The merge is under test here, not deadlines: a loaded machine must not turn slowness into gaps. */
const NODE_DEADLINE_MS = 30_000;

// ---------------------------------------------------------------------------------------------
// Seed data with deliberate cross-node ties
// ---------------------------------------------------------------------------------------------

/** Shared on purpose: equal names, equal bases (so equal ETAs) and equal updatedAt across nodes. */
const NAMES = [
  '武进区防汛抢险队',
  '湖塘镇综合应急救援队',
  '电力抢修队',
  '供水抢修队',
  'Alpha Rescue',
  'alpha rescue',
  'Alpha',
  'Bravo 10',
  'Bravo 2',
  'Échelle',
  'zeta',
  '应急救援队',
  'A',
  'AA',
  'Ab',
];
const POINTS = [
  { lat: 31.715, lng: 119.943 },
  { lat: 31.73, lng: 119.59 },
  { lat: 31.778, lng: 119.925 },
  { lat: 31.782, lng: 119.97 },
  { lat: 31.695, lng: 119.97 },
  { lat: 31.545, lng: 120.09 },
  { lat: 31.722, lng: 119.9 },
  { lat: 31.745, lng: 120.035 },
  { lat: 31.65, lng: 119.945 },
  { lat: 31.7, lng: 119.85 },
];
const T0 = Date.parse('2025-05-01T00:00:00.000Z');
const TIMES = Array.from({ length: 18 }, (_, i) => new Date(T0 + i * 3_600_000 * 7 + (i % 3) * 17));

function randomPoint(rng: Rng): { lat: number; lng: number } {
  return rng.chance(0.6) ? { ...rng.pick(POINTS) } : { lat: 31.5 + rng.next() * 0.35, lng: 119.5 + rng.next() * 0.65 };
}

function randomTime(rng: Rng): Date {
  return rng.chance(0.7) ? rng.pick(TIMES) : new Date(T0 + rng.int(0, 40 * 86_400) * 1000 + rng.int(0, 999));
}

function randomName(rng: Rng): string {
  return rng.chance(0.75) ? rng.pick(NAMES) : `${rng.pick(NAMES)} ${rng.int(1, 999)}`;
}

function nonEmptySubset<T>(rng: Rng, items: readonly T[], p = 0.4): T[] {
  const s = rng.subset(items, p);
  return s.length > 0 ? s : [rng.pick(items)];
}

function randomTeam(rng: Rng): TeamSeed {
  return buildTeam({
    name: randomName(rng),
    type: rng.pick(SEED_TEAM_TYPES),
    kind: rng.pick(TEAM_KINDS),
    tier: rng.int(1, 4),
    headcount: rng.int(5, 80),
    base: randomPoint(rng),
    readinessMinutes: rng.pick([5, 10, 15, 20, 30]),
    status: rng.pick(TEAM_STATUSES),
    updatedAt: randomTime(rng),
  });
}

type SocialForceSeed = Omit<SocialForceRecord, '_id'>;
const CAPABILITIES = socialCapabilities.slice(0, 5).map((c) => c.code);
const GRADES = ['GRADE_1', 'GRADE_2', 'GRADE_3', 'UNGRADED'] as const;

function randomForce(rng: Rng, serial: number): SocialForceSeed {
  const updatedAt = randomTime(rng);
  const status = rng.pick(TEAM_STATUSES);
  const held = status === 'RESERVED' || status === 'DEPLOYED';
  return {
    name: randomName(rng),
    creditCode: `91320412MA${String(serial).padStart(8, '0')}`,
    capabilities: nonEmptySubset(rng, CAPABILITIES, 0.35).map((capability) => ({
      capability,
      grade: rng.pick(GRADES),
      assessedAt: null,
      // Some assessments have lapsed: they count as UNGRADED for minGrade.
      validUntil: rng.chance(0.15) ? new Date('2024-01-01T00:00:00Z') : null,
    })),
    members: rng.int(5, 60),
    equipment: [],
    base: randomPoint(rng),
    range: 'CITY',
    assemblyMinutes: rng.pick([10, 20, 30, 45]),
    contact: { name: '联络员', phone: '13900001111' },
    verification: rng.pick(['VERIFIED', 'VERIFIED', 'VERIFIED', 'PENDING', 'SUSPENDED'] as const),
    status,
    reservation: held ? { requestId: 'seed-request', exercise: false, at: updatedAt } : null,
    released: [],
    owner: { sub: 'social@test', org: 'seed-org' },
    version: 1,
    createdAt: new Date(updatedAt.getTime() - 1000),
    updatedAt,
    createdBy: 'seeder@test',
  };
}

const ITEMS = supplyItems.slice(0, 10).map((i) => i.code);
const CATEGORIES = [...new Set(supplyItems.slice(0, 10).map((i) => i.category))];
/** Depot sites: a few shared by several nodes, so distances tie exactly. */
const DEPOT_POINTS = [
  POINTS[0],
  POINTS[3],
  POINTS[5],
  { lat: 31.61, lng: 119.88 },
  { lat: 31.79, lng: 120.08 },
  { lat: 31.68, lng: 119.71 },
] as { lat: number; lng: number }[];

async function seedSupplies(rng: Rng, node: RegistryNode): Promise<void> {
  const now = new Date(T0);
  const depots = await node.store.depots.insertMany(
    Array.from({ length: rng.int(1, 3) }, (_, i) => ({
      name: `${rng.pick(['物资储备库', 'Depot'])} ${i}`,
      location: { ...rng.pick(DEPOT_POINTS) },
      contact: { name: '库管员' },
      version: 1,
      createdAt: now,
      updatedAt: now,
      createdBy: 'seeder@test',
    })),
  );
  const lines = depots.flatMap((d) =>
    nonEmptySubset(rng, ITEMS, 0.4).map((item) => {
      const quantity = rng.int(0, 400);
      const reserved = rng.int(0, Math.floor(quantity / 3));
      return {
        depotId: d._id,
        item,
        mode: rng.pick(['PHYSICAL', 'AGREEMENT'] as const),
        quantity,
        reserved,
        available: quantity - reserved,
        reservations: [],
        released: [],
        version: 1,
        createdAt: now,
        updatedAt: now,
        createdBy: 'seeder@test',
      };
    }),
  );
  await node.store.stockLines.insertMany(lines);
}

/** Start times shared by every node: on-duty lists tie on start and break ties by posture and id. */
const NOW = Date.now();
const SHIFT_STARTS = [NOW - 3_600_000, NOW - 2 * 3_600_000, NOW - 6 * 3_600_000];

async function seedDuty(rng: Rng, node: RegistryNode): Promise<void> {
  const n = rng.int(0, 4);
  if (n === 0) return;
  await node.store.dutyShifts.insertMany(
    Array.from({ length: n }, () => ({
      startsAt: new Date(rng.pick(SHIFT_STARTS)),
      endsAt: new Date(NOW + rng.pick([2, 12, 24]) * 3_600_000),
      posture: rng.pick(['ON_POST', 'STANDBY', 'REST'] as const),
      recallMinutes: rng.pick([0, 30, 120]),
      leader: '带班领导',
      officer: '值班员',
      phone: '13700001234',
      version: 1,
      createdAt: new Date(T0),
      updatedAt: new Date(T0),
      createdBy: 'seeder@test',
    })),
  );
}

async function seedExperts(rng: Rng, node: RegistryNode): Promise<void> {
  await node.store.experts.insertMany(
    Array.from({ length: rng.int(1, 4) }, () => ({
      name: rng.pick(['张工', '李教授', 'Dr. Wang', '王研究员']),
      specialties: nonEmptySubset(rng, ['hydrology', 'chemistry', 'structures'], 0.5),
      contact: { name: 'expert' },
      available: rng.chance(0.7),
      version: 1,
      createdAt: new Date(T0),
      updatedAt: new Date(T0),
      createdBy: 'seeder@test',
    })),
  );
}

// ---------------------------------------------------------------------------------------------
// Reference comparators (independent of the product's keyset code)
// ---------------------------------------------------------------------------------------------

type Order = 'ETA' | 'NAME' | 'UPDATED';

interface EdgeRow {
  id: string;
  name: string;
  updatedAt: string;
  etaMinutes: number | null;
  distanceKm: number | null;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareEdges(order: Order): (a: EdgeRow, b: EdgeRow) => number {
  switch (order) {
    case 'ETA':
      return (a, b) => (a.etaMinutes as number) - (b.etaMinutes as number) || cmp(a.id, b.id);
    case 'NAME':
      return (a, b) => cmp(a.name, b.name) || cmp(a.id, b.id);
    case 'UPDATED':
      return (a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt) || cmp(a.id, b.id);
  }
}

// ---------------------------------------------------------------------------------------------
// Queries
// ---------------------------------------------------------------------------------------------

const CONNECTION_BODY =
  'totalCount pageInfo { hasNextPage endCursor } edges { cursor etaMinutes distanceKm node { id name updatedAt } }';

function connectionQuery(field: 'teams' | 'socialForces', firstStyle: FirstStyle, first: number | undefined): string {
  const [filterType, orderType] =
    field === 'teams' ? ['TeamFilter', 'TeamOrder'] : ['SocialForceFilter', 'SocialForceOrder'];
  const firstArg =
    firstStyle === 'variable' ? ', first: $first' : firstStyle === 'literal' ? `, first: ${String(first)}` : '';
  const firstVar = firstStyle === 'variable' ? ', $first: Int' : '';
  return `query Merge($filter: ${filterType}, $orderBy: ${orderType}${firstVar}, $after: String, $jurisdictions: [ID!]) {
    ${field}(filter: $filter, orderBy: $orderBy${firstArg}, after: $after, jurisdictions: $jurisdictions) { ${CONNECTION_BODY} }
  }`;
}

interface Connection {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: {
    cursor: string;
    etaMinutes: number | null;
    distanceKm: number | null;
    node: { id: string; name: string; updatedAt: string };
  }[];
}

type FirstStyle = 'variable' | 'literal' | 'omitted';

interface ConnectionArgs {
  filter?: Record<string, unknown> | undefined;
  orderBy?: Order | undefined;
}

interface Combination extends ConnectionArgs {
  index: number;
  first: number | undefined;
  firstStyle: FirstStyle;
  jurisdictions: string[] | undefined;
}

function rowsOf(c: Connection): EdgeRow[] {
  return c.edges.map((e) => ({
    id: e.node.id,
    name: e.node.name,
    updatedAt: e.node.updatedAt,
    etaMinutes: e.etaMinutes,
    distanceKm: e.distanceKm,
  }));
}

function effectiveOrder(args: ConnectionArgs): Order {
  return args.orderBy ?? (args.filter?.near ? 'ETA' : 'NAME');
}

function involvedNodes(jurisdictions: readonly string[] | undefined): string[] {
  return CODES.filter((c) => jurisdictions === undefined || jurisdictions.includes(c));
}

function label(c: Combination): string {
  return `#${c.index} ${JSON.stringify({ filter: c.filter, orderBy: c.orderBy, first: c.first, firstStyle: c.firstStyle, jurisdictions: c.jurisdictions })}`;
}

async function runPool<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const item = items[next++] as T;
        await fn(item);
      }
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Network
// ---------------------------------------------------------------------------------------------

let net: TestNetwork;
const CITY_OBSERVER = tokenFor({ jurisdiction: 'changzhou', roles: ['observer'] });
/** Sees unverified social forces of jintan only: per-node visibility differs. */
const JINTAN_OBSERVER = tokenFor({ jurisdiction: 'jintan', roles: ['observer'] });

beforeAll(async () => {
  net = await startTestNetwork(CODES, { nodeDeadlineMs: NODE_DEADLINE_MS });
  const rng = seededRandom(SEED);
  let serial = 0;
  for (const code of CODES) {
    const node = net.nodes.get(code) as RegistryNode;
    await seedTeams(
      node,
      Array.from({ length: rng.int(60, 75) }, () => randomTeam(rng)),
    );
    await node.store.socialForces.insertMany(Array.from({ length: rng.int(10, 25) }, () => randomForce(rng, serial++)));
    await seedSupplies(rng, node);
    await seedDuty(rng, node);
    await seedExperts(rng, node);
  }
});

afterAll(async () => {
  if (connectionResets.length > 0) {
    console.warn(
      `merge.test: ${connectionResets.length} gateway answer(s) lost to a reset keep-alive connection and retried:\n${connectionResets.join('\n')}`,
    );
  }
  await net?.stop();
});

function nodeOf(code: string): RegistryNode {
  return net.nodes.get(code) as RegistryNode;
}

function expectNoErrors(res: GraphQLResult<unknown>, what: string): void {
  if (res.errors?.length) throw new Error(`${what}: unexpected errors ${JSON.stringify(res.errors)}`);
}

/** Every row of one node for a filter and order, walking the node's own pages (brute force). */
const nodeRowsCache = new Map<string, Promise<EdgeRow[]>>();
function nodeRows(
  field: 'teams' | 'socialForces',
  code: string,
  args: ConnectionArgs,
  token: string,
): Promise<EdgeRow[]> {
  const key = JSON.stringify([field, code, args.filter, args.orderBy, token]);
  let cached = nodeRowsCache.get(key);
  if (!cached) {
    cached = (async () => {
      const rows: EdgeRow[] = [];
      let after: string | null = null;
      for (let page = 0; page < 50; page++) {
        const res: GraphQLResult<Record<string, Connection>> = await graphql<Record<string, Connection>>(
          nodeOf(code).url,
          connectionQuery(field, 'variable', undefined),
          { filter: args.filter, orderBy: args.orderBy, first: 500, after },
          token,
        );
        expectNoErrors(res, `node ${code}`);
        const conn = res.data?.[field] as Connection;
        rows.push(...rowsOf(conn));
        if (!conn.pageInfo.hasNextPage) {
          expect(rows.length).toBe(conn.totalCount);
          return rows;
        }
        after = conn.pageInfo.endCursor;
      }
      throw new Error(`node ${code} kept returning pages`);
    })();
    nodeRowsCache.set(key, cached);
  }
  return cached;
}

/** The rows one database holding every involved node's rows would return, in global order. */
async function bruteForce(
  field: 'teams' | 'socialForces',
  args: ConnectionArgs,
  jurisdictions: readonly string[] | undefined,
  token: string,
): Promise<EdgeRow[]> {
  const parts = await Promise.all(involvedNodes(jurisdictions).map((c) => nodeRows(field, c, args, token)));
  return parts.flat().sort(compareEdges(effectiveOrder(args)));
}

/**
 * Answers lost to a reset keep-alive connection (see nodeFailure.test.ts: the gateway reuses node
 * connections the node has already closed). Retried once here so that this file tests the merge
 * only; the count is reported, and the bug has its own failing test.
 */
const connectionResets: string[] = [];
const RESET = /socket hang up|ECONNRESET|EPIPE/;

async function gatewayQuery<T>(
  query: string,
  variables: Record<string, unknown>,
  token: string,
): Promise<GraphQLResult<T>> {
  const res = await graphql<T>(net.gateway.url, query, variables, token);
  const errors = res.errors ?? [];
  if (
    errors.length > 0 &&
    errors.every((e) => e.extensions?.code === 'JURISDICTION_UNAVAILABLE' && RESET.test(e.message))
  ) {
    connectionResets.push(errors.map((e) => e.message).join('; '));
    return graphql<T>(net.gateway.url, query, variables, token);
  }
  return res;
}

async function gatewayPage(
  field: 'teams' | 'socialForces',
  c: Combination,
  after: string | null,
  token: string,
): Promise<GraphQLResult<Record<string, Connection>>> {
  const vars: Record<string, unknown> = { filter: c.filter, orderBy: c.orderBy, after, jurisdictions: c.jurisdictions };
  if (c.firstStyle === 'variable') vars.first = c.first;
  return gatewayQuery<Record<string, Connection>>(connectionQuery(field, c.firstStyle, c.first), vars, token);
}

function pageSize(c: Combination): number {
  return c.firstStyle === 'omitted' ? 20 : (c.first as number);
}

/**
 * Compares one gateway page with the expected slice.
 * @returns a description of the first difference, or null.
 */
function diffPage(
  field: string,
  got: GraphQLResult<Record<string, Connection>>,
  expected: EdgeRow[],
  offset: number,
  size: number,
  involved: string[],
): string | null {
  if (got.errors?.length) return `errors ${JSON.stringify(got.errors)}`;
  const conn = got.data?.[field];
  if (!conn) return 'no data';
  const want = expected.slice(offset, offset + size);
  const gotRows = rowsOf(conn);
  const gotIds = gotRows.map((r) => r.id);
  const wantIds = want.map((r) => r.id);
  if (JSON.stringify(gotIds) !== JSON.stringify(wantIds)) {
    const at = gotIds.findIndex((id, i) => id !== wantIds[i]);
    const i = at === -1 ? Math.min(gotIds.length, wantIds.length) : at;
    return `ids differ at page position ${i} (global ${offset + i}): got ${gotIds.length} rows [${gotIds.slice(i, i + 3).join(', ')}], want ${wantIds.length} rows [${wantIds.slice(i, i + 3).join(', ')}] (${JSON.stringify(want[i])} vs ${JSON.stringify(gotRows[i])})`;
  }
  if (JSON.stringify(gotRows) !== JSON.stringify(want)) {
    return `edge fields differ: ${JSON.stringify(gotRows)} vs ${JSON.stringify(want)}`;
  }
  if (conn.totalCount !== expected.length) return `totalCount ${conn.totalCount}, want ${expected.length}`;
  const hasNext = offset + size < expected.length;
  if (conn.pageInfo.hasNextPage !== hasNext) return `hasNextPage ${conn.pageInfo.hasNextPage}, want ${hasNext}`;
  const lastCursor = conn.edges.at(-1)?.cursor ?? null;
  if (conn.pageInfo.endCursor !== lastCursor) {
    return `endCursor ${conn.pageInfo.endCursor} is not the last edge's cursor ${lastCursor}`;
  }
  const coverage = got.extensions?.coverage as
    { asked: string[]; answered: string[]; unavailable: string[] } | undefined;
  if (
    involved.length > 0 &&
    JSON.stringify(coverage) !== JSON.stringify({ asked: involved, answered: involved, unavailable: [] })
  ) {
    return `coverage ${JSON.stringify(coverage)}, want asked = answered = ${JSON.stringify(involved)}`;
  }
  return null;
}

/** Walks every page through the gateway by endCursor. @returns a description of the first difference, or null. */
async function walkAll(
  field: 'teams' | 'socialForces',
  c: Combination,
  expected: EdgeRow[],
  token: string,
): Promise<string | null> {
  const size = pageSize(c);
  const involved = involvedNodes(c.jurisdictions).sort();
  const seen = new Set<string>();
  let after: string | null = null;
  for (let offset = 0; ; offset += size) {
    const res: GraphQLResult<Record<string, Connection>> = await gatewayPage(field, c, after, token);
    const diff = diffPage(field, res, expected, offset, size, involved);
    if (diff) return `page at offset ${offset}: ${diff}`;
    const conn = res.data?.[field] as Connection;
    for (const e of conn.edges) {
      if (seen.has(e.node.id)) return `duplicate ${e.node.id} at offset ${offset}`;
      seen.add(e.node.id);
    }
    if (!conn.pageInfo.hasNextPage) break;
    if (offset > expected.length) return 'walked past the end';
    after = conn.pageInfo.endCursor;
  }
  return seen.size === expected.length ? null : `walk returned ${seen.size} rows, want ${expected.length}`;
}

// ---------------------------------------------------------------------------------------------
// Random combinations
// ---------------------------------------------------------------------------------------------

function randomTeamArgs(rng: Rng): ConnectionArgs {
  const filter: Record<string, unknown> = {};
  if (rng.chance(0.3)) filter.types = nonEmptySubset(rng, SEED_TEAM_TYPES);
  if (rng.chance(0.25)) filter.kinds = nonEmptySubset(rng, TEAM_KINDS);
  if (rng.chance(0.3)) filter.statuses = nonEmptySubset(rng, TEAM_STATUSES);
  if (rng.chance(0.25)) filter.maxTier = rng.int(1, 4);
  if (rng.chance(0.2)) filter.minHeadcount = rng.int(0, 60);
  if (rng.chance(0.55)) {
    filter.near = randomPoint(rng);
    if (rng.chance(0.4)) filter.withinKm = rng.pick([2, 5, 8, 15, 30]);
  }
  const orders: (Order | undefined)[] = filter.near
    ? [undefined, 'ETA', 'NAME', 'UPDATED']
    : [undefined, 'NAME', 'UPDATED'];
  const empty = Object.keys(filter).length === 0;
  return { filter: empty && rng.chance(0.5) ? undefined : filter, orderBy: rng.pick(orders) };
}

function randomJurisdictions(rng: Rng): string[] | undefined {
  const r = rng.next();
  if (r < 0.3) return undefined;
  if (r < 0.33) return [];
  const picked = nonEmptySubset(rng, CODES, 0.4);
  // The order of the list must not matter; a code without a node contributes nothing.
  const shuffled = [...picked].sort(() => rng.next() - 0.5);
  return rng.chance(0.1) ? [...shuffled, NODELESS] : shuffled;
}

function randomFirst(rng: Rng): { first: number | undefined; firstStyle: FirstStyle } {
  const r = rng.next();
  const firstStyle: FirstStyle = r < 0.65 ? 'variable' : r < 0.9 ? 'literal' : 'omitted';
  const first =
    firstStyle === 'omitted' ? undefined : rng.chance(0.6) ? rng.int(1, 60) : rng.pick([1, 2, 100, 250, 499, 500]);
  return { first, firstStyle };
}

function combinations(count: number, seed: number, argsOf: (rng: Rng) => ConnectionArgs): Combination[] {
  const rng = seededRandom(seed);
  // A pool of filter/order pairs, so brute force can reuse each node's rows across combinations.
  const pool = Array.from({ length: Math.ceil(count / 8) }, () => argsOf(rng));
  return Array.from({ length: count }, (_, index) => ({
    index,
    ...rng.pick(pool),
    ...randomFirst(rng),
    jurisdictions: randomJurisdictions(rng),
  }));
}

describe('teams', () => {
  test(`${RANDOM_COMBINATIONS} random combinations of filter, order, first and jurisdictions equal the brute-force union`, async () => {
    const combos = combinations(RANDOM_COMBINATIONS, SEED + 1, randomTeamArgs);
    const failures: string[] = [];
    let nonEmpty = 0;
    let truncated = 0;
    await runPool(combos, CONCURRENCY, async (c) => {
      const expected = await bruteForce('teams', c, c.jurisdictions, CITY_OBSERVER);
      if (expected.length > 0) nonEmpty++;
      if (expected.length > pageSize(c)) truncated++;
      const res = await gatewayPage('teams', c, null, CITY_OBSERVER);
      const diff = diffPage('teams', res, expected, 0, pageSize(c), involvedNodes(c.jurisdictions).sort());
      if (diff) failures.push(`${label(c)}: ${diff}`);
    });
    expect(failures.slice(0, 5)).toEqual([]);
    expect(failures).toHaveLength(0);
    // The combinations must actually exercise the merge: most return rows, many are cut by `first`.
    expect(nonEmpty).toBeGreaterThan(RANDOM_COMBINATIONS * 0.6);
    expect(truncated).toBeGreaterThan(RANDOM_COMBINATIONS * 0.3);
  });

  test(`walking every page by endCursor through the gateway (${WALKED_COMBINATIONS} combinations) has no duplicates or gaps`, async () => {
    const rng = seededRandom(SEED + 2);
    const combos = combinations(WALKED_COMBINATIONS * 2, SEED + 3, randomTeamArgs);
    const walks: { c: Combination; expected: EdgeRow[] }[] = [];
    for (const c of combos) {
      const expected = await bruteForce('teams', c, c.jurisdictions, CITY_OBSERVER);
      if (expected.length < 2) continue;
      // At most ~4 pages per walk keeps the run short; pages still cross nodes on every page.
      const first = Math.max(rng.int(1, 25), Math.ceil(expected.length / 4));
      walks.push({ c: { ...c, first, firstStyle: rng.chance(0.8) ? 'variable' : 'literal' }, expected });
      if (walks.length === WALKED_COMBINATIONS) break;
    }
    expect(walks.length).toBe(WALKED_COMBINATIONS);
    const failures: string[] = [];
    await runPool(walks, CONCURRENCY, async ({ c, expected }) => {
      const diff = await walkAll('teams', c, expected, CITY_OBSERVER);
      if (diff) failures.push(`${label(c)}: ${diff}`);
    });
    expect(failures.slice(0, 5)).toEqual([]);
    expect(failures).toHaveLength(0);
  });

  test('a walk with first: 1 over every node crosses nodes on tied keys without losing or repeating rows', async () => {
    // Equal names on several nodes: consecutive rows come from different nodes, so each cursor is
    // made by one node and continued by all of them.
    const c: Combination = {
      index: -1,
      filter: { types: [SEED_TEAM_TYPES[0] as string], maxTier: 1, kinds: ['SPECIALIST'] },
      orderBy: 'NAME',
      first: 1,
      firstStyle: 'variable',
      jurisdictions: undefined,
    };
    const expected = await bruteForce('teams', c, undefined, CITY_OBSERVER);
    expect(expected.length).toBeGreaterThan(2);
    expect(new Set(expected.map((r) => r.id.split(':')[0])).size).toBeGreaterThan(1);
    expect(await walkAll('teams', c, expected, CITY_OBSERVER)).toBeNull();
  });

  test('ties on ETA, name and updatedAt across nodes are broken by id, as one database would', async () => {
    // The seed shares bases, readiness, names and timestamps between nodes: check that the
    // expected lists really contain cross-node ties, then that the gateway orders them.
    const near = POINTS[0] as { lat: number; lng: number };
    for (const orderBy of ['ETA', 'NAME', 'UPDATED'] as const) {
      const c: Combination = {
        index: -1,
        filter: { near },
        orderBy,
        first: 500,
        firstStyle: 'variable',
        jurisdictions: undefined,
      };
      const expected = await bruteForce('teams', c, undefined, CITY_OBSERVER);
      const primary = (r: EdgeRow) =>
        orderBy === 'ETA' ? String(r.etaMinutes) : orderBy === 'NAME' ? r.name : r.updatedAt;
      const crossNodeTies = expected.filter((r, i) => {
        const prev = expected[i - 1];
        return prev !== undefined && primary(prev) === primary(r) && prev.id.split(':')[0] !== r.id.split(':')[0];
      });
      expect(crossNodeTies.length).toBeGreaterThan(5);
      const res = await gatewayPage('teams', c, null, CITY_OBSERVER);
      expect(diffPage('teams', res, expected, 0, 500, [...CODES].sort())).toBeNull();
    }
  });

  test('a page size given by a variable default (`$first: Int = 7`, variable omitted) is honoured', async () => {
    // The subgraph fetch carries `query($first:Int=7)` with no variables: every node applies 7,
    // and the merge must cut to 7 too, or it returns more rows than asked and skips rows on
    // the next page (a node contributed only its top 7).
    const expected = await bruteForce('teams', { orderBy: 'NAME' }, undefined, CITY_OBSERVER);
    const res = await gatewayQuery<{ teams: Connection }>(
      `query($first: Int = 7) { teams(orderBy: NAME, first: $first) { ${CONNECTION_BODY} } }`,
      {},
      CITY_OBSERVER,
    );
    expect(diffPage('teams', res, expected, 0, 7, [...CODES].sort())).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// Social forces
// ---------------------------------------------------------------------------------------------

function randomForceArgs(rng: Rng): ConnectionArgs {
  const filter: Record<string, unknown> = {};
  if (rng.chance(0.4)) filter.capabilities = nonEmptySubset(rng, CAPABILITIES);
  if (rng.chance(0.3)) filter.minGrade = rng.pick(GRADES);
  if (rng.chance(0.3)) filter.verifications = nonEmptySubset(rng, ['PENDING', 'VERIFIED', 'SUSPENDED']);
  if (rng.chance(0.25)) filter.statuses = nonEmptySubset(rng, TEAM_STATUSES);
  if (rng.chance(0.5)) {
    filter.near = randomPoint(rng);
    if (rng.chance(0.3)) filter.withinKm = rng.pick([5, 10, 30]);
  }
  const orders: (Order | undefined)[] = filter.near
    ? [undefined, 'ETA', 'NAME', 'UPDATED']
    : [undefined, 'NAME', 'UPDATED'];
  return { filter, orderBy: rng.pick(orders) };
}

describe('socialForces', () => {
  test.each([
    ['a city observer (sees every verification state)', CITY_OBSERVER],
    ['a jintan observer (unverified forces of jintan only)', JINTAN_OBSERVER],
  ])(
    '16 random combinations for %s equal the brute-force union, 3 of them walked page by page',
    async (_label, token) => {
      const combos = combinations(16, SEED + (token === CITY_OBSERVER ? 10 : 11), randomForceArgs);
      const failures: string[] = [];
      await runPool(combos, CONCURRENCY, async (c) => {
        const expected = await bruteForce('socialForces', c, c.jurisdictions, token);
        const res = await gatewayPage('socialForces', c, null, token);
        const diff = diffPage('socialForces', res, expected, 0, pageSize(c), involvedNodes(c.jurisdictions).sort());
        if (diff) failures.push(`${label(c)}: ${diff}`);
        if (c.index % 6 === 0 && expected.length > 1) {
          const walk = await walkAll(
            'socialForces',
            { ...c, first: Math.max(2, Math.ceil(expected.length / 10)), firstStyle: 'variable' },
            expected,
            token,
          );
          if (walk) failures.push(`${label(c)} walk: ${walk}`);
        }
      });
      expect(failures.slice(0, 5)).toEqual([]);
      expect(failures).toHaveLength(0);
    },
  );

  test('visibility differs per node for the jintan observer, so the two tokens really test different merges', async () => {
    const c: ConnectionArgs = { orderBy: 'NAME' };
    const asJintan = await bruteForce('socialForces', c, undefined, JINTAN_OBSERVER);
    const asCity = await bruteForce('socialForces', c, undefined, CITY_OBSERVER);
    expect(asCity.length).toBeGreaterThan(asJintan.length);
    expect(asJintan.filter((r) => r.id.startsWith('jintan:')).length).toBe(
      asCity.filter((r) => r.id.startsWith('jintan:')).length,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Plain lists: jurisdictions, onDuty, supplies, experts
// ---------------------------------------------------------------------------------------------

async function unionOfNodes<T>(
  query: string,
  field: string,
  variables: Record<string, unknown>,
  jurisdictions: readonly string[] | undefined,
): Promise<T[]> {
  const parts = await Promise.all(
    involvedNodes(jurisdictions).map(async (code) => {
      const res = await graphql<Record<string, T[]>>(nodeOf(code).url, query, variables, CITY_OBSERVER);
      expectNoErrors(res, `node ${code}`);
      return res.data?.[field] as T[];
    }),
  );
  return parts.flat();
}

const JURISDICTION_CASES: (string[] | undefined)[] = [
  undefined,
  ['jintan'],
  ['wujin.yaoguan', 'wujin', 'tianning'],
  [NODELESS, 'zhonglou'],
  [...CODES].reverse(),
];

describe('lists', () => {
  test.each(JURISDICTION_CASES.map((j) => [JSON.stringify(j), j] as const))(
    'jurisdictions(jurisdictions: %s) lists the answering nodes by code',
    async (_l, jurisdictions) => {
      const res = await gatewayQuery<{ jurisdictions: { code: string }[] }>(
        'query($j: [ID!]) { jurisdictions(jurisdictions: $j) { code name } }',
        { j: jurisdictions },
        CITY_OBSERVER,
      );
      expectNoErrors(res, 'gateway');
      expect(res.data?.jurisdictions.map((j) => j.code)).toEqual(involvedNodes(jurisdictions).sort(cmp));
    },
  );

  const ON_DUTY = 'query($j: [ID!]) { onDuty(jurisdictions: $j) { id posture startsAt jurisdiction { code } } }';
  const POSTURE_RANK: Record<string, number> = { ON_POST: 0, STANDBY: 1, REST: 2 };
  interface Shift {
    id: string;
    posture: string;
    startsAt: string;
    jurisdiction: { code: string };
  }

  test.each(JURISDICTION_CASES.map((j) => [JSON.stringify(j), j] as const))(
    'onDuty(jurisdictions: %s) is merged by jurisdiction, posture, start, id',
    async (_l, jurisdictions) => {
      const union = await unionOfNodes<Shift>(ON_DUTY, 'onDuty', {}, jurisdictions);
      const expected = union.sort(
        (a, b) =>
          cmp(a.jurisdiction.code, b.jurisdiction.code) ||
          (POSTURE_RANK[a.posture] as number) - (POSTURE_RANK[b.posture] as number) ||
          Date.parse(a.startsAt) - Date.parse(b.startsAt) ||
          cmp(a.id, b.id),
      );
      if (jurisdictions === undefined) expect(expected.length).toBeGreaterThan(5);
      const res = await gatewayQuery<{ onDuty: Shift[] }>(ON_DUTY, { j: jurisdictions }, CITY_OBSERVER);
      expectNoErrors(res, 'gateway');
      expect(res.data?.onDuty).toEqual(expected);
    },
  );

  const SUPPLIES =
    'query($f: SupplyFilter, $j: [ID!]) { supplies(filter: $f, jurisdictions: $j) { id item { code } distanceKm available depot { id } } }';
  interface Line {
    id: string;
    item: { code: string };
    distanceKm: number | null;
    available: number;
    depot: { id: string };
  }
  const SUPPLY_CASES: [Record<string, unknown> | undefined, string[] | undefined][] = [
    [undefined, undefined],
    [{ near: DEPOT_POINTS[0] }, undefined],
    [{ near: POINTS[6], withinKm: 12 }, undefined],
    [{ items: ITEMS.slice(0, 3) }, ['wujin', 'jintan', 'wujin.xueyan']],
    [{ categories: CATEGORIES.slice(0, 1), near: POINTS[2] }, undefined],
    [{ minAvailable: 100, near: DEPOT_POINTS[2] }, ['tianning', 'wujin.hutang', NODELESS]],
    [{ minAvailable: 50 }, [...CODES].reverse()],
  ];

  test.each(SUPPLY_CASES.map(([f, j]) => [JSON.stringify(f), JSON.stringify(j), f, j] as const))(
    'supplies(filter: %s, jurisdictions: %s) is merged nearest first, else by item then id',
    async (_f, _j, filter, jurisdictions) => {
      const union = await unionOfNodes<Line>(SUPPLIES, 'supplies', { f: filter }, jurisdictions);
      const expected = filter?.near
        ? union.sort((a, b) => (a.distanceKm as number) - (b.distanceKm as number) || cmp(a.id, b.id))
        : union.sort((a, b) => cmp(a.item.code, b.item.code) || cmp(a.id, b.id));
      expect(expected.length).toBeGreaterThan(3);
      const res = await gatewayQuery<{ supplies: Line[] }>(SUPPLIES, { f: filter, j: jurisdictions }, CITY_OBSERVER);
      expectNoErrors(res, 'gateway');
      expect(res.data?.supplies.map((l) => l.id)).toEqual(expected.map((l) => l.id));
      expect(res.data?.supplies).toEqual(expected);
    },
  );

  test.each([undefined, ['jintan', 'wujin.niutang', 'zhonglou']])(
    'experts(jurisdictions: %j) is merged by name then id',
    async (jurisdictions) => {
      const EXPERTS = 'query($j: [ID!]) { experts(jurisdictions: $j) { id name } }';
      const union = await unionOfNodes<{ id: string; name: string }>(EXPERTS, 'experts', {}, jurisdictions);
      const expected = union.sort((a, b) => cmp(a.name, b.name) || cmp(a.id, b.id));
      const res = await gatewayQuery<{ experts: { id: string; name: string }[] }>(
        EXPERTS,
        { j: jurisdictions },
        CITY_OBSERVER,
      );
      expectNoErrors(res, 'gateway');
      expect(res.data?.experts).toEqual(expected);
    },
  );

  test('two aliased scatters in one operation are merged independently', async () => {
    const q = `query { a: teams(orderBy: NAME, first: 9) { ${CONNECTION_BODY} } b: teams(orderBy: UPDATED, first: 4, jurisdictions: ["jintan", "tianning"]) { ${CONNECTION_BODY} } }`;
    const res = await gatewayQuery<Record<string, Connection>>(q, {}, CITY_OBSERVER);
    const a = await bruteForce('teams', { orderBy: 'NAME' }, undefined, CITY_OBSERVER);
    const b = await bruteForce('teams', { orderBy: 'UPDATED' }, ['jintan', 'tianning'], CITY_OBSERVER);
    expect(diffPage('a', res, a, 0, 9, [...CODES].sort())).toBeNull();
    // Coverage is per response: `a` asked every node.
    expect(diffPage('b', res, b, 0, 4, [...CODES].sort())).toBeNull();
  });
});

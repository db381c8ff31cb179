import type { TeamKind, TeamRecord } from '../../../services/registry/src/models/Team';
import type { ResourceStatus } from '../../../services/registry/src/models/fragments';
import type { RegistryNode } from '../../../services/registry/src/registryNode';
import { errorCodes, expectData, graphql, type GraphQLResult } from '../../testkit/graphql';
import { startTestNode, stopTestNode } from '../../testkit/registry';
import { tokenFor } from '../../testkit/tokens';

/**
 * Acceptance: `teams` filters, the ETA / NAME / UPDATED orders and cursor pagination agree with a
 * brute-force computation over a generated set of 2,000 teams (property-style, fixed seed),
 * including ties and the last page.
 *
 * The brute force below is an independent re-implementation of the contract (haversine with
 * R = 6371 km, ETA = readiness + ceil(60 × 1.3 × d / 50), binary string order, id tie-break): it
 * deliberately imports nothing from the product's search, keyset or geo modules.
 *
 * A failing random case prints its seed and query so it can be replayed.
 */

const SEED = 20250601;
const TEAM_COUNT = 2000;
const RANDOM_QUERIES = 100;
/** The random queries run as this many tests (each with its own timeout and report). */
const BATCHES = 4;
/** Every WALK_EVERY-th random query is walked to its last page, not only its first. */
const WALK_EVERY = 5;
/** Page size of a walked query is raised, when needed, so that a walk takes at most this many pages. */
const MAX_WALK_PAGES = 4;
/** Requests in flight: the node reads every matching team on every request, so more only queue up. */
const CONCURRENCY = 2;
/** Per-test timeout for the request-heavy tests (generous: each request scans the collection). */
const SLOW_MS = 300_000;

let node: RegistryNode;
let token: string;

// ---------------------------------------------------------------------------------------------
// Seeded random source (mulberry32)
// ---------------------------------------------------------------------------------------------

class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** @returns a float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** @returns an integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** @returns a float in [lo, hi) rounded to `digits` decimals. */
  float(lo: number, hi: number, digits: number): number {
    return Number((lo + this.next() * (hi - lo)).toFixed(digits));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** @returns a non-empty random subset of `items`, in their order. */
  someOf<T>(items: readonly T[], p = 0.4): T[] {
    const out = items.filter(() => this.next() < p);
    return out.length > 0 ? out : [this.pick(items)];
  }
}

interface GeoPoint {
  lat: number;
  lng: number;
}

// ---------------------------------------------------------------------------------------------
// Generated data, with deliberate ties
// ---------------------------------------------------------------------------------------------

const KINDS: readonly TeamKind[] = ['SPECIALIST', 'TOWNSHIP_COMPREHENSIVE', 'ENTERPRISE'];
const STATUSES: readonly ResourceStatus[] = ['AVAILABLE', 'STANDBY', 'RESERVED', 'DEPLOYED', 'OUT_OF_SERVICE'];
/** Catalogue codes the seed uses. */
const SEEDED_TYPES: readonly string[] = [
  'hazmat',
  'flood',
  'water_rescue',
  'medical',
  'comms',
  'power',
  'gas',
  'survey_uav',
];
/** Valid catalogue codes no seeded team has: filters on them match nothing. */
const UNUSED_TYPES: readonly string[] = ['militia', 'rail_transit'];

/**
 * Repeated names: Chinese, mixed case, digits, punctuation, a leading space, a full-width letter
 * and a character outside the BMP (a surrogate pair in UTF-16), where binary order is subtle.
 */
const NAMES: readonly string[] = [
  '武进区防汛抢险队',
  '湖塘镇综合应急救援队',
  '牛塘镇综合应急救援队',
  '常州蓝天救援队',
  '武进区危化品应急救援队',
  '应急通信保障队',
  '医疗救护队',
  '电力抢修队',
  '燃气抢修队',
  '队',
  '队伍',
  '中',
  '丁',
  '𠮷祥救援队',
  'ｚ全角救援队',
  ' 前导空格队',
  'Alpha Rescue',
  'alpha rescue',
  'Alpha',
  'Bravo',
  'bravo',
  'Zulu Team',
  'Ärzte Team',
  'team-1',
  'team-10',
  'team-2',
  'A',
  'a',
  'Z',
  '_underscore',
  '0zero',
];

/** Shared bases: many teams sit at the same point, so their distances tie exactly. */
const SHARED_BASES: readonly GeoPoint[] = Array.from({ length: 24 }, (_, i) => {
  const r = new Rng(SEED + 1000 + i);
  return { lat: r.float(31.4, 31.9, 6), lng: r.float(119.5, 120.2, 6) };
});

/** Shared update instants (some a millisecond apart), so UPDATED ties too. */
const SHARED_INSTANTS: readonly Date[] = Array.from({ length: 30 }, (_, i) => {
  const base = Date.UTC(2025, 5, 1, 8, 0, 0) + Math.floor(i / 3) * 3_600_000;
  return new Date(base + (i % 3)); // +0, +1, +2 ms
});

const READINESS: readonly number[] = [5, 10, 15, 20, 30, 45];
const HEADCOUNTS: readonly number[] = [5, 10, 20, 30, 50];

type TeamSeed = Omit<TeamRecord, '_id'>;

function generateTeams(rng: Rng, count: number): TeamSeed[] {
  const out: TeamSeed[] = [];
  for (let i = 0; i < count; i++) {
    const prev = out.length > 0 ? out[rng.int(0, out.length - 1)] : undefined;
    if (prev && rng.chance(0.05)) {
      // An exact twin of an earlier team: ties with it in every order, only the id decides.
      out.push({
        ...prev,
        base: { ...prev.base },
        equipment: prev.equipment.map((e) => ({ ...e })),
        contact: { ...prev.contact },
        released: [],
      });
      continue;
    }
    let base: GeoPoint;
    const where = rng.next();
    if (where < 0.55) base = { ...rng.pick(SHARED_BASES) };
    else if (where < 0.97) base = { lat: rng.float(31.4, 31.9, 6), lng: rng.float(119.5, 120.2, 6) };
    else base = { lat: rng.float(31.9, 32.3, 6), lng: rng.float(118.6, 119.0, 6) }; // far away (Nanjing side)
    const updatedAt = rng.chance(0.5)
      ? new Date(rng.pick(SHARED_INSTANTS).getTime())
      : new Date(Date.UTC(2025, 0, 1) + rng.int(0, 300 * 86_400_000));
    const status = rng.pick(STATUSES);
    const held = status === 'RESERVED' || status === 'DEPLOYED';
    out.push({
      name: rng.chance(0.8) ? rng.pick(NAMES) : `救援队-${rng.int(0, 999)}`,
      type: rng.pick(SEEDED_TYPES),
      kind: rng.pick(KINDS),
      tier: rng.int(1, 4),
      headcount: rng.chance(0.5) ? rng.pick(HEADCOUNTS) : rng.int(1, 200),
      equipment: [{ name: '冲锋舟', quantity: rng.int(1, 5) }],
      base,
      readinessMinutes: rng.chance(0.85) ? rng.pick(READINESS) : rng.int(0, 90),
      contact: { name: '王队长', role: '队长', phone: '13800001234' },
      status,
      reservation: held ? { requestId: `req-${rng.int(1, 50)}`, exercise: false, at: updatedAt } : null,
      released: [],
      version: 1,
      createdAt: new Date(updatedAt.getTime() - 86_400_000),
      updatedAt,
      createdBy: 'teamSearch@test',
    });
  }
  return out;
}

interface SeededTeam extends TeamSeed {
  id: string;
}

let teams: SeededTeam[] = [];

// ---------------------------------------------------------------------------------------------
// Brute force: the contract, re-implemented
// ---------------------------------------------------------------------------------------------

type Order = 'ETA' | 'NAME' | 'UPDATED';

interface Filter {
  types?: string[];
  kinds?: TeamKind[];
  statuses?: ResourceStatus[];
  maxTier?: number;
  minHeadcount?: number;
  near?: GeoPoint;
  withinKm?: number;
}

interface Query {
  filter?: Filter;
  orderBy?: Order;
  /** Absent: the schema default (20). */
  first?: number;
}

interface ExpectedEdge {
  id: string;
  distanceKm: number | null;
  etaMinutes: number | null;
}

const RADIUS_KM = 6371;

function distanceKm(from: GeoPoint, to: GeoPoint): number {
  const rad = Math.PI / 180;
  const phi1 = from.lat * rad;
  const phi2 = to.lat * rad;
  const sinHalfDPhi = Math.sin(((to.lat - from.lat) * rad) / 2);
  const sinHalfDLambda = Math.sin(((to.lng - from.lng) * rad) / 2);
  const a = sinHalfDPhi * sinHalfDPhi + Math.cos(phi1) * Math.cos(phi2) * sinHalfDLambda * sinHalfDLambda;
  return 2 * RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

function eta(readinessMinutes: number, km: number): number {
  return readinessMinutes + Math.ceil((60 * 1.3 * km) / 50);
}

/** Binary (UTF-16 code unit) comparison, as JavaScript's `<` does it. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** @returns every matching team, in the query's order. */
function bruteForce(q: Query): ExpectedEdge[] {
  const f = q.filter ?? {};
  const order: Order = q.orderBy ?? (f.near ? 'ETA' : 'NAME');
  const rows: (ExpectedEdge & { team: SeededTeam })[] = [];
  for (const t of teams) {
    if (f.types && !f.types.includes(t.type)) continue;
    if (f.kinds && !f.kinds.includes(t.kind)) continue;
    if (f.statuses && !f.statuses.includes(t.status)) continue;
    if (f.maxTier != null && !(t.tier <= f.maxTier)) continue;
    if (f.minHeadcount != null && !(t.headcount >= f.minHeadcount)) continue;
    const d = f.near ? distanceKm(f.near, t.base) : null;
    if (f.withinKm != null && (d === null || d > f.withinKm)) continue;
    rows.push({ id: t.id, distanceKm: d, etaMinutes: d === null ? null : eta(t.readinessMinutes, d), team: t });
  }
  rows.sort((a, b) => {
    let c: number;
    if (order === 'ETA') c = (a.etaMinutes as number) - (b.etaMinutes as number);
    else if (order === 'NAME') c = cmp(a.team.name, b.team.name);
    else c = b.team.updatedAt.getTime() - a.team.updatedAt.getTime();
    return c || cmp(a.id, b.id);
  });
  return rows.map(({ id, distanceKm: dk, etaMinutes: em }) => ({ id, distanceKm: dk, etaMinutes: em }));
}

// ---------------------------------------------------------------------------------------------
// API
// ---------------------------------------------------------------------------------------------

const TEAMS = `query($filter: TeamFilter, $orderBy: TeamOrder, $first: Int, $after: String, $jurisdictions: [ID!]) {
  teams(filter: $filter, orderBy: $orderBy, first: $first, after: $after, jurisdictions: $jurisdictions) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { distanceKm etaMinutes cursor node { id } }
  }
}`;

interface Connection {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { distanceKm: number | null; etaMinutes: number | null; cursor: string; node: { id: string } }[];
}

function askTeams(
  q: Query & { after?: string; jurisdictions?: string[] },
): Promise<GraphQLResult<{ teams: Connection }>> {
  return graphql<{ teams: Connection }>(node.url, TEAMS, { ...q }, token);
}

async function teamsPage(q: Query & { after?: string }): Promise<Connection> {
  return expectData(await askTeams(q)).teams;
}

/** Runs `work` over `items` with at most `limit` in flight. */
async function inPool<T>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      await work(items[i] as T, i);
    }
  });
  await Promise.all(lanes);
}

/** @returns what is wrong with `page` as the slice [start, start + first) of `expected`. */
function pageProblems(page: Connection, expected: readonly ExpectedEdge[], start: number, first: number): string[] {
  const problems: string[] = [];
  const want = expected.slice(start, start + first);
  if (page.totalCount !== expected.length) problems.push(`totalCount ${page.totalCount}, expected ${expected.length}`);
  const gotIds = page.edges.map((e) => e.node.id);
  const wantIds = want.map((e) => e.id);
  if (gotIds.join(',') !== wantIds.join(',')) {
    const at = gotIds.findIndex((id, i) => id !== wantIds[i]);
    problems.push(
      `ids differ (got ${gotIds.length}, expected ${wantIds.length}; first difference at ${at < 0 ? Math.min(gotIds.length, wantIds.length) : at}: got ${gotIds[at] ?? '-'}, expected ${wantIds[at] ?? '-'})`,
    );
  }
  const hasNext = start + first < expected.length;
  if (page.pageInfo.hasNextPage !== hasNext) {
    problems.push(`hasNextPage ${page.pageInfo.hasNextPage}, expected ${hasNext}`);
  }
  const lastCursor = page.edges.at(-1)?.cursor ?? null;
  if (page.pageInfo.endCursor !== lastCursor) {
    problems.push(`endCursor ${page.pageInfo.endCursor} is not the last edge's cursor ${lastCursor}`);
  }
  page.edges.forEach((edge, i) => {
    const w = want[i];
    if (!w || w.id !== edge.node.id) return;
    if (w.distanceKm === null) {
      if (edge.distanceKm !== null) problems.push(`edge ${i} (${w.id}): distanceKm ${edge.distanceKm}, expected null`);
    } else if (edge.distanceKm === null || Math.abs(edge.distanceKm - w.distanceKm) > 1e-6) {
      problems.push(`edge ${i} (${w.id}): distanceKm ${edge.distanceKm}, expected ${w.distanceKm}`);
    }
    if (edge.etaMinutes !== w.etaMinutes) {
      problems.push(`edge ${i} (${w.id}): etaMinutes ${edge.etaMinutes}, expected ${w.etaMinutes}`);
    }
  });
  return problems;
}

/**
 * Walks every page of `q` by `endCursor`.
 * @returns what is wrong with any page or with the whole walk.
 */
async function walkProblems(q: Query, expected: readonly ExpectedEdge[]): Promise<string[]> {
  const first = q.first ?? 20;
  const seen: string[] = [];
  let after: string | undefined;
  const maxPages = Math.ceil(expected.length / first) + 2;
  for (let pageNo = 0; pageNo < maxPages; pageNo++) {
    const page = await teamsPage(after === undefined ? q : { ...q, after });
    const problems = pageProblems(page, expected, seen.length, first);
    if (problems.length > 0) return problems.map((p) => `page ${pageNo} (after ${seen.length} rows): ${p}`);
    seen.push(...page.edges.map((e) => e.node.id));
    if (!page.pageInfo.hasNextPage) {
      if (seen.length !== expected.length) return [`walk stopped after ${seen.length} of ${expected.length} rows`];
      if (new Set(seen).size !== seen.length) return ['walk returned duplicates'];
      return [];
    }
    if (!page.pageInfo.endCursor) return [`page ${pageNo}: hasNextPage without endCursor`];
    after = page.pageInfo.endCursor;
  }
  return [`walk did not end within ${maxPages} pages`];
}

// ---------------------------------------------------------------------------------------------
// Random queries
// ---------------------------------------------------------------------------------------------

function randomNear(rng: Rng): GeoPoint {
  // Sometimes exactly on a shared base: distance 0 for every team there.
  if (rng.chance(0.15)) return { ...rng.pick(SHARED_BASES) };
  return { lat: rng.float(31.4, 31.9, 6), lng: rng.float(119.5, 120.2, 6) };
}

function randomFilter(rng: Rng): Filter | undefined {
  const f: Filter = {};
  if (rng.chance(0.35)) f.types = rng.someOf(rng.chance(0.1) ? [...SEEDED_TYPES, ...UNUSED_TYPES] : SEEDED_TYPES, 0.35);
  if (rng.chance(0.35)) f.kinds = rng.someOf(KINDS, 0.5);
  if (rng.chance(0.35)) f.statuses = rng.someOf(STATUSES, 0.5);
  if (rng.chance(0.25)) f.maxTier = rng.int(1, 4);
  if (rng.chance(0.25)) f.minHeadcount = rng.chance(0.3) ? rng.pick(HEADCOUNTS) : rng.int(0, 150);
  if (rng.chance(0.7)) {
    f.near = randomNear(rng);
    if (rng.chance(0.4)) f.withinKm = rng.chance(0.2) ? rng.int(1, 40) : rng.float(0.5, 40, 3);
  }
  return Object.keys(f).length > 0 || rng.chance(0.5) ? f : undefined;
}

function randomQuery(rng: Rng): Query {
  const filter = randomFilter(rng);
  const orders: Order[] = filter?.near ? ['ETA', 'NAME', 'UPDATED'] : ['NAME', 'UPDATED'];
  const q: Query = {};
  if (filter) q.filter = filter;
  if (rng.chance(0.75)) q.orderBy = rng.pick(orders);
  const size = rng.next();
  if (size < 0.1) {
    // schema default
  } else if (size < 0.15) {
    q.first = 1;
  } else if (size < 0.3) {
    q.first = rng.int(2, 10);
  } else if (size < 0.45) {
    q.first = 500;
  } else {
    q.first = rng.int(1, 500);
  }
  return q;
}

/** Raises the page size of `q`, when needed, so that walking it takes at most MAX_WALK_PAGES pages. */
function boundWalk(q: Query, rng: Rng): Query {
  const total = bruteForce(q).length;
  if (Math.ceil(total / (q.first ?? 20)) > MAX_WALK_PAGES) q.first = rng.int(Math.ceil(total / MAX_WALK_PAGES), 500);
  return q;
}

let randomQueries: Query[] | undefined;

/** @returns the RANDOM_QUERIES seeded queries (made once, after the teams are seeded). */
function theRandomQueries(): Query[] {
  if (!randomQueries) {
    const rng = new Rng(SEED + 1);
    randomQueries = Array.from({ length: RANDOM_QUERIES }, (_, i) =>
      i % WALK_EVERY === 0 ? boundWalk(randomQuery(rng), rng) : randomQuery(rng),
    );
  }
  return randomQueries;
}

// ---------------------------------------------------------------------------------------------
// Lifecycle
// ---------------------------------------------------------------------------------------------

beforeAll(async () => {
  node = await startTestNode('wujin');
  token = tokenFor({ jurisdiction: 'wujin', roles: ['observer'] });
  const seeds = generateTeams(new Rng(SEED), TEAM_COUNT);
  const docs = await node.store.teams.insertMany(seeds);
  teams = docs.map((d, i) => ({ ...(seeds[i] as TeamSeed), id: `wujin:Team:${d._id.toHexString()}` }));
}, SLOW_MS);

afterAll(async () => {
  if (node) await stopTestNode(node);
});

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

describe('teams search agrees with a brute-force computation', () => {
  test('the generated set is large and full of ties', () => {
    expect(teams).toHaveLength(TEAM_COUNT);
    const distinct = (key: (t: SeededTeam) => string) => new Set(teams.map(key)).size;
    expect(distinct((t) => t.name)).toBeLessThan(TEAM_COUNT / 2);
    expect(distinct((t) => `${t.base.lat},${t.base.lng},${t.readinessMinutes}`)).toBeLessThan(TEAM_COUNT * 0.7);
    expect(distinct((t) => String(t.updatedAt.getTime()))).toBeLessThan(TEAM_COUNT * 0.7);
    // ETA ties from a fixed point, and at least one exact twin in every order.
    const etas = bruteForce({ filter: { near: { lat: 31.7, lng: 119.95 } } });
    expect(new Set(etas.map((e) => e.etaMinutes)).size).toBeLessThan(etas.length / 10);
    expect(
      distinct((t) => `${t.name}|${t.updatedAt.getTime()}|${t.base.lat},${t.base.lng},${t.readinessMinutes}`),
    ).toBeLessThan(TEAM_COUNT);
  });

  test('the random queries cover every order, default orders, radii, tiny and maximal pages', () => {
    const queries = theRandomQueries();
    const shapes = new Set(queries.map((q) => `${q.orderBy ?? 'default'}/${q.filter?.near ? 'near' : 'no-near'}`));
    expect([...shapes].sort()).toEqual([
      'ETA/near',
      'NAME/near',
      'NAME/no-near',
      'UPDATED/near',
      'UPDATED/no-near',
      'default/near',
      'default/no-near',
    ]);
    expect(queries.filter((q) => q.filter?.withinKm != null).length).toBeGreaterThanOrEqual(10);
    expect(queries.some((q) => q.first === 1)).toBe(true);
    expect(queries.some((q) => q.first === 500)).toBe(true);
    expect(queries.some((q) => q.first === undefined)).toBe(true);
    // Some match nothing, some match every team, some need several pages.
    const totals = queries.map((q) => bruteForce(q).length);
    expect(totals).toContain(0);
    expect(totals).toContain(TEAM_COUNT);
    expect(
      queries.filter((q, i) => i % WALK_EVERY === 0 && (totals[i] as number) > 2 * (q.first ?? 20)).length,
    ).toBeGreaterThanOrEqual(5);
  });

  test.each(Array.from({ length: BATCHES }, (_, b) => [b + 1, b * (RANDOM_QUERIES / BATCHES)] as const))(
    `random queries, batch %d (from #%d): totalCount, page, distance and ETA of every edge; every ${WALK_EVERY}th walked to its last page`,
    async (_batch, from) => {
      const queries = theRandomQueries().slice(from, from + RANDOM_QUERIES / BATCHES);
      const failures: string[] = [];
      await inPool(queries, CONCURRENCY, async (q, k) => {
        const i = from + k;
        const expected = bruteForce(q);
        const problems =
          i % WALK_EVERY === 0
            ? await walkProblems(q, expected)
            : pageProblems(await teamsPage(q), expected, 0, q.first ?? 20);
        if (problems.length > 0) {
          failures.push(`query #${i} (seed ${SEED + 1}) ${JSON.stringify(q)}:\n  ${problems.slice(0, 5).join('\n  ')}`);
        }
      });
      expect(failures).toEqual([]);
    },
    SLOW_MS,
  );

  test(
    'NAME over every team in pages of 400: the last page is exactly full, and its endCursor gives an empty final page',
    async () => {
      const q: Query = { orderBy: 'NAME', first: 400 };
      const expected = bruteForce(q);
      expect(expected.length % 400).toBe(0);
      const seen: string[] = [];
      let page = await teamsPage(q);
      for (;;) {
        expect(pageProblems(page, expected, seen.length, 400)).toEqual([]);
        seen.push(...page.edges.map((e) => e.node.id));
        if (!page.pageInfo.hasNextPage) break;
        page = await teamsPage({ ...q, after: page.pageInfo.endCursor as string });
      }
      expect(seen).toEqual(expected.map((e) => e.id));
      expect(page.edges).toHaveLength(400);
      const beyond = await teamsPage({ ...q, after: page.pageInfo.endCursor as string });
      expect(beyond).toEqual({ totalCount: TEAM_COUNT, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] });
    },
    SLOW_MS,
  );

  test.each<[string, Query, number, number]>([
    [
      'UPDATED, three statuses, in pages of 450 (short last page)',
      { filter: { statuses: ['AVAILABLE', 'STANDBY', 'RESERVED'] }, orderBy: 'UPDATED', first: 450 },
      901,
      1349,
    ],
    [
      'ETA from a shared base, two statuses, in pages of 300',
      { filter: { near: SHARED_BASES[0] as GeoPoint, statuses: ['AVAILABLE', 'STANDBY'] }, first: 300 },
      301,
      1199,
    ],
    [
      'ETA among tied teams at one base, in pages of 3',
      {
        filter: {
          near: SHARED_BASES[1] as GeoPoint,
          withinKm: 0.5,
          kinds: ['SPECIALIST', 'ENTERPRISE'],
          statuses: ['AVAILABLE', 'STANDBY', 'RESERVED'],
        },
        orderBy: 'ETA',
        first: 3,
      },
      7,
      24,
    ],
    [
      'NAME within a radius, default page size',
      { filter: { near: SHARED_BASES[2] as GeoPoint, withinKm: 2.5 }, orderBy: 'NAME' },
      21,
      120,
    ],
  ])(
    'walk: %s',
    async (_label, q, minRows, maxRows) => {
      const expected = bruteForce(q);
      expect(expected.length).toBeGreaterThanOrEqual(minRows);
      expect(expected.length).toBeLessThanOrEqual(maxRows);
      expect(await walkProblems(q, expected)).toEqual([]);
    },
    SLOW_MS,
  );

  test(
    'an edge cursor in the middle of a tie continues right after that edge',
    async () => {
      const byId = new Map(teams.map((t) => [t.id, t]));
      const cases: [Query, (e: ExpectedEdge) => unknown][] = [
        [{ orderBy: 'NAME', first: 200 }, (e) => byId.get(e.id)?.name],
        [{ orderBy: 'UPDATED', first: 200 }, (e) => byId.get(e.id)?.updatedAt.getTime()],
        [{ filter: { near: SHARED_BASES[3] as GeoPoint }, orderBy: 'ETA', first: 200 }, (e) => e.etaMinutes],
      ];
      for (const [q, primary] of cases) {
        const expected = bruteForce(q);
        // The last of the first page's rows whose sort key ties with the next row's.
        let i = 198;
        while (i > 0 && primary(expected[i] as ExpectedEdge) !== primary(expected[i + 1] as ExpectedEdge)) i--;
        expect(i).toBeGreaterThan(0);
        const page = await teamsPage(q);
        const next = await teamsPage({ ...q, first: 50, after: (page.edges[i] as Connection['edges'][number]).cursor });
        expect(pageProblems(next, expected, i + 1, 50)).toEqual([]);
      }
    },
    SLOW_MS,
  );

  test(
    'default order: NAME without near, ETA with near; default page size 20',
    async () => {
      const byName = await teamsPage({ first: 50 });
      expect(byName.edges.map((e) => e.node.id)).toEqual(
        bruteForce({ orderBy: 'NAME', first: 50 })
          .slice(0, 50)
          .map((e) => e.id),
      );
      expect(byName.edges.every((e) => e.distanceKm === null && e.etaMinutes === null)).toBe(true);
      const near = SHARED_BASES[4] as GeoPoint;
      const byEta = await teamsPage({ filter: { near } });
      expect(pageProblems(byEta, bruteForce({ filter: { near }, orderBy: 'ETA' }), 0, 20)).toEqual([]);
    },
    SLOW_MS,
  );

  test(
    'jurisdictions: naming this node is the same as naming none',
    async () => {
      const page = expectData(await askTeams({ orderBy: 'UPDATED', first: 30, jurisdictions: ['wujin'] })).teams;
      expect(pageProblems(page, bruteForce({ orderBy: 'UPDATED' }), 0, 30)).toEqual([]);
    },
    SLOW_MS,
  );
});

describe('teams search refuses bad arguments', () => {
  const near = { lat: 31.7, lng: 119.95 };

  test('ETA order without near → BAD_USER_INPUT', async () => {
    expect(errorCodes(await askTeams({ orderBy: 'ETA' }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await askTeams({ orderBy: 'ETA', filter: { kinds: ['SPECIALIST'] } }))).toEqual([
      'BAD_USER_INPUT',
    ]);
  });

  test('withinKm without near → BAD_USER_INPUT', async () => {
    expect(errorCodes(await askTeams({ filter: { withinKm: 10 } }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await askTeams({ filter: { withinKm: 10 }, orderBy: 'NAME' }))).toEqual(['BAD_USER_INPUT']);
  });

  test.each([0, 501, -1])('first: %d → BAD_USER_INPUT', async (first) => {
    expect(errorCodes(await askTeams({ first }))).toEqual(['BAD_USER_INPUT']);
  });

  test(
    'a cursor made for NAME order is refused under ETA order → BAD_USER_INPUT',
    async () => {
      const cursor = (await teamsPage({ orderBy: 'NAME', first: 5 })).pageInfo.endCursor as string;
      expect(cursor).toEqual(expect.any(String));
      expect(errorCodes(await askTeams({ orderBy: 'ETA', filter: { near }, after: cursor }))).toEqual([
        'BAD_USER_INPUT',
      ]);
      // Also when ETA is only the default order that near implies.
      expect(errorCodes(await askTeams({ filter: { near }, after: cursor }))).toEqual(['BAD_USER_INPUT']);
      // And a cursor of another order in the other direction.
      const etaCursor = (await teamsPage({ filter: { near }, first: 5 })).pageInfo.endCursor as string;
      expect(errorCodes(await askTeams({ orderBy: 'UPDATED', after: etaCursor }))).toEqual(['BAD_USER_INPUT']);
    },
    SLOW_MS,
  );

  test('a cursor that is not one of ours → BAD_USER_INPUT', async () => {
    expect(errorCodes(await askTeams({ orderBy: 'NAME', after: 'not a cursor' }))).toEqual(['BAD_USER_INPUT']);
  });

  test('jurisdictions: ["jintan"] at the wujin node → an empty connection', async () => {
    const result = await askTeams({ filter: { near }, jurisdictions: ['jintan'] });
    expect(expectData(result).teams).toEqual({
      totalCount: 0,
      pageInfo: { hasNextPage: false, endCursor: null },
      edges: [],
    });
  });

  test('jurisdictions: ["nowhere"] → BAD_USER_INPUT', async () => {
    expect(errorCodes(await askTeams({ jurisdictions: ['nowhere'] }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await askTeams({ jurisdictions: ['wujin', 'nowhere'] }))).toEqual(['BAD_USER_INPUT']);
  });
});

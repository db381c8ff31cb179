import { buildTeam, seedTeams, type TeamSeed } from '../../testkit/teamSeeder';
import { startAidNetwork, type AidNetwork } from '../../testkit/mutualAid';
import { data } from '../../testkit/requests';

/**
 * suggestReinforcements through the gateway: hazmat teams on four nodes, ranked by ETA then tier,
 * with the statuses, tiers, jurisdictions and page size a commander asks for, and PHYSICAL stock
 * of a supply item nearest first. The expected order is computed here from the bases, readiness
 * and the documented travel model (ETA = readiness + ⌈60 × 1.3 × km / 50⌉), not by the service.
 */
jest.setTimeout(90_000);

const NEAR = { lat: 31.69, lng: 119.96 }; // a chemical leak in Wujin's high-tech zone

const SUGGEST = `query($needs: [SuggestionNeedInput!]!, $near: GeoPointInput!, $jurisdictions: [ID!], $first: Int) {
  suggestReinforcements(needs: $needs, near: $near, jurisdictions: $jurisdictions, first: $first) {
    needId
    candidates { needId kind resourceId name jurisdiction { code name } etaMinutes distanceKm tier available }
  }
}`;

interface Candidate {
  needId: string | null;
  kind: string;
  resourceId: string;
  name: string;
  jurisdiction: { code: string; name: string };
  etaMinutes: number | null;
  distanceKm: number | null;
  tier: number | null;
  available: number;
}
interface Suggestion {
  needId: string | null;
  candidates: Candidate[];
}

/** Haversine great-circle distance, R = 6371 km (written out here, independent of the service). */
function km(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const h =
    Math.sin(rad(b.lat - a.lat) / 2) ** 2 +
    Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lng - a.lng) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}
const travel = (d: number) => Math.ceil((60 * 1.3 * d) / 50);

interface Seeded {
  id: string;
  jurisdiction: string;
  seed: TeamSeed;
}
/** Every hazmat team that was seeded, with its id. */
const seeded: Seeded[] = [];
const depots: {
  id: string;
  jurisdiction: string;
  name: string;
  location: { lat: number; lng: number };
  available: number;
}[] = [];

const JURISDICTION_NAMES: Record<string, string> = {
  wujin: '武进区',
  tianning: '天宁区',
  zhonglou: '钟楼区',
  jintan: '金坛区',
};

const TEAMS: Record<string, TeamSeed[]> = {
  wujin: [
    buildTeam({
      name: '武进区危化品救援一队',
      type: 'hazmat',
      tier: 2,
      base: { lat: 31.7, lng: 119.95 },
      readinessMinutes: 10,
    }),
    // Closer and better, but held or out of service: never suggested.
    buildTeam({
      name: '武进区危化品救援二队',
      type: 'hazmat',
      tier: 1,
      base: { lat: 31.691, lng: 119.961 },
      readinessMinutes: 0,
      status: 'RESERVED',
    }),
    buildTeam({
      name: '武进区危化品救援三队',
      type: 'hazmat',
      tier: 1,
      base: { lat: 31.692, lng: 119.962 },
      readinessMinutes: 0,
      status: 'OUT_OF_SERVICE',
    }),
    buildTeam({
      name: '武进区危化品救援四队',
      type: 'hazmat',
      tier: 1,
      base: { lat: 31.693, lng: 119.959 },
      readinessMinutes: 0,
      status: 'DEPLOYED',
    }),
    // Another type: not a hazmat candidate.
    buildTeam({
      name: '武进区紧急医学救援队',
      type: 'medical',
      tier: 1,
      base: { lat: 31.69, lng: 119.96 },
      readinessMinutes: 0,
    }),
  ],
  tianning: [
    buildTeam({
      name: '天宁区危化品应急救援队',
      type: 'hazmat',
      tier: 1,
      base: { lat: 31.78, lng: 119.98 },
      readinessMinutes: 10,
    }),
    buildTeam({
      name: '天宁区危化品备勤队',
      type: 'hazmat',
      tier: 3,
      base: { lat: 31.75, lng: 119.99 },
      readinessMinutes: 5,
      status: 'STANDBY',
    }),
  ],
  zhonglou: [
    buildTeam({
      name: '钟楼区危化品应急救援队',
      type: 'hazmat',
      tier: 1,
      base: { lat: 31.75, lng: 119.93 },
      readinessMinutes: 12,
    }),
  ],
  jintan: [
    buildTeam({
      name: '金坛区危化品应急救援队',
      type: 'hazmat',
      tier: 1,
      base: { lat: 31.73, lng: 119.59 },
      readinessMinutes: 5,
    }),
    // Same base and readiness as Zhonglou's team (the same ETA), tier 2: ranked after it.
    buildTeam({
      name: '金坛区危化品支援队',
      type: 'hazmat',
      tier: 2,
      base: { lat: 31.75, lng: 119.93 },
      readinessMinutes: 12,
    }),
  ],
};

/** The hazmat teams a suggestion may show, in the expected order: ETA, then tier. */
function expectedHazmat(filter: (s: Seeded) => boolean = () => true) {
  return seeded
    .filter(
      (s) => s.seed.type === 'hazmat' && (s.seed.status === 'AVAILABLE' || s.seed.status === 'STANDBY') && filter(s),
    )
    .map((s) => ({ ...s, eta: s.seed.readinessMinutes + travel(km(s.seed.base, NEAR)) }))
    .sort((a, b) => a.eta - b.eta || a.seed.tier - b.seed.tier);
}

let net: AidNetwork;

async function suggest(
  vars: Record<string, unknown>,
  as: { jurisdiction: string; role: 'commander' | 'duty_officer' | 'observer' } = {
    jurisdiction: 'wujin',
    role: 'commander',
  },
): Promise<Suggestion[]> {
  return data(
    await net.as<{ suggestReinforcements: Suggestion[] }>(as.jurisdiction, as.role, SUGGEST, { near: NEAR, ...vars }),
  ).suggestReinforcements;
}

beforeAll(async () => {
  net = await startAidNetwork(['wujin', 'tianning', 'zhonglou', 'jintan']);
  for (const [code, teams] of Object.entries(TEAMS)) {
    const ids = await seedTeams(net.nodes.get(code)!, teams);
    ids.forEach((id, i) => seeded.push({ id, jurisdiction: code, seed: teams[i]! }));
  }
  // Depots with woven flood bags, written through the registry by each jurisdiction's registrar.
  const CREATE_DEPOT = 'mutation($j: ID!, $input: DepotInput!) { createDepot(jurisdiction: $j, input: $input) { id } }';
  const SET_STOCK =
    'mutation($d: ID!, $q: Int!, $mode: StockMode, $supplier: String) { setStock(depotId: $d, item: "woven_bag", quantity: $q, mode: $mode, supplier: $supplier) { id available } }';
  const stock = [
    { j: 'tianning', name: '天宁区防汛物资仓库', location: { lat: 31.78, lng: 119.99 }, q: 2000, mode: 'PHYSICAL' },
    { j: 'zhonglou', name: '钟楼区防汛物资仓库', location: { lat: 31.76, lng: 119.93 }, q: 800, mode: 'PHYSICAL' },
    { j: 'jintan', name: '金坛区防汛物资仓库', location: { lat: 31.73, lng: 119.59 }, q: 300, mode: 'PHYSICAL' },
    { j: 'wujin', name: '武进区应急物资储备库', location: { lat: 31.7, lng: 119.95 }, q: 120, mode: 'PHYSICAL' },
    // Agreement stock is held by a supplier, not reservable: never suggested, however close.
    {
      j: 'wujin',
      name: '武进区协议储备点',
      location: { lat: 31.69, lng: 119.96 },
      q: 5000,
      mode: 'AGREEMENT',
      supplier: '常州某防汛物资公司',
    },
  ];
  for (const s of stock) {
    const depot = data(
      await net.as(s.j, 'registrar', CREATE_DEPOT, {
        j: s.j,
        input: { name: s.name, location: s.location, contact: { name: '仓库管理员', phone: '13900000000' } },
      }),
    ).createDepot;
    const line = data(
      await net.as(s.j, 'registrar', SET_STOCK, { d: depot.id, q: s.q, mode: s.mode, supplier: s.supplier ?? null }),
    ).setStock;
    if (s.mode === 'PHYSICAL') {
      depots.push({ id: line.id, jurisdiction: s.j, name: s.name, location: s.location, available: s.q });
    }
  }
});

afterAll(async () => {
  await net?.stop();
});

test('hazmat candidates across the network, ranked by ETA then tier, with readable jurisdictions', async () => {
  const [s] = await suggest({ needs: [{ needId: 'N1', teamType: 'hazmat', quantity: 2 }] });
  const expected = expectedHazmat();
  expect(expected).toHaveLength(6);
  expect(s!.needId).toBe('N1');
  expect(s!.candidates.map((c) => c.name)).toEqual(expected.map((e) => e.seed.name));
  expected.forEach((e, i) => {
    const c = s!.candidates[i]!;
    expect(c).toMatchObject({
      needId: 'N1',
      kind: 'TEAM',
      resourceId: e.id,
      etaMinutes: e.eta,
      tier: e.seed.tier,
      available: 1,
      jurisdiction: { code: e.jurisdiction, name: JURISDICTION_NAMES[e.jurisdiction] },
    });
    expect(c.distanceKm).toBeCloseTo(km(e.seed.base, NEAR), 2);
  });
  // The STANDBY team is suggested; RESERVED, OUT_OF_SERVICE, DEPLOYED and other types are not.
  const names = s!.candidates.map((c) => c.name);
  expect(names).toContain('天宁区危化品备勤队');
  for (const gone of ['武进区危化品救援二队', '武进区危化品救援三队', '武进区危化品救援四队', '武进区紧急医学救援队']) {
    expect(names).not.toContain(gone);
  }
  // Equal ETA: the tier 1 team of Zhonglou comes before Jintan's tier 2 team.
  const zl = names.indexOf('钟楼区危化品应急救援队');
  const jt = names.indexOf('金坛区危化品支援队');
  expect(s!.candidates[zl]!.etaMinutes).toBe(s!.candidates[jt]!.etaMinutes);
  expect(zl).toBe(jt - 1);
  // Non-decreasing ETA over the whole list.
  const etas = s!.candidates.map((c) => c.etaMinutes!);
  expect([...etas].sort((a, b) => a - b)).toEqual(etas);
});

test('first limits the candidates to the best ones', async () => {
  const [s] = await suggest({ needs: [{ teamType: 'hazmat' }], first: 2 });
  expect(s!.needId).toBeNull();
  expect(s!.candidates.map((c) => c.resourceId)).toEqual(
    expectedHazmat()
      .slice(0, 2)
      .map((e) => e.id),
  );
  expect(s!.candidates.every((c) => c.needId === null)).toBe(true);
});

// Service bug: the registry is asked for the `first` teams ordered by ETA with ties broken by id,
// and only then re-ranked by tier, so a better-tier team with the same ETA just past the cut is lost.
test('first keeps the better tier when two teams tie on ETA at the cut', async () => {
  const [s] = await suggest({ needs: [{ teamType: 'hazmat' }], first: 3 });
  const expected = expectedHazmat().slice(0, 3);
  expect(expected[2]!.seed.name).toBe('钟楼区危化品应急救援队'); // tier 1; Jintan's tier-2 team has the same ETA
  expect(s!.candidates.map((c) => c.name)).toEqual(expected.map((e) => e.seed.name));
});

test('jurisdictions restricts the candidates to those jurisdictions', async () => {
  const [s] = await suggest({ needs: [{ needId: 'N1', teamType: 'hazmat' }], jurisdictions: ['tianning', 'jintan'] });
  const expected = expectedHazmat((t) => t.jurisdiction === 'tianning' || t.jurisdiction === 'jintan');
  expect(expected.length).toBe(4);
  expect(s!.candidates.map((c) => c.resourceId)).toEqual(expected.map((e) => e.id));
  expect(new Set(s!.candidates.map((c) => c.jurisdiction.name))).toEqual(new Set(['天宁区', '金坛区']));
});

test('maxTier leaves out teams of a worse tier', async () => {
  const [best, good] = await suggest({
    needs: [
      { needId: 'A', teamType: 'hazmat', maxTier: 1 },
      { needId: 'B', teamType: 'hazmat', maxTier: 2 },
    ],
  });
  expect(best!.needId).toBe('A');
  expect(best!.candidates.map((c) => c.resourceId)).toEqual(expectedHazmat((t) => t.seed.tier <= 1).map((e) => e.id));
  expect(best!.candidates.every((c) => c.tier === 1 && c.needId === 'A')).toBe(true);
  expect(good!.needId).toBe('B');
  expect(good!.candidates.map((c) => c.resourceId)).toEqual(expectedHazmat((t) => t.seed.tier <= 2).map((e) => e.id));
  expect(good!.candidates.map((c) => c.name)).not.toContain('天宁区危化品备勤队'); // tier 3
});

test('a supply need lists PHYSICAL stock nearest first, with the units available', async () => {
  const [teams, bags] = await suggest({
    needs: [
      { needId: 'N1', teamType: 'hazmat' },
      { needId: 'N2', supplyItem: 'woven_bag', quantity: 500 },
    ],
  });
  expect(teams!.needId).toBe('N1');
  expect(bags!.needId).toBe('N2');
  const expected = depots.map((d) => ({ ...d, km: km(d.location, NEAR) })).sort((a, b) => a.km - b.km);
  expect(bags!.candidates.map((c) => c.resourceId)).toEqual(expected.map((d) => d.id));
  expected.forEach((d, i) => {
    const c = bags!.candidates[i]!;
    expect(c).toMatchObject({
      needId: 'N2',
      kind: 'SUPPLY',
      available: d.available,
      tier: null,
      jurisdiction: { code: d.jurisdiction, name: JURISDICTION_NAMES[d.jurisdiction] },
    });
    expect(c.name).toContain(d.name);
    expect(c.name).toContain('编织袋');
    expect(c.distanceKm).toBeCloseTo(d.km, 2);
    expect(c.etaMinutes).toBe(travel(d.km));
  });
  const distances = bags!.candidates.map((c) => c.distanceKm!);
  expect([...distances].sort((a, b) => a - b)).toEqual(distances);
  expect(bags!.candidates.map((c) => c.name).join()).not.toContain('协议储备点');
});

// Issue 11, defect 2: bad arguments were answered with an empty list, as if nothing matched.
test.each([
  ['a latitude of 91', 'near.lat', { near: { lat: 91, lng: 119.96 } }],
  ['a longitude of -181', 'near.lng', { near: { lat: 31.69, lng: -181 } }],
  ['an unknown team type', 'needs.0.teamType', { needs: [{ teamType: 'dragon_slayers' }] }],
  ['an unknown supply item', 'needs.0.supplyItem', { needs: [{ supplyItem: 'unobtainium' }] }],
  ['an unknown social capability', 'needs.0.socialCapability', { needs: [{ socialCapability: 'telepathy' }] }],
  ['a quantity of 0', 'needs.0.quantity', { needs: [{ teamType: 'hazmat', quantity: 0 }] }],
  [
    'a negative quantity',
    'needs.1.quantity',
    { needs: [{ teamType: 'hazmat' }, { supplyItem: 'woven_bag', quantity: -5 }] },
  ],
  ['a need naming no kind', 'needs.0', { needs: [{ quantity: 1 }] }],
  ['a need naming two kinds', 'needs.0', { needs: [{ teamType: 'hazmat', supplyItem: 'woven_bag' }] }],
  ['no needs', 'needs', { needs: [] }],
  ['a maxTier of 9', 'needs.0.maxTier', { needs: [{ teamType: 'hazmat', maxTier: 9 }] }],
  ['an unknown jurisdiction', 'jurisdictions.1', { jurisdictions: ['tianning', 'narnia'] }],
  ['first of 0', 'first', { first: 0 }],
  ['first of 51', 'first', { first: 51 }],
] as [string, string, Record<string, unknown>][])(
  '%s is BAD_USER_INPUT naming %s, not an empty list',
  async (_label, field, vars) => {
    const res = await net.as('wujin', 'commander', SUGGEST, {
      near: NEAR,
      needs: [{ teamType: 'hazmat' }],
      ...vars,
    });
    expect(res.data ?? null).toBeNull();
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    const fields = (res.errors?.[0]?.extensions?.fields ?? []) as { path: string }[];
    expect(fields.map((f) => f.path)).toContain(field);
    expect(res.errors?.[0]?.message).toContain(field);
    expect(res.extensions?.coverage).toBeUndefined(); // refused before the registry was asked
  },
);

test('every answer carries the registry coverage it was built from', async () => {
  const res = await net.as('wujin', 'commander', SUGGEST, { near: NEAR, needs: [{ teamType: 'hazmat' }] });
  expect(res.errors).toBeUndefined();
  expect(res.extensions?.coverage).toEqual({
    asked: ['jintan', 'tianning', 'wujin', 'zhonglou'],
    answered: ['jintan', 'tianning', 'wujin', 'zhonglou'],
    unavailable: [],
  });
  const some = await net.as('wujin', 'commander', SUGGEST, {
    near: NEAR,
    needs: [{ teamType: 'hazmat' }],
    jurisdictions: ['tianning', 'jintan'],
  });
  expect(some.extensions?.coverage).toEqual({
    asked: ['jintan', 'tianning'],
    answered: ['jintan', 'tianning'],
    unavailable: [],
  });
});

// Issue 11, defect 2: with a node down the list was shorter and nothing said so.
test('with one node down, the other nodes still give their candidates, and the answer names the missing one', async () => {
  const node = net.nodes.get('zhonglou')!;
  await node.store.conn.dropDatabase();
  await node.stop();
  net.nodes.delete('zhonglou'); // stopped here; the network's stop must not stop it again

  const res = await net.as<{ suggestReinforcements: Suggestion[] }>('wujin', 'commander', SUGGEST, {
    near: NEAR,
    needs: [
      { needId: 'N1', teamType: 'hazmat' },
      { needId: 'N2', supplyItem: 'woven_bag' },
    ],
  });
  expect(res.extensions?.coverage).toEqual({
    asked: ['jintan', 'tianning', 'wujin', 'zhonglou'],
    answered: ['jintan', 'tianning', 'wujin'],
    unavailable: ['zhonglou'],
  });
  const gaps = (res.errors ?? []).filter((e) => e.extensions?.code === 'JURISDICTION_UNAVAILABLE');
  expect(gaps.map((e) => e.extensions?.jurisdiction)).toEqual(['zhonglou']);
  expect(res.errors).toHaveLength(1);
  const [teams, bags] = res.data!.suggestReinforcements;
  expect(teams!.candidates.map((c) => c.resourceId)).toEqual(
    expectedHazmat((t) => t.jurisdiction !== 'zhonglou').map((e) => e.id),
  );
  expect(teams!.candidates.map((c) => c.jurisdiction.code)).not.toContain('zhonglou');
  const expectedBags = depots
    .filter((d) => d.jurisdiction !== 'zhonglou')
    .map((d) => ({ ...d, km: km(d.location, NEAR) }))
    .sort((a, b) => a.km - b.km);
  expect(bags!.candidates.map((c) => c.resourceId)).toEqual(expectedBags.map((d) => d.id));
});

// When mutual aid cannot reach the gateway at all, no jurisdiction answered: the registry as a whole
// is unavailable, which the client can act on (retry later), not an internal error.
test('with the gateway unreachable from mutual aid, suggestions are SERVICE_UNAVAILABLE naming the registry', async () => {
  net.aid.setGatewayUrl('http://127.0.0.1:9/graphql');
  try {
    const res = await net.as<{ suggestReinforcements: Suggestion[] }>('wujin', 'commander', SUGGEST, {
      near: NEAR,
      needs: [{ needId: 'N1', teamType: 'hazmat' }],
    });
    expect(res.data?.suggestReinforcements ?? null).toBeNull();
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(res.errors?.[0]?.extensions?.service).toBe('registry');
  } finally {
    net.aid.setGatewayUrl(net.gateway.url);
  }
});

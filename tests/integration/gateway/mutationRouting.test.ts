import type { RegistryNode } from '../../../services/registry/src/registryNode';
import { errorCodes, type GraphQLResult } from '../../testkit/graphql';
import { startTestNetwork, type TestNetwork } from '../../testkit/network';
import { buildTeam, seedTeams } from '../../testkit/teamSeeder';
import { tokenFor } from '../../testkit/tokens';

/**
 * DESIGN.md 3.2 and 3.4: a registry mutation goes to exactly one node, named by its
 * `jurisdiction` argument or the prefix of its id; one naming several jurisdictions, or none that
 * a node serves, is refused with BAD_USER_INPUT before any node is called. Targeted query fields
 * go to their one node; every response that touched the registry carries extensions.coverage.
 */
jest.setTimeout(60_000);

const CODES = ['wujin', 'jintan', 'tianning', 'zhonglou'] as const;
const OBSERVER = tokenFor({ jurisdiction: 'changzhou', roles: ['observer'] });
const registrar = (jurisdiction: string) => tokenFor({ jurisdiction, roles: ['registrar'] });

const TEAM_INPUT = {
  name: '金坛区抗洪抢险队',
  type: 'flood',
  kind: 'SPECIALIST',
  tier: 2,
  headcount: 24,
  base: { lat: 31.73, lng: 119.59 },
  readinessMinutes: 20,
  contact: { name: '李队长', phone: '13800001111' },
};

const CREATE =
  'mutation($j: ID!, $input: TeamInput!) { createTeam(jurisdiction: $j, input: $input) { id name jurisdiction { code } version } }';
const UPDATE =
  'mutation($id: ID!, $input: TeamUpdateInput!, $v: Int!) { updateTeam(id: $id, input: $input, expectedVersion: $v) { id name version } }';

let net: TestNetwork;
/** Seeded team ids by jurisdiction. */
const seeded = new Map<string, string[]>();

beforeAll(async () => {
  net = await startTestNetwork(CODES);
  for (const code of CODES) {
    seeded.set(
      code,
      await seedTeams(net.nodes.get(code) as RegistryNode, [
        buildTeam({ name: `${code} A` }),
        buildTeam({ name: `${code} B` }),
      ]),
    );
  }
});

afterAll(async () => {
  await net?.stop();
});

const idOf = (code: string, i = 0) => (seeded.get(code) as string[])[i] as string;

/** Every team of every node, as stored: what a refused mutation must leave untouched. */
async function snapshot(): Promise<Record<string, { id: string; name: string; version: number; updatedAt: string }[]>> {
  const out: Record<string, { id: string; name: string; version: number; updatedAt: string }[]> = {};
  for (const [code, node] of net.nodes) {
    const rows = await node.store.teams.find().sort({ _id: 1 }).lean().exec();
    out[code] = rows.map((r) => ({
      id: `${code}:Team:${r._id.toHexString()}`,
      name: r.name,
      version: r.version,
      updatedAt: r.updatedAt.toISOString(),
    }));
  }
  return out;
}

function coverageOf(res: GraphQLResult<unknown>): unknown {
  return res.extensions?.coverage;
}

const only = (code: string) => ({ asked: [code], answered: [code], unavailable: [] });

describe('mutations', () => {
  test('createTeam(jurisdiction: "jintan") lands in the jintan database only', async () => {
    const before = await snapshot();
    const res = await net.query<{
      createTeam: { id: string; name: string; jurisdiction: { code: string }; version: number };
    }>(CREATE, { j: 'jintan', input: TEAM_INPUT }, registrar('jintan'));
    expect(res.errors).toBeUndefined();
    const created = res.data?.createTeam;
    expect(created?.id).toMatch(/^jintan:Team:[0-9a-f]{24}$/);
    expect(created).toMatchObject({ name: TEAM_INPUT.name, jurisdiction: { code: 'jintan' }, version: 1 });
    expect(coverageOf(res)).toEqual(only('jintan'));

    const after = await snapshot();
    for (const code of CODES) {
      if (code === 'jintan') {
        expect(after[code]).toHaveLength((before[code]?.length ?? 0) + 1);
        expect(after[code]?.find((t) => t.id === created?.id)).toMatchObject({ name: TEAM_INPUT.name, version: 1 });
      } else {
        expect(after[code]).toEqual(before[code]);
      }
    }
  });

  test('updateTeam(id) goes to the node named by the id prefix, and changes nothing elsewhere', async () => {
    const before = await snapshot();
    const id = idOf('tianning', 1);
    const res = await net.query<{ updateTeam: { id: string; name: string; version: number } }>(
      UPDATE,
      { id, input: { name: '天宁区改名队' }, v: 1 },
      registrar('tianning'),
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.updateTeam).toEqual({ id, name: '天宁区改名队', version: 2 });
    expect(coverageOf(res)).toEqual(only('tianning'));
    const after = await snapshot();
    for (const code of CODES) {
      if (code === 'tianning') {
        expect(after[code]?.find((t) => t.id === id)).toMatchObject({ name: '天宁区改名队', version: 2 });
      } else {
        expect(after[code]).toEqual(before[code]);
      }
    }
  });

  test('two fields writing to the same jurisdiction are one operation on that node', async () => {
    const before = await snapshot();
    const res = await net.query<Record<string, { id: string }>>(
      'mutation($input: TeamInput!) { a: createTeam(jurisdiction: "wujin", input: $input) { id } b: createTeam(jurisdiction: "wujin", input: $input) { id } }',
      { input: TEAM_INPUT },
      registrar('wujin'),
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.a?.id).toMatch(/^wujin:Team:/);
    expect(res.data?.b?.id).toMatch(/^wujin:Team:/);
    expect(coverageOf(res)).toEqual(only('wujin'));
    const after = await snapshot();
    expect(after.wujin).toHaveLength((before.wujin?.length ?? 0) + 2);
  });

  const REFUSED: [string, string, Record<string, unknown>, string][] = [
    [
      'two fields naming jintan and tianning',
      'mutation($input: TeamInput!) { a: createTeam(jurisdiction: "jintan", input: $input) { id } b: createTeam(jurisdiction: "tianning", input: $input) { id } }',
      { input: TEAM_INPUT },
      'jintan',
    ],
    [
      'a create in jintan and an update of a tianning id',
      'mutation($input: TeamInput!, $id: ID!) { a: createTeam(jurisdiction: "jintan", input: $input) { id } b: updateTeam(id: $id, input: { name: "x" }, expectedVersion: 1) { id } }',
      { input: TEAM_INPUT, id: '<tianning>' },
      'jintan',
    ],
    [
      'an id whose prefix names an unknown jurisdiction',
      UPDATE,
      { id: 'nowhere:Team:aaaaaaaaaaaaaaaaaaaaaaaa', input: { name: 'x' }, v: 1 },
      'jintan',
    ],
    [
      'an id whose prefix names a jurisdiction without a node here',
      UPDATE,
      { id: 'wujin.luoyang:Team:aaaaaaaaaaaaaaaaaaaaaaaa', input: { name: 'x' }, v: 1 },
      'jintan',
    ],
    [
      'an id that is not a global id at all (names no jurisdiction)',
      UPDATE,
      { id: 'aaaaaaaaaaaaaaaaaaaaaaaa', input: { name: 'x' }, v: 1 },
      'jintan',
    ],
    ['a createTeam for an unknown jurisdiction', CREATE, { j: 'shanghai', input: TEAM_INPUT }, 'jintan'],
  ];

  test.each(REFUSED)(
    '%s is refused with BAD_USER_INPUT and writes nothing',
    async (_label, query, variables, tokenJurisdiction) => {
      const vars = Object.fromEntries(
        Object.entries(variables).map(([k, v]) => [k, v === '<tianning>' ? idOf('tianning', 0) : v]),
      );
      const before = await snapshot();
      const res = await net.query(query, vars, registrar(tokenJurisdiction));
      expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
      expect(res.data ?? null).toBeNull();
      // Refused before any node was called.
      const coverage = coverageOf(res) as { asked: string[] } | undefined;
      expect(coverage?.asked ?? []).toEqual([]);
      expect(await snapshot()).toEqual(before);
    },
  );

  test('a node refusing the write (FORBIDDEN) is reported with coverage of that node, and nothing is written', async () => {
    const before = await snapshot();
    const res = await net.query(CREATE, { j: 'tianning', input: TEAM_INPUT }, registrar('jintan'));
    expect(errorCodes(res)).toEqual(['FORBIDDEN']);
    expect(coverageOf(res)).toEqual(only('tianning'));
    expect(await snapshot()).toEqual(before);
  });

  test('a jurisdiction given by a variable default (`$j: ID! = "jintan"`, variable omitted) routes to that node', async () => {
    // The subgraph fetch is `mutation($j:ID!="jintan"…)` with no `j` variable: the node applies
    // the default, so the router must too.
    const before = await snapshot();
    const res = await net.query<{ createTeam: { id: string } }>(
      'mutation($j: ID! = "jintan", $input: TeamInput!) { createTeam(jurisdiction: $j, input: $input) { id } }',
      { input: TEAM_INPUT },
      registrar('jintan'),
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.createTeam.id).toMatch(/^jintan:Team:/);
    expect(coverageOf(res)).toEqual(only('jintan'));
    const after = await snapshot();
    expect(after.jintan).toHaveLength((before.jintan?.length ?? 0) + 1);
  });
});

describe('targeted query fields', () => {
  test('team(id) asks only its owner', async () => {
    const id = idOf('zhonglou', 0);
    const res = await net.query<{ team: { id: string; name: string } }>(
      'query($id: ID!) { team(id: $id) { id name } }',
      { id },
      OBSERVER,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.team).toEqual({ id, name: 'zhonglou A' });
    expect(coverageOf(res)).toEqual(only('zhonglou'));
  });

  test('teams(jurisdictions: ["jintan"]) asks only jintan', async () => {
    const res = await net.query<{ teams: { edges: { node: { id: string } }[] } }>(
      '{ teams(jurisdictions: ["jintan"], first: 100) { edges { node { id } } } }',
      {},
      OBSERVER,
    );
    expect(res.errors).toBeUndefined();
    const ids = res.data?.teams.edges.map((e) => e.node.id) ?? [];
    expect(ids.length).toBeGreaterThanOrEqual(2);
    expect(ids.every((id) => id.startsWith('jintan:'))).toBe(true);
    expect(coverageOf(res)).toEqual(only('jintan'));
  });

  test('jurisdiction(jurisdiction:) and dutyRoster(jurisdiction:) ask only that node', async () => {
    const res = await net.query<{ jurisdiction: { code: string; dutyRegime: string }; dutyRoster: unknown[] }>(
      '{ jurisdiction(jurisdiction: "tianning") { code dutyRegime } dutyRoster(jurisdiction: "tianning", from: "2025-01-01T00:00:00Z", to: "2025-01-08T00:00:00Z") { id } }',
      {},
      OBSERVER,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.jurisdiction.code).toBe('tianning');
    expect(res.data?.dutyRoster).toEqual([]);
    expect(coverageOf(res)).toEqual(only('tianning'));
  });

  test('an id given by a variable default (`$id: ID! = "<id>"`, variable omitted) is routed to its owner', async () => {
    const id = idOf('jintan', 0);
    const res = await net.query<{ team: { id: string } | null }>(
      `query($id: ID! = "${id}") { team(id: $id) { id } }`,
      {},
      OBSERVER,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.team).toEqual({ id });
    expect(coverageOf(res)).toEqual(only('jintan'));
  });

  test('a jurisdictions list given by a variable default (`$j: [ID!] = ["jintan"]`, variable omitted) asks only jintan', async () => {
    const res = await net.query<{ teams: { edges: { node: { id: string } }[] } }>(
      'query($j: [ID!] = ["jintan"]) { teams(jurisdictions: $j, first: 100) { edges { node { id } } } }',
      {},
      OBSERVER,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.teams.edges.every((e) => e.node.id.startsWith('jintan:'))).toBe(true);
    expect(coverageOf(res)).toEqual(only('jintan'));
  });

  test.each([
    ['a fan-out', '{ teams(first: 1) { totalCount } }', [...CODES].sort()],
    ['a catalogue (any one node)', '{ teamTypes { code } }', null],
    ['a targeted field', `{ team(id: "${'<zhonglou>'}") { id } }`, ['zhonglou']],
    ['an error answer from the node', '{ teams(first: 501) { totalCount } }', [...CODES].sort()],
  ])('extensions.coverage is present on %s', async (_label, query, asked) => {
    const q = query.replace('<zhonglou>', idOf('zhonglou', 1));
    const res = await net.query(q, {}, OBSERVER);
    const coverage = coverageOf(res) as { asked: string[]; answered: string[]; unavailable: string[] } | undefined;
    expect(coverage).toBeDefined();
    if (asked) expect(coverage?.asked).toEqual(asked);
    else expect(coverage?.asked).toHaveLength(1);
    expect(coverage?.answered).toEqual(coverage?.asked);
    expect(coverage?.unavailable).toEqual([]);
  });
});

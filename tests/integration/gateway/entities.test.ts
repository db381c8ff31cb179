import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import mongoose from 'mongoose';
import { Coverage } from '../../../gateway/src/coverage';
import type {
  ShardedContext,
  ShardedRegistryDataSource,
} from '../../../gateway/src/datasources/ShardedRegistryDataSource';
import type { RegistryNode } from '../../../services/registry/src/registryNode';
import { graphql } from '../../testkit/graphql';
import { startTestNetwork, type TestNetwork } from '../../testkit/network';
import { testMongoUrl } from '../../testkit/registry';
import { buildTeam, seededRandom, seedTeams } from '../../testkit/teamSeeder';
import { tokenFor } from '../../testkit/tokens';

/**
 * DESIGN.md 3.1: `_entities` fetches are grouped by owning jurisdiction, sent in parallel and
 * reassembled in the original order; a missing node costs only its own entities. The supergraph
 * does not expose `_entities`, so the fetch is driven through the gateway's own sharded data
 * source, exactly as the query planner calls it.
 */
jest.setTimeout(60_000);

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
const PER_NODE = 5;
const ENTITIES = 'query($representations:[_Any!]!){_entities(representations:$representations){... on Team{id name}}}';
const TOKEN = tokenFor({ jurisdiction: 'changzhou', roles: ['observer'] });

let net: TestNetwork;
/** Team ids and names by jurisdiction, in seeding order. */
const seeded = new Map<string, { id: string; name: string }[]>();

beforeAll(async () => {
  net = await startTestNetwork(CODES);
  for (const code of CODES) {
    const names = Array.from({ length: PER_NODE }, (_, i) => `${code} 队 ${i}`);
    const ids = await seedTeams(
      net.nodes.get(code) as RegistryNode,
      names.map((name) => buildTeam({ name })),
    );
    seeded.set(
      code,
      ids.map((id, i) => ({ id, name: names[i] as string })),
    );
  }
});

afterAll(async () => {
  await net?.stop();
});

interface Entity {
  id: string;
  name: string;
}

interface EntitiesAnswer {
  entities: (Entity | null)[];
  errors: { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[];
  coverage: ReturnType<Coverage['toJSON']>;
}

/** What the query planner hands the data source for a fetch within a client's operation. */
type IncomingOperation = Extract<GraphQLDataSourceProcessOptions<ShardedContext>, { incomingRequestContext: unknown }>;

/** One `_entities` fetch through the gateway's sharded data source. */
async function fetchEntities(representations: Record<string, unknown>[]): Promise<EntitiesAnswer> {
  const source: ShardedRegistryDataSource = net.gateway.registry;
  const coverage = new Coverage();
  const context: ShardedContext = { authorization: `Bearer ${TOKEN}`, coverage };
  // The data source reads the context from incomingRequestContext (the top-level one is deprecated).
  const options: IncomingOperation = {
    kind: 'incoming operation' as IncomingOperation['kind'],
    request: { query: ENTITIES, variables: { representations } },
    context,
    incomingRequestContext: { context } as never,
  };
  const res = await source.process(options);
  const entities = (res.data as { _entities?: (Entity | null)[] } | null | undefined)?._entities;
  if (!entities) throw new Error(`no _entities in ${JSON.stringify(res)}`);
  return { entities, errors: [...(res.errors ?? [])] as EntitiesAnswer['errors'], coverage: coverage.toJSON() };
}

/** 30 teams from all 8 jurisdictions, interleaved so that no two neighbours share an owner. */
function thirtyInterleaved(): Entity[] {
  const rng = seededRandom(30);
  const picked: Entity[] = [];
  for (let i = 0; picked.length < 30; i++) {
    const code = CODES[(i * 3) % CODES.length] as string;
    const teams = seeded.get(code) as Entity[];
    picked.push(teams[(i + rng.int(0, PER_NODE - 1)) % PER_NODE] as Entity);
  }
  return picked;
}

const sorted = (codes: readonly string[]) => [...codes].sort();

test('30 ids from 8 jurisdictions resolve in the order given', async () => {
  const wanted = thirtyInterleaved();
  expect(new Set(wanted.map((t) => t.id.split(':')[0])).size).toBe(8);
  const got = await fetchEntities(wanted.map((t) => ({ __typename: 'Team', id: t.id })));
  expect(got.errors).toEqual([]);
  expect(got.entities).toHaveLength(30);
  expect(got.entities).toEqual(wanted);
  expect(got.coverage).toEqual({ asked: sorted(CODES), answered: sorted(CODES), unavailable: [] });
});

test('a repeated id and an id with no such team keep their positions', async () => {
  const wanted = thirtyInterleaved().slice(0, 10);
  const first = wanted[0] as Entity;
  const reps: Record<string, unknown>[] = wanted.map((t) => ({ __typename: 'Team', id: t.id }));
  reps.splice(3, 0, { __typename: 'Team', id: first.id }); // the same entity twice
  reps.splice(6, 0, { __typename: 'Team', id: `jintan:Team:${new mongoose.Types.ObjectId().toHexString()}` }); // no such team
  const got = await fetchEntities(reps);
  const expected: (Entity | null)[] = [...wanted];
  expected.splice(3, 0, first);
  expected.splice(6, 0, null);
  expect(got.entities).toEqual(expected);
  expect(got.errors).toEqual([]);
  expect(got.coverage.unavailable).toEqual([]);
});

test('a malformed id is null with its own error at its original position; its siblings on the same node still resolve', async () => {
  const wanted = thirtyInterleaved().slice(0, 10);
  const reps: Record<string, unknown>[] = wanted.map((t) => ({ __typename: 'Team', id: t.id }));
  const sameNode = wanted.filter((t) => t.id.startsWith('tianning:'));
  expect(sameNode.length).toBeGreaterThan(0);
  reps.splice(8, 0, { __typename: 'Team', id: 'tianning:Team:not-an-object-id' }); // the node refuses it
  const got = await fetchEntities(reps);
  const expected: (Entity | null)[] = [...wanted];
  expected.splice(8, 0, null);
  expect(got.entities).toEqual(expected);
  // The node's error for the malformed id is re-pathed to its position in the original list.
  expect(got.errors.map((e) => [e.extensions?.code, e.path])).toEqual([['BAD_USER_INPUT', ['_entities', 8]]]);
  expect(got.coverage.unavailable).toEqual([]);
});

test('team(id:) for ids of several nodes in one query resolves each from its own node only', async () => {
  const pick = (code: string, i: number) => (seeded.get(code) as Entity[])[i] as Entity;
  const teams = { a: pick('jintan', 1), b: pick('wujin.hutang', 2), c: pick('tianning', 0), d: pick('wujin', 4) };
  const query = `query($a: ID!, $b: ID!, $c: ID!, $d: ID!) {
    a: team(id: $a) { id name jurisdiction { code } }
    b: team(id: $b) { id name jurisdiction { code } }
    c: team(id: $c) { id name jurisdiction { code } }
    d: team(id: $d) { id name jurisdiction { code } }
  }`;
  const res = await graphql<Record<string, { id: string; name: string; jurisdiction: { code: string } }>>(
    net.gateway.url,
    query,
    Object.fromEntries(Object.entries(teams).map(([k, t]) => [k, t.id])),
    TOKEN,
  );
  expect(res.errors).toBeUndefined();
  for (const [alias, team] of Object.entries(teams)) {
    expect(res.data?.[alias]).toEqual({ ...team, jurisdiction: { code: team.id.split(':')[0] } });
  }
  // Only the four owners were asked: no scatter for targeted fields.
  expect(res.extensions?.coverage).toEqual({
    asked: sorted(['jintan', 'wujin.hutang', 'tianning', 'wujin']),
    answered: sorted(['jintan', 'wujin.hutang', 'tianning', 'wujin']),
    unavailable: [],
  });
});

test('an id owned by a stopped node comes back null with one JURISDICTION_UNAVAILABLE error naming that node', async () => {
  const stopped = 'zhonglou';
  const node = net.nodes.get(stopped) as RegistryNode;
  const dbName = node.store.conn.name;
  await node.stop();
  net.nodes.delete(stopped);
  try {
    const wanted = thirtyInterleaved();
    const owned = wanted.filter((t) => t.id.startsWith(`${stopped}:`)).length;
    expect(owned).toBeGreaterThan(1);
    const got = await fetchEntities(wanted.map((t) => ({ __typename: 'Team', id: t.id })));
    expect(got.entities).toEqual(wanted.map((t) => (t.id.startsWith(`${stopped}:`) ? null : t)));
    expect(got.errors).toHaveLength(1);
    expect(got.errors[0]?.extensions).toEqual({ code: 'JURISDICTION_UNAVAILABLE', jurisdiction: stopped });
    expect(got.errors[0]?.message).toContain(stopped);
    const others = CODES.filter((c) => c !== stopped);
    expect(got.coverage).toEqual({ asked: sorted(CODES), answered: sorted(others), unavailable: [stopped] });
  } finally {
    // The node is gone: drop its test database over a connection of our own.
    const conn = await mongoose.createConnection(testMongoUrl(), { dbName }).asPromise();
    await conn.dropDatabase();
    await conn.close();
  }
});

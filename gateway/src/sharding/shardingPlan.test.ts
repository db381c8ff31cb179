import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse, type ObjectTypeDefinitionNode } from 'graphql';
import { REPO_ROOT } from '../../../services/common/src/paths';
import { readShardingPlan, readShardingPlanFile, ShardingPlanError, type FieldShard } from './shardingPlan';

const SDL = readFileSync(path.join(REPO_ROOT, 'schema/registry.graphql'), 'utf8');

/** @returns a copy of the registry SDL with `line` added as the first field of `type <root>`. */
function withField(root: 'Query' | 'Mutation', line: string): string {
  const head = `type ${root} {\n`;
  expect(SDL).toContain(head);
  return SDL.replace(head, `${head}  ${line}\n`);
}

/** @returns the problems the plan reader finds in `sdl` (fails the test when it accepts it). */
function problemsOf(sdl: string): readonly string[] {
  try {
    readShardingPlan(sdl, 'registry.copy.graphql');
  } catch (e) {
    expect(e).toBeInstanceOf(ShardingPlanError);
    expect((e as Error).message).toContain('registry.copy.graphql');
    return (e as ShardingPlanError).problems;
  }
  throw new Error('the plan reader accepted the SDL');
}

const ONE = (by: string): Partial<FieldShard> => ({ route: 'JURISDICTION', by, merge: 'SINGLE' });
const OWNER = (by: string): Partial<FieldShard> => ({ route: 'OWNER_OF_ID', by, merge: 'SINGLE' });
const LISTED_LIST: Partial<FieldShard> = { route: 'LISTED', merge: 'LIST' };
const ANY: Partial<FieldShard> = { route: 'ANY', merge: 'SINGLE' };

/** Every root field of the registry today, as the gateway routed it before the plan existed. */
const EXPECTED_QUERY: Record<string, Partial<FieldShard>> = {
  jurisdictions: LISTED_LIST,
  jurisdiction: ONE('jurisdiction'),
  teamTypes: ANY,
  socialCapabilities: ANY,
  supplyCategories: ANY,
  supplyItems: ANY,
  teams: {
    route: 'LISTED',
    merge: 'CONNECTION',
    connection: { typename: 'TeamConnection', defaultFirst: 20 },
  },
  team: OWNER('id'),
  socialForces: {
    route: 'LISTED',
    merge: 'CONNECTION',
    connection: { typename: 'SocialForceConnection', defaultFirst: 20 },
  },
  socialForce: OWNER('id'),
  supplies: LISTED_LIST,
  depots: LISTED_LIST,
  depot: OWNER('id'),
  experts: LISTED_LIST,
  expert: OWNER('id'),
  onDuty: LISTED_LIST,
  dutyRoster: ONE('jurisdiction'),
};

function rootFieldNames(root: string): string[] {
  const def = parse(SDL).definitions.find(
    (d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === root,
  );
  return (def?.fields ?? []).map((f) => f.name.value);
}

describe('the sharding plan read from schema/registry.graphql', () => {
  const plan = readShardingPlanFile();

  test('classifies every Query field as the gateway routes it', () => {
    expect(rootFieldNames('Query').sort()).toEqual(Object.keys(EXPECTED_QUERY).sort());
    for (const [name, expected] of Object.entries(EXPECTED_QUERY)) {
      expect({ name, ...plan.field('query', name) }).toEqual({ name, coordinate: `Query.${name}`, ...expected });
    }
  });

  test('routes every Mutation field to one node, by its jurisdiction or the owner of its id', () => {
    const names = rootFieldNames('Mutation');
    expect(names.length).toBeGreaterThan(20);
    for (const name of names) {
      const shard = plan.field('mutation', name);
      const byDepot = ['setStock', 'reserveStock', 'releaseStock'];
      const expected = /^(create|register|schedule|setDutyRegime)/.test(name)
        ? ONE('jurisdiction')
        : OWNER(byDepot.includes(name) ? 'depotId' : 'id');
      expect({ name, ...shard }).toEqual({ name, coordinate: `Mutation.${name}`, ...expected });
    }
  });

  test('knows the federation fields and nothing else', () => {
    expect(plan.field('query', '_service')?.route).toBe('ANY');
    expect(plan.field('query', 'noSuchField')).toBeUndefined();
    expect(plan.field('mutation', 'teams')).toBeUndefined();
  });
});

describe('the plan reader refuses, naming the field', () => {
  test('a root field without a declaration', () => {
    expect(problemsOf(withField('Query', 'rosterImports(jurisdictions: [ID!]): [DutyShift!]!'))).toEqual([
      'Query.rosterImports has no @shard declaration: declare how it routes and merges',
    ]);
    expect(problemsOf(withField('Mutation', 'importRoster(jurisdiction: ID!): Int!'))).toEqual([
      'Mutation.importRoster has no @shard declaration: declare how it routes and merges',
    ]);
  });

  test('every undeclared field at once, so one start shows them all', () => {
    const sdl = withField('Mutation', 'b(id: ID!): Team!').replace('type Query {\n', 'type Query {\n  a: Int\n');
    expect(problemsOf(sdl).map((p) => p.split(' ')[0])).toEqual(['Query.a', 'Mutation.b']);
  });

  test.each([
    [
      'a route by an argument the field does not have',
      'Query',
      'plan(id: ID!): Team @shard(route: "JURISDICTION", by: "jurisdiction", merge: "SINGLE")',
      'Query.plan: @shard(route: "JURISDICTION", by: "jurisdiction", merge: "SINGLE") routes by "jurisdiction", but the field has no argument "jurisdiction"',
    ],
    [
      'a one-node route without `by`',
      'Query',
      'plan(id: ID!): Team @shard(route: "OWNER_OF_ID", merge: "SINGLE")',
      'Query.plan: @shard(route: "OWNER_OF_ID", merge: "SINGLE") needs `by`: the ID! argument that names the node',
    ],
    [
      'a routing argument that may be absent',
      'Query',
      'plan(id: ID): Team @shard(route: "OWNER_OF_ID", by: "id", merge: "SINGLE")',
      'Query.plan: @shard(route: "OWNER_OF_ID", by: "id", merge: "SINGLE") routes by "id", which is not ID!',
    ],
    [
      'LISTED without a jurisdictions argument',
      'Query',
      'plans: [Team!]! @shard(route: "LISTED", merge: "LIST")',
      'Query.plans: @shard(route: "LISTED", merge: "LIST") needs a `jurisdictions: [ID!]` argument',
    ],
    [
      'LISTED with a jurisdictions argument of another type',
      'Query',
      'plans(jurisdictions: [String!]): [Team!]! @shard(route: "LISTED", merge: "LIST")',
      'Query.plans: @shard(route: "LISTED", merge: "LIST") needs a `jurisdictions: [ID!]` argument',
    ],
    [
      'a jurisdiction argument the route ignores',
      'Query',
      'plans(jurisdiction: ID!): [Team!]! @shard(route: "ANY", merge: "SINGLE")',
      'Query.plans: @shard(route: "ANY", merge: "SINGLE") ignores its `jurisdiction` argument: route it JURISDICTION by "jurisdiction"',
    ],
    [
      'a jurisdictions argument the route ignores',
      'Query',
      'plans(jurisdictions: [ID!]): [Team!]! @shard(route: "EVERY", merge: "LIST")',
      'Query.plans: @shard(route: "EVERY", merge: "LIST") ignores its `jurisdictions` argument: route it LISTED',
    ],
    [
      'CONNECTION on a type that is not a connection',
      'Query',
      'plans(jurisdictions: [ID!], first: Int = 20): [Team!]! @shard(route: "LISTED", merge: "CONNECTION")',
      'Query.plans: @shard(route: "LISTED", merge: "CONNECTION"): [Team!]! is not a connection (edges: [...], pageInfo)',
    ],
    [
      'CONNECTION without a default page size',
      'Query',
      'plans(jurisdictions: [ID!], first: Int): TeamConnection! @shard(route: "LISTED", merge: "CONNECTION")',
      'Query.plans: @shard(route: "LISTED", merge: "CONNECTION") needs a `first: Int = <default page size>` argument',
    ],
    [
      'LIST on a type that is not a list',
      'Query',
      'plans(jurisdictions: [ID!]): Team @shard(route: "LISTED", merge: "LIST")',
      'Query.plans: @shard(route: "LISTED", merge: "LIST"): merge LIST needs a list type, not Team',
    ],
    [
      'several nodes merged as a single value',
      'Query',
      'plans: [Team!]! @shard(route: "EVERY", merge: "SINGLE")',
      'Query.plans: @shard(route: "EVERY", merge: "SINGLE"): several nodes answer, merge them as LIST or CONNECTION',
    ],
    [
      'one node merged as a list',
      'Query',
      'plans(id: ID!): [Team!]! @shard(route: "OWNER_OF_ID", by: "id", merge: "LIST")',
      'Query.plans: @shard(route: "OWNER_OF_ID", by: "id", merge: "LIST"): one node answers, merge SINGLE',
    ],
    [
      '`by` on a route that takes none',
      'Query',
      'plans(id: ID!): [Team!]! @shard(route: "ANY", by: "id", merge: "SINGLE")',
      'Query.plans: @shard(route: "ANY", by: "id", merge: "SINGLE"): `by` is only for routes JURISDICTION and OWNER_OF_ID',
    ],
    [
      'a mutation sent to several nodes',
      'Mutation',
      'releaseAll(requestId: ID!): [Team!]! @shard(route: "EVERY", merge: "LIST")',
      'Mutation.releaseAll: @shard(route: "EVERY", merge: "LIST"): a mutation goes to exactly one node (route JURISDICTION or OWNER_OF_ID)',
    ],
  ])('%s', (_title, root, line, problem) => {
    expect(problemsOf(withField(root as 'Query' | 'Mutation', line))).toEqual([problem]);
  });

  test('a route or merge that is not one of the declared values', () => {
    expect(problemsOf(withField('Query', 'plans: [Team!]! @shard(route: "ALL", merge: "LIST")'))).toEqual([
      'Query.plans: @shard(route: "ALL", merge: "LIST") is not a declaration: route is one of JURISDICTION, OWNER_OF_ID, LISTED, EVERY, ANY; merge one of SINGLE, LIST, CONNECTION',
    ]);
  });

  test('an SDL without the directive', () => {
    const sdl = SDL.replace(/"""\nHow a registry root field routes.*?\ndirective @shard[^\n]*\n/s, '').replace(
      /@shard\([^)]*\)/g,
      '',
    );
    expect(sdl).not.toContain('@shard');
    expect(problemsOf(sdl)).toEqual(['the @shard directive is not declared']);
  });
});

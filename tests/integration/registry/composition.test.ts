import { readFileSync } from 'node:fs';
import path from 'node:path';
import { composeServices, type CompositionResult } from '@apollo/composition';
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { prettyFormatQueryPlan, QueryPlanner } from '@apollo/query-planner';
import { buildSchema, parse, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import type { RegistryNode } from '../../../services/registry/src/registryNode';
import { expectData, graphql } from '../../testkit/graphql';
import { startTestNode, stopTestNode } from '../../testkit/registry';
import { tokenFor } from '../../testkit/tokens';

/**
 * Acceptance: "the node's SDL composes with @apollo/composition without errors" — on its own, and
 * with a second subgraph that references the registry's entities (Team by id, Jurisdiction by
 * code) without resolving them, which proves the keys work as entity references. Composition and
 * planning are pure; the last block asks a real node for the entities the plan would fetch.
 */

const SDL = readFileSync(path.join(__dirname, '../../../schema/registry.graphql'), 'utf8');
const REGISTRY = { name: 'registry', url: 'http://127.0.0.1:4101/graphql', typeDefs: parse(SDL) };

/** A small second subgraph: reinforcement requests that point at registry teams. */
const DISPATCH_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

  type Team @key(fields: "id", resolvable: false) {
    id: ID!
  }

  type Jurisdiction @key(fields: "code", resolvable: false) {
    code: ID!
  }

  type ReinforcementRequest @key(fields: "id") {
    id: ID!
    from: Jurisdiction!
    to: Jurisdiction!
    teams: [Team!]!
  }

  type Query {
    reinforcementRequests: [ReinforcementRequest!]!
  }
`;
const DISPATCH = { name: 'dispatch', url: 'http://127.0.0.1:4102/graphql', typeDefs: parse(DISPATCH_SDL) };

function expectSuccess(result: CompositionResult): string {
  if (result.errors) throw new Error(`composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  expect(result.errors).toBeUndefined();
  return result.supergraphSdl;
}

/** The client-facing (API) schema of a supergraph, as graphql-js. */
function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

function fieldsOf(schema: GraphQLSchema, type: string): string[] {
  return Object.keys((schema.getType(type) as GraphQLObjectType).getFields()).sort();
}

describe('the registry subgraph alone', () => {
  const result = composeServices([REGISTRY]);

  test('composes without errors and yields a supergraph with type Team', () => {
    const sdl = expectSuccess(result);
    expect(sdl).toContain('type Team');
    expect(sdl).toMatch(/type Team\s+@join__type\(graph: REGISTRY, key: "id"\)/);
    expect(sdl).toMatch(/type Jurisdiction\s+@join__type\(graph: REGISTRY, key: "code"\)/);
    expect(sdl).toContain('REGISTRY @join__graph(name: "registry", url: "http://127.0.0.1:4101/graphql")');
  });

  test('the supergraph SDL is itself valid GraphQL', () => {
    expect(() => buildSchema(expectSuccess(result))).not.toThrow();
  });

  test('the API schema exposes every root field and type of the subgraph SDL', () => {
    const api = apiSchemaOf(expectSuccess(result));
    const subgraph = buildSchema(`directive @link(url: String, import: [String]) repeatable on SCHEMA
      directive @key(fields: String!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE
      directive @shareable repeatable on OBJECT | FIELD_DEFINITION
      ${SDL}`);
    for (const root of ['Query', 'Mutation']) expect(fieldsOf(api, root)).toEqual(fieldsOf(subgraph, root));
    for (const type of ['Team', 'SocialForce', 'Depot', 'StockLine', 'Expert', 'Jurisdiction', 'DutyShift']) {
      expect(fieldsOf(api, type)).toEqual(fieldsOf(subgraph, type));
    }
    // Federation's own machinery stays out of the client schema.
    expect(api.getQueryType()?.getFields()._entities).toBeUndefined();
    expect(api.getType('join__Graph')).toBeUndefined();
  });

  test('composition hints do not report problems with the registry SDL', () => {
    const hints = result.errors ? [] : result.hints;
    expect(hints.map((h) => `${h.definition.code}: ${h.message}`)).toEqual([]);
  });
});

describe('with a second subgraph that references registry entities', () => {
  const result = composeServices([REGISTRY, DISPATCH]);

  test('composes without errors', () => {
    const sdl = expectSuccess(result);
    expect(sdl).toContain('type Team');
    expect(sdl).toContain('type ReinforcementRequest');
    expect(sdl).toMatch(
      /type Team\s+@join__type\(graph: DISPATCH, key: "id", resolvable: false\)\s+@join__type\(graph: REGISTRY, key: "id"\)/,
    );
    expect(sdl).toMatch(
      /type Jurisdiction\s+@join__type\(graph: DISPATCH, key: "code", resolvable: false\)\s+@join__type\(graph: REGISTRY, key: "code"\)/,
    );
  });

  test('clients see ReinforcementRequest.teams as the full registry Team', () => {
    const api = apiSchemaOf(expectSuccess(result));
    const teamsField = (api.getType('ReinforcementRequest') as GraphQLObjectType).getFields().teams;
    expect(String(teamsField?.type)).toBe('[Team!]!');
    expect(fieldsOf(api, 'Team')).toEqual(
      expect.arrayContaining(['id', 'name', 'status', 'version', 'reservation', 'jurisdiction']),
    );
    expect(fieldsOf(api, 'Query')).toEqual(expect.arrayContaining(['reinforcementRequests', 'teams', 'team']));
  });

  test('the query planner resolves a Team reference through the registry by its key', () => {
    const supergraph = Supergraph.build(expectSuccess(result));
    const planner = new QueryPlanner(supergraph);
    const operation = operationFromDocument(
      supergraph.apiSchema(),
      parse('{ reinforcementRequests { id teams { name status } from { name dutyRegime } } }'),
    );
    const plan = prettyFormatQueryPlan(planner.buildQueryPlan(operation));
    // First the dispatch subgraph, then entity fetches from the registry keyed by Team.id and
    // Jurisdiction.code.
    expect(plan).toContain('Fetch(service: "dispatch")');
    expect(plan).toContain('Fetch(service: "registry")');
    expect(plan).toMatch(/\.\.\. on Team \{\s*__typename\s*id\s*\}/);
    expect(plan).toMatch(/\.\.\. on Jurisdiction \{\s*__typename\s*code\s*\}/);
    expect(plan).toMatch(/\.\.\. on Team \{\s*name\s*status\s*\}/);
    expect(plan).toMatch(/\.\.\. on Jurisdiction \{\s*name\s*dutyRegime\s*\}/);
    // The references can only be resolved after dispatch returned them.
    expect(plan.indexOf('Fetch(service: "dispatch")')).toBeLessThan(plan.indexOf('Fetch(service: "registry")'));
    expect(plan).toContain('Flatten(path: "reinforcementRequests.@.teams.@")');
  });
});

describe('a running node resolves the references the planner sends it', () => {
  let node: RegistryNode;

  beforeAll(async () => {
    node = await startTestNode('wujin');
  });

  afterAll(async () => {
    if (node) await stopTestNode(node);
  });

  test('_entities answers Team by id and Jurisdiction by code', async () => {
    const registrar = tokenFor({ jurisdiction: 'wujin', roles: ['registrar'] });
    const created = expectData(
      await graphql<{ createTeam: { id: string } }>(
        node.url,
        'mutation($input: TeamInput!) { createTeam(jurisdiction: "wujin", input: $input) { id } }',
        {
          input: {
            name: '武进区水域救援队',
            type: 'water_rescue',
            kind: 'SPECIALIST',
            tier: 1,
            headcount: 30,
            base: { lat: 31.7, lng: 119.95 },
            readinessMinutes: 10,
            contact: { name: '王队长', phone: '13812345678' },
          },
        },
        registrar,
      ),
    ).createTeam;
    const service = tokenFor({ jurisdiction: 'changzhou', roles: ['service'] });
    const res = await graphql<{ _entities: ({ __typename: string; [k: string]: unknown } | null)[] }>(
      node.url,
      `
        query ($representations: [_Any!]!) {
          _entities(representations: $representations) {
            __typename
            ... on Team {
              id
              name
              status
            }
            ... on Jurisdiction {
              code
              name
            }
          }
        }
      `,
      {
        representations: [
          { __typename: 'Team', id: created.id },
          { __typename: 'Jurisdiction', code: 'wujin' },
        ],
      },
      service,
    );
    expect(expectData(res)._entities).toEqual([
      { __typename: 'Team', id: created.id, name: '武进区水域救援队', status: 'AVAILABLE' },
      { __typename: 'Jurisdiction', code: 'wujin', name: expect.any(String) },
    ]);
  });
});

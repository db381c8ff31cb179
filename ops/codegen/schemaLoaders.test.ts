import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, validate, type GraphQLSchema } from 'graphql';
import { REPO_ROOT } from '../../services/common/src/paths';
import apiSchemaLoader from './apiSchemaLoader';
import subgraphSchemaLoader from './subgraphSchemaLoader';

/** The schemas graphql-codegen checks the clients' documents against (codegen.yml). */
const read = (file: string) => parse(readFileSync(path.join(REPO_ROOT, file), 'utf8'));
const problems = (schema: GraphQLSchema, file: string) => validate(schema, read(file)).map((e) => e.message);

describe('the API schema loader', () => {
  const api = apiSchemaLoader('schema');

  test('is the gateway API of all three subgraphs, without federation machinery', () => {
    const query = api.getQueryType()!.getFields();
    expect(Object.keys(query)).toEqual(expect.arrayContaining(['teams', 'reinforcementRequests', 'meetings']));
    expect(query._entities).toBeUndefined();
    expect(query._service).toBeUndefined();
    expect(api.getType('join__Graph')).toBeUndefined();
  });

  test('accepts the documents sent to the gateway, and refuses one that drifted from the SDL', () => {
    expect(problems(api, 'console/src/views/search.graphql')).toEqual([]);
    const dir = mkdtempSync(path.join(tmpdir(), 'aidnet-codegen-'));
    try {
      cpSync(path.join(REPO_ROOT, 'schema'), dir, { recursive: true });
      const sdl = readFileSync(path.join(dir, 'registry.graphql'), 'utf8');
      writeFileSync(path.join(dir, 'registry.graphql'), sdl.replace(/\bheadcount:/g, 'members_count:'));
      const drifted = apiSchemaLoader(path.relative(REPO_ROOT, dir));
      expect(problems(drifted, 'console/src/views/search.graphql')).toEqual([
        expect.stringContaining('Cannot query field "headcount" on type "Team"'),
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the subgraph schema loader', () => {
  test('is the registry node’s own schema, against which the saga’s node calls validate', () => {
    const node = subgraphSchemaLoader('schema/registry.graphql');
    expect(node.getQueryType()!.getFields()._entities).toBeDefined();
    expect(problems(node, 'services/mutual-aid/src/saga/registryNodes.node.graphql')).toEqual([]);
    // The mutual-aid types are not on a registry node.
    expect(problems(node, 'tests/testkit/requests.graphql')).toContainEqual(
      expect.stringContaining('Unknown type "ReinforcementRequest"'),
    );
  });

  test('takes only a contract under schema/', () => {
    expect(() => subgraphSchemaLoader('elsewhere/registry.graphql')).toThrow(/schema\/<name>\.graphql/);
  });
});

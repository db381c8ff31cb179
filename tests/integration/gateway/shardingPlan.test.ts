import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../../services/common/src/paths';
import { startTestNetwork, type TestNetwork } from '../../testkit/network';
import { tokenFor } from '../../testkit/tokens';

/**
 * DESIGN.md 3.8: how each registry root field routes and merges is declared once, in
 * schema/registry.graphql, and the gateway reads it from there. A gateway started on a modified
 * copy of the SDL refuses an undeclared root field, and routes by a changed declaration over
 * real nodes, with no gateway code change.
 */
const SDL = readFileSync(path.join(REPO_ROOT, 'schema/registry.graphql'), 'utf8');
const TOKEN = tokenFor({ jurisdiction: 'wujin', roles: ['observer'] });
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'aidnet-registry-sdl-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** @returns the path of a copy of the registry SDL with `from` replaced by `to`. */
function sdlCopy(name: string, from: string, to: string): string {
  expect(SDL).toContain(from);
  const file = path.join(dir, name);
  writeFileSync(file, SDL.replace(from, to));
  return file;
}

test('a root field without a routing declaration stops the gateway at start, naming the field', async () => {
  const file = sdlCopy(
    'undeclared.graphql',
    'type Query {\n',
    'type Query {\n  "Roster imports (a new capability), declared without @shard."\n  rosterImports(jurisdictions: [ID!]): [DutyShift!]!\n',
  );
  await expect(startTestNetwork([], { registrySchemaFile: file })).rejects.toThrow(
    `${file} does not declare how every registry root field routes and merges (DESIGN.md 3.8):\n` +
      '- Query.rosterImports has no @shard declaration: declare how it routes and merges',
  );
});

describe('a changed declaration, over real nodes', () => {
  const CODES = ['wujin', 'wujin.hutang'];
  let net: TestNetwork;

  beforeAll(async () => {
    // teamTypes was "any one node" (identical catalogues); now every node, merged as one list.
    const file = sdlCopy(
      'every.graphql',
      'teamTypes: [TeamType!]! @shard(route: "ANY", merge: "SINGLE")',
      'teamTypes: [TeamType!]! @shard(route: "EVERY", merge: "LIST")',
    );
    net = await startTestNetwork(CODES, { registrySchemaFile: file });
  });

  afterAll(async () => {
    await net?.stop();
  });

  test('the field is asked of every node and their lists are merged; unchanged fields route as before', async () => {
    const types = await net.query<{ teamTypes: { code: string }[] }>('{ teamTypes { code } }', {}, TOKEN);
    expect(types.errors).toBeUndefined();
    expect((types.extensions?.coverage as { asked: string[] }).asked.sort()).toEqual(CODES);
    const counts = new Map<string, number>();
    for (const t of types.data?.teamTypes ?? []) counts.set(t.code, (counts.get(t.code) ?? 0) + 1);
    expect(counts.size).toBeGreaterThan(20);
    expect([...new Set(counts.values())]).toEqual([CODES.length]); // each node's catalogue, once each

    const categories = await net.query<{ supplyCategories: unknown[] }>('{ supplyCategories { code } }', {}, TOKEN);
    expect(categories.errors).toBeUndefined();
    expect((categories.extensions?.coverage as { asked: string[] }).asked).toHaveLength(1);
  });
});

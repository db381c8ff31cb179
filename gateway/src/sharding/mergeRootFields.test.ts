import { parse } from 'graphql';
import { mulberry32 } from '../../../ops/seed/random';
import { DEFAULT_TRAVEL_MODEL } from '../../../services/common/src/geo';
import { compareSortKeys, type SortKey } from '../../../services/common/src/keyset';
import type { ShardFieldMeta } from '../../../services/common/src/shardMeta';
import {
  searchResources,
  sortKeyOf,
  type Located,
  type ResourceOrder,
} from '../../../services/registry/src/domain/resourceSearch';
import { connectionContributors, mergeConnection, mergeList, type NodePart } from './mergeRootFields';
import { analyzeOperation, effectiveVariables } from './operationAnalysis';
import { readShardingPlanFile, type ConnectionShape } from './shardingPlan';

/**
 * Property tests of the gateway's merge against a brute-force reference: one database holding
 * every node's rows (DESIGN.md 3.3). Each node answers with the registry's own search code; the
 * merged pages must equal the sorted union page by page, and following endCursor must walk the
 * whole union once. The seeds are constants; a failure message names the case's seed.
 */
const SHAPE = readShardingPlanFile().field('query', 'teams')?.connection as ConnectionShape;
const QUERY = parse(`query($first: Int, $after: String) {
  teams(first: $first, after: $after) {
    totalCount
    edges { cursor node { id } }
    pageInfo { hasNextPage endCursor }
  }
}`);
const ANALYSIS = analyzeOperation(QUERY);
const FIELD = ANALYSIS.rootFields[0]?.node;

type Obj = Record<string, unknown>;

function randomNodes(seed: number): Located[][] {
  const next = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  // Few distinct names and timestamps: ties on the primary key are the interesting case.
  const names = ['消防', '救援', 'Alpha', 'alpha', 'Beta', 'Ω', '队'].slice(0, int(1, 7));
  return Array.from({ length: int(1, 6) }, (_, n) =>
    Array.from({ length: int(0, 30) }, (_, i) => ({
      id: `node${n}:Team:${String(int(0, 1e6)).padStart(7, '0')}${i}`,
      name: names[int(0, names.length - 1)] as string,
      updatedAt: new Date(Date.UTC(2026, 0, 1) + int(0, 5) * 60_000),
      base: { lat: 31.7, lng: 119.9 },
      leadMinutes: 10,
    })),
  );
}

/** One node's answer to `teams(first, after)`, as its resolver and shard metadata make it. */
function nodeAnswer(rows: readonly Located[], order: ResourceOrder, first: number, after: string | null): NodePart {
  const result = searchResources(rows, (r) => r, { orderBy: order, first, after }, DEFAULT_TRAVEL_MODEL);
  const meta: ShardFieldMeta = {
    keys: result.keys,
    cursors: result.edges.map((e) => e.cursor),
    hasNextPage: result.pageInfo.hasNextPage,
    totalCount: result.totalCount,
  };
  const value = {
    totalCount: result.totalCount,
    edges: result.edges.map((e) => ({ cursor: e.cursor, node: { id: e.node.id } })),
    pageInfo: result.pageInfo,
  };
  return { value, meta };
}

function merged(nodes: Located[][], order: ResourceOrder, first: number | undefined, after: string | null): Obj {
  const variables = { ...(first === undefined ? {} : { first }), after };
  const parts = nodes.map((rows) => nodeAnswer(rows, order, first ?? SHAPE.defaultFirst, after));
  const effective = effectiveVariables(ANALYSIS, variables);
  const whole = mergeConnection(FIELD as never, ANALYSIS.fragments, effective, parts, SHAPE);
  // The data source parses only the contributors' bodies: the merge must not need the others.
  const contributors = connectionContributors(
    FIELD as never,
    ANALYSIS.fragments,
    effective,
    parts.map((p) => p.meta),
    SHAPE,
  );
  expect(contributors).not.toBe('all');
  const headerOnly = parts.map((p, i) =>
    contributors !== 'all' && contributors.has(i) ? p : { ...p, value: undefined },
  );
  expect(mergeConnection(FIELD as never, ANALYSIS.fragments, effective, headerOnly, SHAPE)).toEqual(whole);
  return whole;
}

const idsOf = (page: Obj) => (page.edges as { node: { id: string } }[]).map((e) => e.node.id);

describe('merged connections equal one database holding every node’s rows', () => {
  const orders: ResourceOrder[] = ['NAME', 'UPDATED'];

  test('every page is the next slice of the sorted union, and endCursor walks all of it once (150 cases)', () => {
    for (let seed = 1; seed <= 150; seed++) {
      const nodes = randomNodes(seed);
      const order = orders[seed % 2] as ResourceOrder;
      const keyOf = (r: Located) => sortKeyOf(order, r, null);
      const union = nodes.flat().sort((a, b) => compareSortKeys(keyOf(a), keyOf(b)));
      const first = seed % 5 === 0 ? undefined : 2 + (seed % 9);
      const size = first ?? SHAPE.defaultFirst;
      const walked: string[] = [];
      let after: string | null = null;
      for (let pageNo = 0; pageNo <= union.length; pageNo++) {
        const page = merged(nodes, order, first, after);
        const expected = union.slice(walked.length, walked.length + size).map((r) => r.id);
        const context = `seed ${seed}, page ${pageNo}`;
        expect({ context, ids: idsOf(page) }).toEqual({ context, ids: expected });
        expect({ context, totalCount: page.totalCount }).toEqual({ context, totalCount: union.length });
        const info = page.pageInfo as { hasNextPage: boolean; endCursor: string | null };
        const more = walked.length + expected.length < union.length;
        expect({ context, hasNextPage: info.hasNextPage }).toEqual({ context, hasNextPage: more });
        walked.push(...expected);
        if (!more) break;
        after = info.endCursor;
      }
      expect({ seed, walked }).toEqual({ seed, walked: union.map((r) => r.id) });
    }
  });

  test('the merged connection keeps the selection’s aliases and __typename from the SDL', () => {
    const doc = parse(
      '{ t: teams(first: 2) { __typename n: totalCount e: edges { cursor } p: pageInfo { __typename h: hasNextPage } } }',
    );
    const analysis = analyzeOperation(doc);
    const rows = randomNodes(5);
    const parts = rows.map((r) => {
      const part = nodeAnswer(r, 'NAME', 2, null);
      const v = part.value as Obj;
      return { ...part, value: { n: v.totalCount, e: v.edges } };
    });
    const page = mergeConnection(analysis.rootFields[0]?.node as never, analysis.fragments, {}, parts, SHAPE);
    expect(Object.keys(page)).toEqual(['__typename', 'n', 'e', 'p']);
    expect(page.__typename).toBe('TeamConnection');
    expect(page.p).toEqual({ __typename: 'PageInfo', h: rows.flat().length > 2 });
  });
});

describe('merged lists', () => {
  test('are the union in global key order; a node without keys keeps its order after the keyed rows (200 cases)', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const next = mulberry32(seed);
      const parts: NodePart[] = [];
      const all: { key: SortKey; row: string }[] = [];
      for (let n = 0; n < 1 + (seed % 5); n++) {
        const keys = Array.from({ length: Math.floor(next() * 12) }, (_, i) => ({
          primary: seed % 2 ? Math.floor(next() * 4) : (['a', 'b', 'B', '湖'][Math.floor(next() * 4)] ?? 'a'),
          id: `n${n}:X:${i}`,
        })).sort(compareSortKeys);
        const rows = keys.map((k) => `${k.id}`);
        keys.forEach((key, i) => all.push({ key, row: rows[i] as string }));
        parts.push({ value: rows, meta: { keys } });
      }
      const expected = all.sort((a, b) => compareSortKeys(a.key, b.key)).map((r) => r.row);
      expect({ seed, rows: mergeList(parts) }).toEqual({ seed, rows: expected });

      const unkeyed = ['old:1', 'old:0'];
      expect({ seed, rows: mergeList([...parts, { value: unkeyed, meta: undefined }]) }).toEqual({
        seed,
        rows: [...expected, ...unkeyed],
      });
    }
  });
});

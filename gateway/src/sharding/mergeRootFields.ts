import type { FieldNode, FragmentDefinitionNode } from 'graphql';
import { compareSortKeys, type SortKey } from '../../../services/common/src/keyset';
import type { ShardFieldMeta } from '../../../services/common/src/shardMeta';
import { argumentValue, selectedFields, subFields } from './operationAnalysis';
import type { ConnectionShape } from './shardingPlan';

/**
 * Merges one root field's answers from several nodes into what a single database holding every
 * node's rows would return (DESIGN.md 3.3): lists in global key order, connections cut to the
 * global top `first` with summed totalCount and a pageInfo that continues across nodes.
 */
export interface NodePart {
  value: unknown;
  meta: ShardFieldMeta | undefined;
}

type Obj = Record<string, unknown>;

interface Row {
  part: number;
  index: number;
  key: SortKey;
}

function rowsOf(parts: readonly NodePart[], lengths: readonly number[]): Row[] {
  const rows: Row[] = [];
  parts.forEach((p, part) => {
    const n = lengths[part] ?? 0;
    for (let index = 0; index < n; index++) {
      // A node that sent no keys (an older node) keeps its own order after keyed rows.
      rows.push({ part, index, key: p.meta?.keys[index] ?? { primary: '\uffff', id: `${part}:${index}` } });
    }
  });
  return rows.sort((a, b) => compareSortKeys(a.key, b.key));
}

/** @returns the rows of every node's list in global order. */
export function mergeList(parts: readonly NodePart[]): unknown[] {
  const lists: unknown[][] = parts.map((p) => (Array.isArray(p.value) ? (p.value as unknown[]) : []));
  return rowsOf(
    parts,
    lists.map((l) => l.length),
  ).map((r) => lists[r.part]?.[r.index]);
}

/** @returns the page size a connection field asks the nodes for: its `first`, or the SDL default. */
function pageSize(field: FieldNode, variables: Record<string, unknown> | undefined, shape: ConnectionShape): number {
  const first = argumentValue(field, 'first', variables);
  return typeof first === 'number' ? first : shape.defaultFirst;
}

/** Sub-fields of a connection that mergeConnection computes from the nodes' shard metadata alone. */
const FROM_META = new Set(['edges', 'totalCount', 'pageInfo', '__typename']);

/**
 * Which nodes' answers a merged connection reads, knowing only their shard metadata: those whose
 * rows make the global page (its last row's node also gives the endCursor).
 * @returns the indices into `metas`, or 'all' when the selection needs more than edges, totalCount
 * and pageInfo (or a node sent no keys).
 */
export function connectionContributors(
  field: FieldNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  variables: Record<string, unknown> | undefined,
  metas: readonly (ShardFieldMeta | undefined)[],
  shape: ConnectionShape,
): Set<number> | 'all' {
  if (metas.some((m) => m === undefined || m.totalCount === undefined)) return 'all';
  if (selectedFields(field.selectionSet, fragments).some((f) => !FROM_META.has(f.name.value))) return 'all';
  const first = pageSize(field, variables, shape);
  const parts = metas.map((meta) => ({ value: undefined, meta }));
  const page = rowsOf(
    parts,
    metas.map((m) => m?.keys.length ?? 0),
  ).slice(0, first);
  return new Set(page.map((r) => r.part));
}

/**
 * @param field the connection field as selected in the fetch (aliases are honoured).
 * @returns the merged connection object with the same shape the nodes returned.
 */
export function mergeConnection(
  field: FieldNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  variables: Record<string, unknown> | undefined,
  parts: readonly NodePart[],
  shape: ConnectionShape,
): Obj {
  const first = pageSize(field, variables, shape);
  const objects = parts.map((p) => (p.value && typeof p.value === 'object' ? (p.value as Obj) : null));
  const edgeFields = subFields(field, 'edges', fragments);
  const firstEdgesKey = edgeFields[0] ? (edgeFields[0].alias?.value ?? 'edges') : undefined;
  const countOf = (i: number) => {
    const keyed = parts[i]?.meta?.keys.length;
    if (keyed !== undefined) return keyed;
    const edges = firstEdgesKey ? objects[i]?.[firstEdgesKey] : undefined;
    return Array.isArray(edges) ? edges.length : 0;
  };
  const all = rowsOf(
    parts,
    parts.map((_, i) => countOf(i)),
  );
  const page = all.slice(0, first);
  const hasMore = all.length > first || parts.some((p) => p.meta?.hasNextPage === true);
  const last = page.at(-1);
  const endCursor = last ? (parts[last.part]?.meta?.cursors?.[last.index] ?? null) : null;

  const merged: Obj = {};
  for (const sub of selectedFields(field.selectionSet, fragments)) {
    const key = sub.alias?.value ?? sub.name.value;
    switch (sub.name.value) {
      case 'edges':
        merged[key] = page.map((r) => (objects[r.part]?.[key] as unknown[] | undefined)?.[r.index] ?? null);
        break;
      case 'totalCount':
        merged[key] = parts.reduce((sum, p, i) => sum + (p.meta?.totalCount ?? Number(objects[i]?.[key] ?? 0)), 0);
        break;
      case 'pageInfo': {
        const info: Obj = {};
        for (const pi of selectedFields(sub.selectionSet, fragments)) {
          const piKey = pi.alias?.value ?? pi.name.value;
          if (pi.name.value === 'hasNextPage') info[piKey] = hasMore;
          else if (pi.name.value === 'endCursor') info[piKey] = endCursor;
          else if (pi.name.value === '__typename') info[piKey] = 'PageInfo';
        }
        merged[key] = info;
        break;
      }
      case '__typename':
        merged[key] = shape.typename;
        break;
      default:
        merged[key] = objects.find((o) => o && key in o)?.[key] ?? null;
    }
  }
  return merged;
}

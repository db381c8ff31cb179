import type { GraphQLResolveInfo } from 'graphql';
import type { SortKey } from '../../../common/src/keyset';
import type { RegistryContext } from '../context';
import type { SearchResult } from '../domain/resourceSearch';

/** Records the sort keys of a root list for the gateway's merge (see common/src/shardMeta.ts). */
export function recordList<T>(
  ctx: RegistryContext,
  info: GraphQLResolveInfo,
  rows: T[],
  keyOf: (row: T) => SortKey,
): T[] {
  ctx.shardMeta[String(info.path.key)] = { keys: rows.map(keyOf) };
  return rows;
}

/** Records a connection's edge keys, hasNextPage and totalCount for the gateway's merge. */
export function recordConnection<T>(
  ctx: RegistryContext,
  info: GraphQLResolveInfo,
  result: SearchResult<T>,
): SearchResult<T> {
  ctx.shardMeta[String(info.path.key)] = {
    keys: result.keys,
    cursors: result.edges.map((e) => e.cursor),
    hasNextPage: result.pageInfo.hasNextPage,
    totalCount: result.totalCount,
  };
  return result;
}

import type { SortKey } from './keyset';

/**
 * What a registry node tells the gateway about each list it returns, in the response's
 * `extensions` (which never reach clients: the gateway's sharded data source reads and drops
 * them). With the sort key of every row, the gateway merges node lists into the one global order
 * whatever fields the client selected (DESIGN.md section 3.3).
 */
export const SHARD_EXTENSION = 'aidnetShard';

export interface ShardFieldMeta {
  /** Sort key of each returned row, in order. */
  keys: SortKey[];
  /** Connections: the cursor of each edge (the merged page's endCursor is one of them). */
  cursors?: string[];
  /** Connections: whether the node has rows after this page. */
  hasNextPage?: boolean;
  /** Connections: the node's total number of matching rows. */
  totalCount?: number;
}

/** By response key (alias or field name) of the root field. */
export type ShardMeta = Record<string, ShardFieldMeta>;

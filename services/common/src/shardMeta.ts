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

/**
 * The same keys, counts and hasNextPage (no cursors) once more in a response header, so that the
 * gateway can merge a fan-out before it parses any body, and then parse only the bodies of the
 * nodes whose rows made the page (with `first: 20` over 24 nodes, a few of them). Sent only when
 * small; without it the gateway parses every body, as for an older node.
 */
export const SHARD_HEADER = 'x-aidnet-shard';
export const SHARD_HEADER_MAX_LENGTH = 8 * 1024;

export interface ShardSummary {
  /** Per root field, as in the extension but without cursors. */
  fields: ShardMeta;
  /** Whether the body carries errors (then the gateway parses it). */
  errors: boolean;
}

/** @returns the header value (ASCII: other characters are JSON \u escapes), or undefined when too long. */
export function encodeShardSummary(summary: ShardSummary): string | undefined {
  const json = JSON.stringify(summary).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return json.length <= SHARD_HEADER_MAX_LENGTH ? json : undefined;
}

/** @returns the summary in a header value, or undefined when absent or not one. */
export function decodeShardSummary(header: string | string[] | undefined): ShardSummary | undefined {
  if (typeof header !== 'string') return undefined;
  try {
    const s = JSON.parse(header) as Partial<ShardSummary> | null;
    return s && typeof s === 'object' && s.fields && typeof s.fields === 'object' && typeof s.errors === 'boolean'
      ? (s as ShardSummary)
      : undefined;
  } catch {
    return undefined;
  }
}

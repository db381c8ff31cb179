import { ERRORS } from './errors';

/**
 * Keyset ordering shared by every node and by the gateway's merge, so that a merged list is
 * exactly what one database holding every node's rows would return (DESIGN.md section 3.3).
 * Every order is total: a primary key, then the global id, which is unique across the network.
 */
export interface SortKey {
  /** Number or string compared ascending; descending orders store a negated number. */
  primary: number | string;
  id: string;
}

/** Binary (UTF-16 code unit) comparison: identical in every process, unlike locale collation. */
function compareValues(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** @returns negative, zero or positive as `a` sorts before, with or after `b`. */
export function compareSortKeys(a: SortKey, b: SortKey): number {
  return compareValues(a.primary, b.primary) || compareValues(a.id, b.id);
}

interface CursorPayload {
  o: string;
  k: [number | string, string];
}

/** @returns an opaque cursor for the row with `key` under `order`. */
export function encodeCursor(order: string, key: SortKey): string {
  const payload: CursorPayload = { o: order, k: [key.primary, key.id] };
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

/**
 * @returns the key encoded in `cursor`.
 * @throws BAD_USER_INPUT when the cursor is malformed or was made for another order.
 */
export function decodeCursor(cursor: string, order: string): SortKey {
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw ERRORS.BAD_USER_INPUT.err('`after` is not a cursor returned by this API');
  }
  const p = payload as Partial<CursorPayload> | null;
  const k = p?.k;
  if (
    !p ||
    typeof p.o !== 'string' ||
    !Array.isArray(k) ||
    k.length !== 2 ||
    typeof k[1] !== 'string' ||
    (typeof k[0] !== 'number' && typeof k[0] !== 'string')
  ) {
    throw ERRORS.BAD_USER_INPUT.err('`after` is not a cursor returned by this API');
  }
  if (p.o !== order) {
    throw ERRORS.BAD_USER_INPUT.err(`\`after\` was made for order ${p.o}, not ${order}: start again without it`);
  }
  return { primary: k[0], id: k[1] };
}

export interface Page<T> {
  items: T[];
  hasNextPage: boolean;
}

/**
 * Takes the first `first` rows after `after` from rows already sorted by `keyOf`.
 * @returns the page and whether more rows follow it.
 */
export function takePage<T>(sorted: readonly T[], keyOf: (row: T) => SortKey, first: number, after?: SortKey): Page<T> {
  let start = 0;
  if (after) {
    // Binary search for the first row strictly after the cursor key.
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareSortKeys(keyOf(sorted[mid] as T), after) <= 0) lo = mid + 1;
      else hi = mid;
    }
    start = lo;
  }
  const items = sorted.slice(start, start + first);
  return { items, hasNextPage: start + first < sorted.length };
}

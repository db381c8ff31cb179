import { badInput } from '../../../common/src/errors';
import { etaMinutes, greatCircleKm, type GeoPoint, type TravelModel } from '../../../common/src/geo';
import { compareSortKeys, decodeCursor, encodeCursor, takePage, type SortKey } from '../../../common/src/keyset';

/**
 * Search over located resources (teams, social forces): distance and ETA from an incident point,
 * a radius, one of three total orders and keyset pagination. Pure: the node feeds it the rows its
 * database filter returned; the gateway merges node pages by the same keys (DESIGN.md 3.3).
 */
export type ResourceOrder = 'ETA' | 'NAME' | 'UPDATED';

/** What the search needs to know of a row. */
export interface Located {
  id: string;
  name: string;
  updatedAt: Date;
  base: GeoPoint;
  /** Minutes before departure: readiness (teams) or assembly (social forces). */
  leadMinutes: number;
}

export interface SearchArgs {
  orderBy?: ResourceOrder | null;
  near?: GeoPoint | null;
  withinKm?: number | null;
  /** Page size; the resolver fills in the SDL default of `first` (resolvers/pageSize.ts). */
  first: number;
  after?: string | null;
}

export interface SearchEdge<T> {
  node: T;
  distanceKm: number | null;
  etaMinutes: number | null;
  cursor: string;
}

export interface SearchResult<T> {
  edges: SearchEdge<T>[];
  /** Sort key of each edge, for the gateway's merge. */
  keys: SortKey[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

export const MAX_PAGE_SIZE = 500;

/** @returns the order the search runs in: the asked one, or ETA with `near` and NAME without. */
export function effectiveOrder(args: SearchArgs): ResourceOrder {
  return args.orderBy ?? (args.near ? 'ETA' : 'NAME');
}

/**
 * @throws BAD_USER_INPUT for an inconsistent combination of order, near, radius and page size (the
 * filter's own ranges are checked by its input model).
 */
export function validateSearchArgs(args: SearchArgs): void {
  const order = effectiveOrder(args);
  if (order === 'ETA' && !args.near) {
    throw badInput('orderBy: ETA needs filter.near (the incident location)', [
      { path: 'filter.near', message: 'required for ETA order' },
    ]);
  }
  if (args.withinKm != null && !args.near) {
    throw badInput('filter.withinKm needs filter.near', [{ path: 'filter.near', message: 'required with withinKm' }]);
  }
  const first = args.first;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput(`first must be between 1 and ${MAX_PAGE_SIZE}`, [{ path: 'first', message: 'out of range' }]);
  }
  if (args.after != null) decodeCursor(args.after, order);
}

/** @returns the sort key of a row under `order`. */
export function sortKeyOf(order: ResourceOrder, row: Located, eta: number | null): SortKey {
  switch (order) {
    case 'ETA':
      return { primary: eta ?? 0, id: row.id };
    case 'NAME':
      return { primary: row.name, id: row.id };
    case 'UPDATED':
      // Most recent first: negate so that every order compares ascending.
      return { primary: -row.updatedAt.getTime(), id: row.id };
  }
}

/**
 * Computes distance and ETA, applies the radius, sorts, and cuts the page after `after`.
 * Call `validateSearchArgs` first.
 */
export function searchResources<T>(
  rows: readonly T[],
  describe: (row: T) => Located,
  args: SearchArgs,
  travel: TravelModel,
): SearchResult<T> {
  const order = effectiveOrder(args);
  const near = args.near ?? null;
  type Keyed = SearchEdge<T> & { key: SortKey };
  const keyed: Keyed[] = [];
  for (const row of rows) {
    const loc = describe(row);
    const distanceKm = near ? greatCircleKm(near, loc.base) : null;
    if (distanceKm !== null && args.withinKm != null && distanceKm > args.withinKm) continue;
    const eta = distanceKm === null ? null : etaMinutes(loc.leadMinutes, distanceKm, travel);
    const key = sortKeyOf(order, loc, eta);
    keyed.push({ node: row, distanceKm, etaMinutes: eta, key, cursor: '' });
  }
  keyed.sort((a, b) => compareSortKeys(a.key, b.key));
  const after = args.after != null ? decodeCursor(args.after, order) : undefined;
  const page = takePage(keyed, (e) => e.key, args.first, after);
  const edges = page.items.map(({ key, ...edge }) => ({ ...edge, cursor: encodeCursor(order, key) }));
  return {
    edges,
    keys: page.items.map((e) => e.key),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: keyed.length,
  };
}

/** @returns an empty connection (a node asked for jurisdictions it does not serve). */
export function emptyResult<T>(): SearchResult<T> {
  return { edges: [], keys: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0 };
}

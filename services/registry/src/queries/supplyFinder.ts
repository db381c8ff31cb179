import { badInput } from '../../../common/src/errors';
import { greatCircleKm } from '../../../common/src/geo';
import { compareSortKeys, type SortKey } from '../../../common/src/keyset';
import { supplyItems } from '../catalogue';
import type { RegistryContext } from '../context';
import { parseInput, SupplyFilterModel } from '../domain/inputs';
import type { StockLineRecord } from '../models/StockLine';
import { globalIdOf, isAsked } from '../routing';

export interface SupplyFilterArgs {
  items?: readonly string[] | null;
  categories?: readonly string[] | null;
  minAvailable?: number | null;
  near?: { lat: number; lng: number } | null;
  withinKm?: number | null;
}

export type StockLineWithDistance = StockLineRecord & { distanceKm: number | null };

/**
 * Sort key of a stock line in `supplies`: nearest first with `near` (distance in metres), else by
 * item code; ties by the line's global id. The gateway merges node lists with the same key.
 */
export function supplySortKey(line: { item: string; distanceKm: number | null }, id: string): SortKey {
  return line.distanceKm === null ? { primary: line.item, id } : { primary: Math.round(line.distanceKm * 1000), id };
}

export async function findSupplies(
  ctx: RegistryContext,
  filter: SupplyFilterArgs | null | undefined,
  jurisdictions: readonly string[] | null | undefined,
): Promise<StockLineWithDistance[]> {
  const f = filter ?? {};
  parseInput(SupplyFilterModel, f, 'filter');
  if (f.withinKm != null && !f.near) {
    throw badInput('filter.withinKm needs filter.near', [{ path: 'filter.near', message: 'required with withinKm' }]);
  }
  if (!isAsked(ctx, jurisdictions)) return [];

  const itemCodes = new Set(f.items ?? []);
  if (f.categories) supplyItems.filter((i) => f.categories?.includes(i.category)).forEach((i) => itemCodes.add(i.code));
  const byItem = f.items || f.categories;
  const lines = (await ctx.store.snapshots.stockLines.rows()).filter(
    (l) => (!byItem || itemCodes.has(l.item)) && (f.minAvailable == null || l.available >= f.minAvailable),
  );
  const depotById = new Map((await ctx.store.snapshots.depots.rows()).map((d) => [d._id.toHexString(), d]));
  const near = f.near ?? null;
  const result: (StockLineWithDistance & { key: SortKey })[] = [];
  for (const line of lines) {
    const depot = depotById.get(line.depotId.toHexString());
    if (!depot) continue;
    const distanceKm = near ? greatCircleKm(near, depot.location) : null;
    if (distanceKm !== null && f.withinKm != null && distanceKm > f.withinKm) continue;
    const withDistance = { ...line, distanceKm };
    result.push({ ...withDistance, key: supplySortKey(withDistance, globalIdOf(ctx, 'StockLine', line)) });
  }
  result.sort((a, b) => compareSortKeys(a.key, b.key));
  return result.map(({ key: _key, ...line }) => line);
}

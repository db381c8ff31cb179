import type {
  DepotResolvers,
  MutationResolvers,
  QueryResolvers,
  StockLineResolvers,
} from '../__generated__/resolvers-types';
import { supplyCategoryByCode, supplyItemByCode } from '../catalogue';
import { createDepot, releaseStock, reserveStock, setStock } from '../commands/stockKeeper';
import type { RegistryContext } from '../context';
import { findSupplies, supplySortKey } from '../queries/supplyFinder';
import { compareSortKeys } from '../../../common/src/keyset';
import { recordList } from './shardKeys';
import { globalIdOf, isAsked, ownLocalId } from '../routing';

export const supplyQueries: Pick<QueryResolvers<RegistryContext>, 'supplies' | 'depots' | 'depot'> = {
  supplies: async (_, { filter, jurisdictions }, ctx, info) =>
    recordList(ctx, info, await findSupplies(ctx, filter, jurisdictions), (l) =>
      supplySortKey(l, globalIdOf(ctx, 'StockLine', l)),
    ),
  depots: async (_, { jurisdictions }, ctx, info) => {
    if (!isAsked(ctx, jurisdictions)) return recordList(ctx, info, [], () => ({ primary: '', id: '' }));
    const rows = await ctx.store.snapshots.depots.rows();
    const keyed = rows
      .map((d) => ({ d, key: { primary: d.name, id: globalIdOf(ctx, 'Depot', d) } }))
      .sort((a, b) => compareSortKeys(a.key, b.key));
    return recordList(ctx, info, keyed, (k) => k.key).map((k) => k.d);
  },
  depot: (_, { id }, ctx) => ctx.loaders.depot.load(ownLocalId(ctx, id, 'Depot')),
};

export const supplyMutations: Pick<
  MutationResolvers<RegistryContext>,
  'createDepot' | 'setStock' | 'reserveStock' | 'releaseStock'
> = {
  createDepot: (_, { jurisdiction, input }, ctx) => createDepot(ctx, jurisdiction, input),
  setStock: (_, args, ctx) => setStock(ctx, { ...args, mode: args.mode ?? 'PHYSICAL' }),
  reserveStock: (_, args, ctx) => reserveStock(ctx, args),
  releaseStock: (_, args, ctx) => releaseStock(ctx, args),
};

export const Depot: DepotResolvers<RegistryContext> = {
  __resolveReference: async (ref, ctx) => ctx.loaders.depot.load(ownLocalId(ctx, ref.id, 'Depot')),
  id: (d, _, ctx) => globalIdOf(ctx, 'Depot', d),
  jurisdiction: (_d, _, ctx) => ({ code: ctx.node.jurisdiction.code }),
  stock: (d, _, ctx) => ctx.loaders.stockByDepot.load(d._id.toHexString()),
};

export const StockLine: StockLineResolvers<RegistryContext> = {
  id: (l, _, ctx) => globalIdOf(ctx, 'StockLine', l),
  depot: async (l, _, ctx) => {
    const depot = await ctx.loaders.depot.load(l.depotId.toHexString());
    if (!depot) throw new Error(`stock line ${l._id.toHexString()} points at a missing depot`);
    return depot;
  },
  item: (l) => {
    const item = supplyItemByCode.get(l.item);
    return item ?? { code: l.item, nameZh: l.item, nameEn: l.item, unit: '', category: '' };
  },
  distanceKm: (l) => l.distanceKm ?? null,
};

export const supplyCatalogueTypes = {
  SupplyItem: {
    category: (i: { category: string }) =>
      supplyCategoryByCode.get(i.category) ?? { code: i.category, nameZh: i.category, nameEn: i.category },
  },
};

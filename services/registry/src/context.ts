import DataLoader from 'dataloader';
import { Types } from 'mongoose';
import type { Principal } from '../../common/src/auth';
import type { ShardMeta } from '../../common/src/shardMeta';
import type { TravelModel } from '../../common/src/geo';
import type { JurisdictionEntry, NetworkDirectory } from '../../common/src/network';
import type { DepotRecord } from './models/Depot';
import type { SocialForceRecord } from './models/SocialForce';
import type { StockLineRecord } from './models/StockLine';
import type { RegistryStore } from './models/store';
import type { TeamRecord } from './models/Team';

/** What a node knows about itself and its network; fixed for the node's lifetime. */
export interface NodeInfo {
  jurisdiction: JurisdictionEntry;
  network: NetworkDirectory;
  travel: TravelModel;
}

/** Per-request batch loaders: `_entities` and nested fields fetch each collection once. */
export interface RegistryLoaders {
  team: DataLoader<string, TeamRecord | null>;
  socialForce: DataLoader<string, SocialForceRecord | null>;
  depot: DataLoader<string, DepotRecord | null>;
  stockByDepot: DataLoader<string, StockLineRecord[]>;
}

export interface RegistryContext {
  principal: Principal;
  node: NodeInfo;
  store: RegistryStore;
  loaders: RegistryLoaders;
  /** Sort keys of the lists this response returns, for the gateway (see shardMeta.ts). */
  shardMeta: ShardMeta;
}

function byIds<T extends { _id: Types.ObjectId }>(find: (ids: Types.ObjectId[]) => Promise<T[]>) {
  return new DataLoader<string, T | null>(async (ids) => {
    const rows = await find(ids.map((id) => new Types.ObjectId(id)));
    const map = new Map(rows.map((r) => [r._id.toHexString(), r]));
    return ids.map((id) => map.get(id) ?? null);
  });
}

/** @returns fresh loaders for one request, keyed by local (hex) ids. */
export function createLoaders(store: RegistryStore): RegistryLoaders {
  return {
    team: byIds((ids) =>
      store.teams
        .find({ _id: { $in: ids } })
        .lean<TeamRecord[]>()
        .exec(),
    ),
    socialForce: byIds((ids) =>
      store.socialForces
        .find({ _id: { $in: ids } })
        .lean<SocialForceRecord[]>()
        .exec(),
    ),
    depot: byIds((ids) =>
      store.depots
        .find({ _id: { $in: ids } })
        .lean<DepotRecord[]>()
        .exec(),
    ),
    stockByDepot: new DataLoader<string, StockLineRecord[]>(async (depotIds) => {
      const rows = await store.stockLines
        .find({ depotId: { $in: depotIds.map((id) => new Types.ObjectId(id)) } })
        .sort({ item: 1, mode: 1 })
        .lean<StockLineRecord[]>()
        .exec();
      return depotIds.map((id) => rows.filter((r) => r.depotId.toHexString() === id));
    }),
  };
}

import DataLoader from 'dataloader';
import type { Principal } from '../../common/src/auth';
import type { ShardMeta } from '../../common/src/shardMeta';
import type { TravelModel } from '../../common/src/geo';
import type { JurisdictionEntry, NetworkDirectory } from '../../common/src/network';
import type { DepotRecord } from './models/Depot';
import type { ExpertRecord } from './models/Expert';
import { findRecordsByIds, stockLinesOfDepots, type RecordIn } from './models/registryRecords';
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
  expert: DataLoader<string, ExpertRecord | null>;
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

function byIds<K extends 'teams' | 'socialForces' | 'depots' | 'experts'>(store: RegistryStore, collection: K) {
  return new DataLoader<string, RecordIn<K> | null>(async (ids) => {
    const rows = await findRecordsByIds(store, collection, ids);
    const map = new Map(rows.map((r) => [r._id.toHexString(), r]));
    return ids.map((id) => map.get(id) ?? null);
  });
}

/** @returns fresh loaders for one request, keyed by local (hex) ids. */
export function createLoaders(store: RegistryStore): RegistryLoaders {
  return {
    team: byIds(store, 'teams'),
    socialForce: byIds(store, 'socialForces'),
    depot: byIds(store, 'depots'),
    expert: byIds(store, 'experts'),
    stockByDepot: new DataLoader<string, StockLineRecord[]>(async (depotIds) => {
      const rows = await stockLinesOfDepots(store, depotIds);
      return depotIds.map((id) => rows.filter((r) => r.depotId.toHexString() === id));
    }),
  };
}

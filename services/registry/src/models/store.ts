import type { Connection } from 'mongoose';
import { connectServiceDatabase, ensureCollections } from '../../../common/src/store/serviceDatabase';
import { depotModel, type DepotModel } from './Depot';
import { dutyShiftModel, type DutyShiftModel } from './DutyShift';
import { expertModel, type ExpertModel } from './Expert';
import { CollectionSnapshot } from './collectionSnapshot';
import type { DepotRecord } from './Depot';
import { KeyedLock } from '../../../common/src/store/keyedLock';
import type { SocialForceRecord } from './SocialForce';
import type { StockLineRecord } from './StockLine';
import type { TeamRecord } from './Team';
import { profileModel, type ProfileModel } from './Profile';
import { socialForceModel, type SocialForceModel } from './SocialForce';
import { stockLineModel, type StockLineModel } from './StockLine';
import { teamModel, type TeamModel } from './Team';

/** The database of one jurisdiction node: its models and the per-document write lock. */
export interface RegistryStore {
  conn: Connection;
  teams: TeamModel;
  socialForces: SocialForceModel;
  depots: DepotModel;
  stockLines: StockLineModel;
  experts: ExpertModel;
  dutyShifts: DutyShiftModel;
  profile: ProfileModel;
  writeLock: KeyedLock;
  /** In-memory copies of the collections that searches read whole (see CollectionSnapshot). */
  snapshots: {
    teams: CollectionSnapshot<TeamRecord>;
    socialForces: CollectionSnapshot<SocialForceRecord>;
    stockLines: CollectionSnapshot<StockLineRecord>;
    depots: CollectionSnapshot<DepotRecord>;
  };
  /** @returns true when the database answers a ping. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** `aidnet_<code with . → _>` (DESIGN.md section 1). */
export function databaseNameFor(jurisdiction: string): string {
  return `aidnet_${jurisdiction.replace(/\./g, '_')}`;
}

/**
 * How long the in-memory copy of a collection may be served without a reload. Only the owning
 * node writes its records, and each of its writes refreshes the copy at once; the bound is for
 * writers outside the contract. A reload reads the whole collection (on the embedded FerretDB
 * ~40 ms of its CPU for 100 teams), so with 24 nodes on one machine a 5 s bound cost ~9% of two
 * cores while they served searches.
 */
export const DEFAULT_SNAPSHOT_MAX_AGE_MS = 30_000;

/**
 * Opens the node's own database and creates its collections and indexes explicitly
 * (autoIndex is off: FerretDB rejects some index options, and start-up should fail loudly).
 */
export async function openRegistryStore(
  mongoUrl: string,
  dbName: string,
  snapshotMaxAgeMs = DEFAULT_SNAPSHOT_MAX_AGE_MS,
): Promise<RegistryStore> {
  const db = await connectServiceDatabase(mongoUrl, dbName);
  const conn = db.conn;
  const models = {
    teams: teamModel(conn),
    socialForces: socialForceModel(conn),
    depots: depotModel(conn),
    stockLines: stockLineModel(conn),
    experts: expertModel(conn),
    dutyShifts: dutyShiftModel(conn),
    profile: profileModel(conn),
  };
  await ensureCollections(Object.values(models));
  return {
    conn,
    ...models,
    writeLock: new KeyedLock(),
    snapshots: {
      teams: new CollectionSnapshot(models.teams, snapshotMaxAgeMs),
      socialForces: new CollectionSnapshot(models.socialForces, snapshotMaxAgeMs),
      stockLines: new CollectionSnapshot(models.stockLines, snapshotMaxAgeMs),
      depots: new CollectionSnapshot(models.depots, snapshotMaxAgeMs),
    },
    ping: db.ping,
    close: db.close,
  };
}

import type { Model, QueryFilter } from 'mongoose';
import { objectIdOf } from '../../../common/src/store/objectIds';
import { updateVersioned, type WriteDecision } from '../../../common/src/store/versionedUpdate';
import type { DepotRecord } from './Depot';
import type { DutyShiftRecord } from './DutyShift';
import type { ExpertRecord } from './Expert';
import type { DutyRegime, ProfileRecord } from './Profile';
import type { SocialForceRecord } from './SocialForce';
import type { StockLineRecord, StockMode } from './StockLine';
import type { RegistryStore } from './store';
import type { TeamRecord } from './Team';

/**
 * Every read and write of a node's records that is not a snapshot search: commands and queries call
 * these with the store they were given, and never touch a model (ARCHITECTURE.md §2). Ids are the
 * 24-hex local parts the id helpers checked (routing.ts `ownLocalId`).
 */

/** The node's versioned collections by name, with the record each holds. */
interface VersionedCollections {
  teams: TeamRecord;
  socialForces: SocialForceRecord;
  depots: DepotRecord;
  stockLines: StockLineRecord;
  experts: ExpertRecord;
  dutyShifts: DutyShiftRecord;
}
type RecordCollection = keyof VersionedCollections;
/** The record a collection holds. */
export type RecordIn<K extends RecordCollection> = VersionedCollections[K];

const WHAT: Record<RecordCollection, string> = {
  teams: 'team',
  socialForces: 'social force',
  depots: 'depot',
  stockLines: 'stock line',
  experts: 'expert',
  dutyShifts: 'duty shift',
};

/** The collection's model, typed by its record (the store's fields are one Model<T> each). */
function modelOf<K extends RecordCollection>(store: RegistryStore, collection: K) {
  return store[collection] as unknown as Model<VersionedCollections[K]>;
}

/** Inserts a new record. @returns it as stored. @throws the driver's duplicate-key error (code 11000). */
export async function insertRecord<K extends RecordCollection>(
  store: RegistryStore,
  collection: K,
  doc: Omit<VersionedCollections[K], '_id'>,
): Promise<VersionedCollections[K]> {
  // The generic record type defeats mongoose's create() overloads; the schema validates the fields.
  const created = await (store[collection] as unknown as Model<object>).create(doc);
  return created.toObject() as unknown as VersionedCollections[K];
}

/** Read-decide-write of one record on its version (see versionedUpdate.ts). */
export function updateRecord<K extends RecordCollection>(
  store: RegistryStore,
  collection: K,
  localId: string,
  decide: (current: VersionedCollections[K]) => WriteDecision<VersionedCollections[K]>,
): Promise<VersionedCollections[K]> {
  return updateVersioned(modelOf(store, collection), store.writeLock, objectIdOf(localId), WHAT[collection], decide);
}

/** @returns the records with these local ids, in no particular order (one query). */
export function findRecordsByIds<K extends RecordCollection>(
  store: RegistryStore,
  collection: K,
  localIds: readonly string[],
): Promise<VersionedCollections[K][]> {
  const filter = { _id: { $in: localIds.map(objectIdOf) } } as QueryFilter<VersionedCollections[K]>;
  return modelOf(store, collection).find(filter).lean<VersionedCollections[K][]>().exec();
}

/** @returns the stock lines of these depots, by item then mode (one query). */
export function stockLinesOfDepots(store: RegistryStore, depotIds: readonly string[]): Promise<StockLineRecord[]> {
  return store.stockLines
    .find({ depotId: { $in: depotIds.map(objectIdOf) } })
    .sort({ item: 1, mode: 1 })
    .lean<StockLineRecord[]>()
    .exec();
}

/** @returns the depot's line of `item` held in `mode`, or null. */
export function findStockLine(
  store: RegistryStore,
  depotId: string,
  item: string,
  mode: StockMode,
): Promise<StockLineRecord | null> {
  return store.stockLines
    .findOne({ depotId: objectIdOf(depotId), item, mode })
    .lean<StockLineRecord>()
    .exec();
}

/** The fields of a new stock line; `depotId` is the depot's local id. */
type NewStockLine = Omit<StockLineRecord, '_id' | 'depotId'> & { depotId: string };

/** Inserts a stock line. @throws the driver's duplicate-key error when the depot already holds it. */
export function insertStockLine(store: RegistryStore, line: NewStockLine): Promise<StockLineRecord> {
  return insertRecord(store, 'stockLines', { ...line, depotId: objectIdOf(line.depotId) });
}

/** @returns the experts with any of `specialties` (all when absent), optionally only available ones. */
export function findExpertsMatching(
  store: RegistryStore,
  filter: { specialties?: readonly string[] | null; availableOnly?: boolean | null },
): Promise<ExpertRecord[]> {
  const query: QueryFilter<ExpertRecord> = {};
  if (filter.specialties) query.specialties = { $in: [...filter.specialties] };
  if (filter.availableOnly) query.available = true;
  return store.experts.find(query).lean<ExpertRecord[]>().exec();
}

/** @returns the shifts covering the instant `at`. */
export function shiftsCovering(store: RegistryStore, at: Date): Promise<DutyShiftRecord[]> {
  return store.dutyShifts
    .find({ startsAt: { $lte: at }, endsAt: { $gt: at } })
    .lean<DutyShiftRecord[]>()
    .exec();
}

/** @returns the shifts overlapping [from, to). */
export function shiftsOverlapping(store: RegistryStore, from: Date, to: Date): Promise<DutyShiftRecord[]> {
  return store.dutyShifts
    .find({ startsAt: { $lt: to }, endsAt: { $gt: from } })
    .lean<DutyShiftRecord[]>()
    .exec();
}

/** @returns the regime the node's profile records, or null before anyone set one. */
export async function storedDutyRegime(store: RegistryStore, jurisdiction: string): Promise<DutyRegime | null> {
  const profile = await store.profile.findById(jurisdiction).lean<ProfileRecord>().exec();
  return profile?.dutyRegime ?? null;
}

/** Records the regime in the node's profile (one document per node, created on first use). */
export async function saveDutyRegime(
  store: RegistryStore,
  jurisdiction: string,
  regime: DutyRegime,
  by: string,
): Promise<void> {
  await store.profile
    .updateOne(
      { _id: jurisdiction },
      { $set: { dutyRegime: regime, updatedAt: new Date(), updatedBy: by } },
      { upsert: true },
    )
    .exec();
}

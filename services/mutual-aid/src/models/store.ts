import type { Connection } from 'mongoose';
import { DocumentLease } from '../../../common/src/store/documentLease';
import { connectServiceDatabase, ensureCollections } from '../../../common/src/store/serviceDatabase';
import { counterModel, requestModel, type CounterModel, type RequestModel } from './Request';

/** The mutual-aid database: requests, request-number counters and the cross-process lease. */
export interface MutualAidStore {
  conn: Connection;
  requests: RequestModel;
  counters: CounterModel;
  lease: DocumentLease;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export const DEFAULT_DATABASE = 'aidnet_mutual_aid';

export async function openMutualAidStore(mongoUrl: string, dbName: string = DEFAULT_DATABASE): Promise<MutualAidStore> {
  const db = await connectServiceDatabase(mongoUrl, dbName);
  const requests = requestModel(db.conn);
  const counters = counterModel(db.conn);
  await ensureCollections([requests, counters]);
  return { ...db, requests, counters, lease: await DocumentLease.open(db.conn) };
}

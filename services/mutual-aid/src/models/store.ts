import mongoose, { type Connection } from 'mongoose';
import { DocumentLease } from '../../../common/src/store/documentLease';
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
  const conn = mongoose.createConnection(mongoUrl, { dbName, autoIndex: false, autoCreate: false, serverSelectionTimeoutMS: 5000 });
  await conn.asPromise();
  const requests = requestModel(conn);
  const counters = counterModel(conn);
  for (const model of [requests, counters] as const) {
    await (model as mongoose.Model<unknown>).createCollection().catch((e: { codeName?: string }) => {
      if (e.codeName !== 'NamespaceExists') throw e;
    });
    await (model as mongoose.Model<unknown>).createIndexes();
  }
  return {
    conn,
    requests,
    counters,
    lease: await DocumentLease.open(conn),
    async ping() {
      try {
        await conn.db!.admin().ping();
        return true;
      } catch {
        return false;
      }
    },
    close: () => conn.close(),
  };
}

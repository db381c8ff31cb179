import mongoose, { type Connection, type Model } from 'mongoose';

/**
 * A service's own database: one connection, its collections and indexes created explicitly at
 * start-up (autoIndex is off: FerretDB rejects some index options, and start-up should fail
 * loudly), a readiness ping and a close.
 */
export interface ServiceDatabase {
  conn: Connection;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export async function connectServiceDatabase(mongoUrl: string, dbName: string): Promise<ServiceDatabase> {
  const conn = mongoose.createConnection(mongoUrl, {
    dbName,
    autoIndex: false,
    autoCreate: false,
    serverSelectionTimeoutMS: 5000,
  });
  await conn.asPromise();
  return {
    conn,
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

/** Creates each model's collection (if missing) and its declared indexes. */
export async function ensureCollections(models: readonly Model<any>[]): Promise<void> {
  for (const model of models) {
    await model.createCollection().catch((e: { codeName?: string }) => {
      if (e.codeName !== 'NamespaceExists') throw e;
    });
    await model.createIndexes();
  }
}

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

/**
 * A readiness probe must answer within its own timeout: while the server is unreachable the
 * driver would wait serverSelectionTimeoutMS (5 s) before failing the ping.
 */
export const PING_TIMEOUT_MS = 1000;

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
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS);
      });
      const ping = Promise.resolve()
        .then(() => conn.db!.admin().ping())
        .then(
          () => true,
          () => false,
        );
      return Promise.race([ping, timeout]).finally(() => clearTimeout(timer));
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

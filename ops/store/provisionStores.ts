import path from 'node:path';
import IORedis from 'ioredis';
import { REPO_ROOT } from '../../services/common/src/paths';
import { startFerretDb } from './ferretdb';

/**
 * The stores every entry point needs (npm start, npm test, .ci/run): MongoDB at MONGODB_URL when
 * set, otherwise the project's embedded FerretDB; Redis at REDIS_URL (default 127.0.0.1:6379).
 */
export interface ProvisionedStores {
  mongoUrl: string;
  redisUrl: string;
  /** True when FerretDB was started here (and is stopped by `stop`). */
  embedded: boolean;
  stop(): Promise<void>;
}

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** @throws with instructions when Redis does not answer. */
export async function checkRedis(url: string): Promise<void> {
  const client = new IORedis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 2000,
    retryStrategy: () => null,
  });
  try {
    await client.connect();
    await client.ping();
  } catch (e) {
    throw new Error(
      `Redis does not answer at ${url} (${(e as Error).message}).\n` +
        'Start one on this machine with:  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no\n' +
        '(install it with: apt-get install redis-server), or set REDIS_URL to a running Redis.',
    );
  } finally {
    client.disconnect();
  }
}

/**
 * @param dataDir where embedded FerretDB keeps its SQLite files (git-ignored `.data/…`).
 */
export async function provisionStores(options: {
  dataDir: string;
  env?: NodeJS.ProcessEnv;
  log?: (l: string) => void;
}): Promise<ProvisionedStores> {
  const env = options.env ?? process.env;
  const redisUrl = env.REDIS_URL ?? DEFAULT_REDIS_URL;
  await checkRedis(redisUrl);
  if (env.MONGODB_URL) {
    return { mongoUrl: env.MONGODB_URL, redisUrl, embedded: false, stop: async () => undefined };
  }
  const ferret = await startFerretDb(path.resolve(REPO_ROOT, options.dataDir), options.log);
  return { mongoUrl: ferret.url, redisUrl, embedded: true, stop: () => ferret.stop() };
}

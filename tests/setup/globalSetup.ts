import { rmSync } from 'node:fs';
import path from 'node:path';
import { ensureDevKeys, keyFilesIn } from '../../services/common/src/devKeys';
import { REPO_ROOT } from '../../services/common/src/paths';
import { provisionStores, type ProvisionedStores } from '../../ops/store/provisionStores';

/**
 * Brings up what the suite needs, once: development keys, FerretDB (or MONGODB_URL) in a fresh
 * data folder, and a check that Redis answers. Workers inherit the URLs through the environment.
 */
export default async function globalSetup(): Promise<void> {
  // The integration and e2e projects both name this setup: provision once per run.
  if ((globalThis as { __aidnetStores?: ProvisionedStores }).__aidnetStores) return;
  ensureDevKeys(keyFilesIn(path.join(REPO_ROOT, '.secrets')));
  const dataDir = path.join(REPO_ROOT, '.data/test', `ferretdb-${process.pid}`);
  rmSync(dataDir, { recursive: true, force: true });
  const stores = await provisionStores({ dataDir });
  process.env.AIDNET_TEST_MONGODB_URL = stores.mongoUrl;
  process.env.REDIS_URL = stores.redisUrl;
  (globalThis as { __aidnetStores?: ProvisionedStores; __aidnetDataDir?: string }).__aidnetStores = stores;
  (globalThis as { __aidnetDataDir?: string }).__aidnetDataDir = dataDir;
}

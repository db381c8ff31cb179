import { rmSync } from 'node:fs';
import type { ProvisionedStores } from '../../ops/store/provisionStores';

/** Stops what globalSetup started; the integration and e2e projects both name it, so it runs once. */
export default async function globalTeardown(): Promise<void> {
  const g = globalThis as { __aidnetStores?: ProvisionedStores; __aidnetDataDir?: string };
  const stores = g.__aidnetStores;
  const dataDir = g.__aidnetDataDir;
  delete g.__aidnetStores;
  delete g.__aidnetDataDir;
  await stores?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}

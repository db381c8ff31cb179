import { rmSync } from 'node:fs';
import type { ProvisionedStores } from '../../ops/store/provisionStores';

export default async function globalTeardown(): Promise<void> {
  const g = globalThis as { __aidnetStores?: ProvisionedStores; __aidnetDataDir?: string };
  await g.__aidnetStores?.stop();
  if (g.__aidnetDataDir) rmSync(g.__aidnetDataDir, { recursive: true, force: true });
}

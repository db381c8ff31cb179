import { statSync } from 'node:fs';
import { ensureFerretDbLauncher } from '../../../ops/store/ferretdb';

// globalSetup has already built (or found) the launcher: asking again must reuse it, not rebuild.
test('a second provisioning reuses the built FerretDB launcher', async () => {
  const log: string[] = [];
  const bin = await ensureFerretDbLauncher((l) => log.push(l));
  const before = statSync(bin).mtimeMs;
  const started = Date.now();
  const again = await ensureFerretDbLauncher((l) => log.push(l));
  expect(again).toBe(bin);
  expect(statSync(bin).mtimeMs).toBe(before);
  expect(log.filter((l) => l.includes('Building'))).toEqual([]);
  expect(Date.now() - started).toBeLessThan(1000);
});

import path from 'node:path';
import { ensureDevKeys, keyFilesIn } from '../../services/common/src/devKeys';
import { loadNetwork } from '../../services/common/src/network';
import { REPO_ROOT } from '../../services/common/src/paths';
import { provisionStores } from '../store/provisionStores';
import { spawnService, stopServices, waitReady, type ServiceProcess } from './nodeProcesses';

/**
 * `npm start`: the whole network on this machine — stores, one registry node process per
 * jurisdiction in ops/network.json — until Ctrl-C, which stops everything cleanly.
 */
async function main(): Promise<void> {
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const log = (l: string) => process.stdout.write(`${l}\n`);
  ensureDevKeys(keyFilesIn(path.join(REPO_ROOT, '.secrets')));
  const stores = await provisionStores({ dataDir: '.data/ferretdb', log });
  log(`Stores: MongoDB wire at ${stores.mongoUrl}${stores.embedded ? ' (embedded FerretDB, data in .data/ferretdb)' : ''}; Redis at ${stores.redisUrl}`);

  const network = loadNetwork();
  const gatewayPort = Number(process.env.PORT ?? 4000);
  const services: ServiceProcess[] = [];
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log('Stopping the network…');
    await stopServices(services);
    await stores.stop();
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));

  try {
    for (const entry of network.nodes()) {
      const url = entry.node?.url as string;
      services.push(
        spawnService(`registry ${entry.code}`, 'services/registry/src/main.ts', { JURISDICTION: entry.code, PORT: new URL(url).port, MONGODB_URL: stores.mongoUrl, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' }, url),
      );
    }
    await Promise.all(services.map((s) => waitReady(s, 120_000)));
    const gateway = spawnService('gateway', 'gateway/src/main.ts', { PORT: String(gatewayPort), LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' }, `http://127.0.0.1:${gatewayPort}/graphql`);
    services.push(gateway);
    await waitReady(gateway, 60_000);
  } catch (e) {
    process.stderr.write(`Start failed: ${(e as Error).message}\n`);
    await stop(1);
    return;
  }
  log(`\n${services.length - 1} registry nodes and the gateway are up:`);
  for (const s of services) log(`  ${s.name.padEnd(30)} ${s.url}`);
  log(`\nGateway: http://127.0.0.1:${gatewayPort}/graphql`);
  log('A token:  npm run -s token -- --jurisdiction wujin --role commander');
  log('Press Ctrl-C to stop.');
}

void main();

import { randomBytes } from 'node:crypto';
import { DEFAULT_TRAVEL_MODEL } from '../../services/common/src/geo';
import { createLogger } from '../../services/common/src/logger';
import { loadNetwork, type NetworkDirectory } from '../../services/common/src/network';
import { startRegistryNode, type RegistryNode } from '../../services/registry/src/registryNode';
import { AUDIENCE, ISSUER, publicKeys } from './tokens';

/** Starts real registry nodes in the test process, each on its own port and database. */
let network: NetworkDirectory | undefined;

export function testNetwork(): NetworkDirectory {
  network ??= loadNetwork();
  return network;
}

export function testMongoUrl(): string {
  const url = process.env.AIDNET_TEST_MONGODB_URL;
  if (!url) throw new Error('AIDNET_TEST_MONGODB_URL is unset: run the tests through npm test (jest globalSetup)');
  return url;
}

export async function startTestNode(jurisdiction: string): Promise<RegistryNode> {
  const tag = randomBytes(4).toString('hex');
  return startRegistryNode({
    jurisdiction,
    mongoUrl: testMongoUrl(),
    databaseName: `aidnet_t${tag}_${jurisdiction.replace(/\./g, '_')}`,
    host: '127.0.0.1',
    port: 0,
    network: testNetwork(),
    publicKeys: publicKeys(),
    audience: AUDIENCE,
    issuer: ISSUER,
    travel: DEFAULT_TRAVEL_MODEL,
    bodyLimit: '256kb',
    logger: createLogger('registry-test', process.env.TEST_LOG_LEVEL ?? 'silent'),
  });
}

/** Drops the node's test database and stops it. */
export async function stopTestNode(node: RegistryNode): Promise<void> {
  await node.store.conn.dropDatabase().catch(() => undefined);
  await node.stop();
}

import { runMain, stopOnSignals } from '../../common/src/processLifecycle';
import { readPublicKeys } from '../../common/src/devKeys';
import { metricsPortFor, tokenLifetimeLimits } from '../../common/src/env';
import { createLogger } from '../../common/src/logger';
import { loadNetwork } from '../../common/src/network';
import { startTracing, tracingFromEnv } from '../../common/src/tracing/tracing';
import { readRegistryEnv } from './env';
import { startRegistryNode } from './registryNode';

/** Entry point of one registry node process. */
async function main(): Promise<void> {
  const env = readRegistryEnv();
  const tracing = startTracing({
    service: 'registry',
    attributes: { 'aidnet.jurisdiction': env.JURISDICTION },
    ...tracingFromEnv(env),
  });
  const logger = createLogger('registry', env.LOG_LEVEL);
  const network = loadNetwork(env.NETWORK_FILE);
  const entry = network.get(env.JURISDICTION);
  if (!entry?.node) {
    logger.fatal('JURISDICTION %s has no node in %s', env.JURISDICTION, env.NETWORK_FILE);
    process.exit(1);
  }
  const port = env.PORT ?? Number(new URL(entry.node.url).port);
  const node = await startRegistryNode({
    jurisdiction: env.JURISDICTION,
    mongoUrl: env.MONGODB_URL,
    host: env.HOST,
    port,
    network,
    publicKeys: readPublicKeys(env.AUTH_PUBLIC_KEYS_FILE),
    audience: env.AUTH_AUDIENCE,
    issuer: env.AUTH_ISSUER,
    tokenLifetimes: tokenLifetimeLimits(env),
    travel: { roadFactor: env.ETA_ROAD_FACTOR, speedKmh: env.ETA_SPEED_KMH },
    bodyLimit: env.BODY_LIMIT,
    snapshotMaxAgeMs: env.SNAPSHOT_MAX_AGE_MS,
    logger,
    monitoring: {
      host: env.METRICS_HOST,
      port: metricsPortFor(env.METRICS_PORT, port),
      optional: env.METRICS_PORT === undefined,
    },
  });
  stopOnSignals(() => node.stop().then(tracing.shutdown), logger);
}

runMain('registry', main);

// The gateway phones home unless this is set before @apollo/gateway builds it (TECH-NOTES §4).
process.env.APOLLO_TELEMETRY_DISABLED = 'true';

import { readPublicKeys } from '../../services/common/src/devKeys';
import { metricsPortFor, tokenLifetimeLimits } from '../../services/common/src/env';
import { createLogger } from '../../services/common/src/logger';
import { loadNetwork } from '../../services/common/src/network';
import { startTracing, tracingFromEnv } from '../../services/common/src/tracing/tracing';
import { readGatewayEnv } from './env';
import { startGateway } from './gatewayServer';

/** Entry point of the gateway process. */
async function main(): Promise<void> {
  const env = readGatewayEnv();
  const tracing = startTracing({ service: 'gateway', ...tracingFromEnv(env) });
  const logger = createLogger('gateway', env.LOG_LEVEL);
  const subgraphs = env.SUBGRAPHS.split(',')
    .filter(Boolean)
    .map((pair) => {
      const [name, url] = pair.split('=') as [string, string];
      return { name, url, file: `schema/${name}.graphql` };
    });
  const gateway = await startGateway({
    host: env.HOST,
    port: env.PORT,
    network: loadNetwork(env.NETWORK_FILE),
    subgraphs,
    publicKeys: readPublicKeys(env.AUTH_PUBLIC_KEYS_FILE),
    audience: env.AUTH_AUDIENCE,
    issuer: env.AUTH_ISSUER,
    tokenLifetimes: tokenLifetimeLimits(env),
    nodeDeadlineMs: env.NODE_DEADLINE_MS,
    subgraphDeadlineMs: env.SUBGRAPH_DEADLINE_MS,
    breakerFailureThreshold: env.BREAKER_FAILURES,
    breakerOpenMs: env.BREAKER_OPEN_MS,
    probeIntervalMs: env.PROBE_INTERVAL_MS,
    limits: {
      maxDepth: env.MAX_QUERY_DEPTH,
      maxCost: env.MAX_QUERY_COST,
      maxRootFields: env.MAX_ROOT_FIELDS,
      maxAliases: env.MAX_ALIASES,
      rootFieldCost: env.ROOT_FIELD_COST,
    },
    bodyLimit: env.BODY_LIMIT,
    persistedQueries:
      env.APQ_CACHE_MAX_BYTES > 0 ? { maxBytes: env.APQ_CACHE_MAX_BYTES, ttlSeconds: env.APQ_TTL_SECONDS } : false,
    logger,
    monitoring: {
      host: env.METRICS_HOST,
      port: metricsPortFor(env.METRICS_PORT, env.PORT),
      optional: env.METRICS_PORT === undefined,
    },
  });
  const shutdown = () => {
    gateway
      .stop()
      .then(tracing.shutdown)
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  process.stderr.write(`gateway: failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});

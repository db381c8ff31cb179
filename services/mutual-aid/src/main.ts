import { runMain, stopOnSignals } from '../../common/src/processLifecycle';
import { readPublicKeys, readSigningKey } from '../../common/src/devKeys';
import { metricsPortFor, tokenLifetimeLimits } from '../../common/src/env';
import { createLogger } from '../../common/src/logger';
import { loadNetwork } from '../../common/src/network';
import { startTracing, tracingFromEnv } from '../../common/src/tracing/tracing';
import { readMutualAidEnv } from './env';
import { startMutualAid, type MutualAidConfig } from './mutualAidService';

/**
 * Entry point of a mutual-aid process. `MUTUAL_AID_ROLE` = api (the subgraph), worker (timers,
 * retries, webhooks, sweeper, reconciler; see worker.ts) or all (both in one process).
 */
export async function runMutualAid(role: 'api' | 'worker' | 'all'): Promise<void> {
  const env = readMutualAidEnv();
  const tracing = startTracing({ service: `mutual-aid-${role}`, ...tracingFromEnv(env) });
  const logger = createLogger(`mutual-aid-${role}`, env.LOG_LEVEL);
  const config: MutualAidConfig = {
    mongoUrl: env.MONGODB_URL,
    databaseName: env.MUTUAL_AID_DATABASE,
    redisUrl: env.REDIS_URL,
    queuePrefix: env.QUEUE_PREFIX,
    host: env.HOST,
    port: env.PORT,
    network: loadNetwork(env.NETWORK_FILE),
    publicKeys: readPublicKeys(env.AUTH_PUBLIC_KEYS_FILE),
    audience: env.AUTH_AUDIENCE,
    issuer: env.AUTH_ISSUER,
    tokenLifetimes: tokenLifetimeLimits(env),
    serviceKey: readSigningKey(env.SERVICE_SIGNING_KEY_FILE),
    gatewayUrl: env.GATEWAY_URL,
    nodeDeadlineMs: env.NODE_DEADLINE_MS,
    settings: {
      defaultWindowMs: env.DEFAULT_RESPONSE_WINDOW_MINUTES * 60_000,
      maxRings: env.MAX_ESCALATION_RINGS,
      sagaRetryBaseMs: env.SAGA_RETRY_BASE_MS,
      sagaRetryMaxMs: env.SAGA_RETRY_MAX_MS,
    },
    travel: { roadFactor: env.ETA_ROAD_FACTOR, speedKmh: env.ETA_SPEED_KMH },
    bodyLimit: env.BODY_LIMIT,
    sweepIntervalMs: env.SWEEP_INTERVAL_MS,
    reconcileIntervalMs: env.RECONCILE_INTERVAL_MS,
    reconcileGraceMs: env.RECONCILE_GRACE_MS,
    logger,
    roles: { api: role !== 'worker', worker: role !== 'api' },
    // A worker's health port sits beside its API's (5200 → 5201).
    monitoring: {
      host: env.METRICS_HOST,
      port: metricsPortFor(env.METRICS_PORT, env.PORT, role === 'worker' ? 1001 : 1000),
      optional: env.METRICS_PORT === undefined,
    },
  };
  const service = await startMutualAid(config);
  stopOnSignals(() => service.stop().then(tracing.shutdown), logger);
}

if (require.main === module) {
  const role = (process.env.MUTUAL_AID_ROLE ?? 'api') as 'api' | 'worker' | 'all';
  runMain('mutual-aid', () => runMutualAid(role));
}

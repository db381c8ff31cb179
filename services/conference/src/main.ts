import { runMain, stopOnSignals } from '../../common/src/processLifecycle';
import { readPublicKeys } from '../../common/src/devKeys';
import { metricsPortFor, tokenLifetimeLimits } from '../../common/src/env';
import { createLogger } from '../../common/src/logger';
import { loadNetwork } from '../../common/src/network';
import { startTracing, tracingFromEnv } from '../../common/src/tracing/tracing';
import { readConferenceEnv } from './env';
import { startConference } from './conferenceService';

/** Entry point of a conference process. `CONFERENCE_ROLE` = api, worker (see worker.ts) or all. */
export async function runConference(role: 'api' | 'worker' | 'all'): Promise<void> {
  const env = readConferenceEnv();
  const tracing = startTracing({ service: `conference-${role}`, ...tracingFromEnv(env) });
  const logger = createLogger(`conference-${role}`, env.LOG_LEVEL);
  const service = await startConference({
    mongoUrl: env.MONGODB_URL,
    databaseName: env.CONFERENCE_DATABASE,
    redisUrl: env.REDIS_URL,
    queuePrefix: env.QUEUE_PREFIX,
    host: env.HOST,
    port: env.PORT,
    publicBaseUrl: env.PUBLIC_BASE_URL,
    network: loadNetwork(env.NETWORK_FILE),
    publicKeys: readPublicKeys(env.AUTH_PUBLIC_KEYS_FILE),
    audience: env.AUTH_AUDIENCE,
    issuer: env.AUTH_ISSUER,
    tokenLifetimes: tokenLifetimeLimits(env),
    reminders: {
      beforeDueMs: env.REMIND_BEFORE_DUE_HOURS * 3600_000,
      overdueEveryMs: env.REMIND_OVERDUE_EVERY_HOURS * 3600_000,
    },
    sweepIntervalMs: env.SWEEP_INTERVAL_MS,
    bodyLimit: env.BODY_LIMIT,
    logger,
    roles: { api: role !== 'worker', worker: role !== 'api' },
    // A worker's health port sits beside its API's (5300 → 5301).
    monitoring: {
      host: env.METRICS_HOST,
      port: metricsPortFor(env.METRICS_PORT, env.PORT, role === 'worker' ? 1001 : 1000),
      optional: env.METRICS_PORT === undefined,
    },
  });
  stopOnSignals(() => service.stop().then(tracing.shutdown), logger);
}

if (require.main === module) {
  const role = (process.env.CONFERENCE_ROLE ?? 'api') as 'api' | 'worker' | 'all';
  runMain('conference', () => runConference(role));
}

import {
  DEFAULT_TOKEN_LIFETIME_LIMITS,
  TokenVerifier,
  type SigningKey,
  type TokenLifetimeLimits,
} from '../../common/src/auth';
import type { TravelModel } from '../../common/src/geo';
import { Coverage, coveragePlugin } from '../../common/src/coverage';
import { startGraphQLService } from '../../common/src/graphqlService';
import type { Logger } from '../../common/src/logger';
import {
  startMonitoringServer,
  type MonitoringAddress,
  type RunningMonitoringServer,
} from '../../common/src/metrics/monitoringServer';
import { operationMetricsPlugin } from '../../common/src/metrics/operationMetricsPlugin';
import type { NetworkDirectory } from '../../common/src/network';
import { NotificationCenter } from '../../common/src/notifications';
import { ServiceToken } from '../../common/src/serviceToken';
import type { MutualAidDeps, MutualAidSettings } from './commands/deps';
import { escalate } from './commands/escalate';
import { noticePreemption } from './commands/preemption';
import type { MutualAidContext } from './context';
import { parseRequestId } from './domain/requestIds';
import { MutualAidJobs } from './jobs/mutualAidJobs';
import { openMutualAidStore } from './models/store';
import { MutualAidMetrics } from './mutualAidMetrics';
import { Reconciler } from './saga/reconciler';
import { RegistryNodes } from './saga/registryNodes';
import { SagaRunner } from './saga/sagaRunner';
import { Sweeper } from './saga/sweeper';
import { buildMutualAidSchema } from './schema';

/** Everything the service needs; `main.ts`/`worker.ts` build it from the environment, tests directly. */
export interface MutualAidConfig {
  mongoUrl: string;
  databaseName: string;
  redisUrl: string;
  queuePrefix: string;
  host: string;
  port: number;
  network: NetworkDirectory;
  publicKeys: Record<string, string>;
  audience: string;
  issuer: string;
  /** Longest token lifetimes accepted, and the lifetime of the service token it mints; default DEFAULT_TOKEN_LIFETIME_LIMITS. */
  tokenLifetimes?: TokenLifetimeLimits;
  serviceKey: SigningKey;
  gatewayUrl: string;
  nodeDeadlineMs: number;
  settings: MutualAidSettings;
  travel: TravelModel;
  bodyLimit: string;
  sweepIntervalMs: number;
  reconcileIntervalMs: number;
  reconcileGraceMs: number;
  logger: Logger;
  /** The GraphQL API, the queue workers (timers, retries, webhooks, sweeper, reconciler), or both. */
  roles: { api: boolean; worker: boolean };
  /** Where /metrics, /healthz and /readyz are served (a worker's health port); unset: not served. */
  monitoring?: MonitoringAddress;
}

export interface MutualAidService {
  /** Set when the API runs. */
  url: string | null;
  deps: MutualAidDeps;
  notifications: NotificationCenter;
  sweeper: Sweeper;
  reconciler: Reconciler;
  metrics: MutualAidMetrics;
  monitoring: RunningMonitoringServer | null;
  /** The gateway URL can be set after start (tests start the gateway second). */
  setGatewayUrl(url: string): void;
  stop(): Promise<void>;
}

export async function startMutualAid(config: MutualAidConfig): Promise<MutualAidService> {
  const logger = config.logger;
  const lifetimeLimits = config.tokenLifetimes ?? DEFAULT_TOKEN_LIFETIME_LIMITS;
  const store = await openMutualAidStore(config.mongoUrl, config.databaseName);
  const notifications = await NotificationCenter.open({
    conn: store.conn,
    directory: config.network,
    redisUrl: config.redisUrl,
    queuePrefix: config.queuePrefix,
    queueName: 'mutual-aid-webhooks',
    logger,
    sweepIntervalMs: config.sweepIntervalMs,
  });
  const jobs = new MutualAidJobs({
    redisUrl: config.redisUrl,
    prefix: config.queuePrefix,
    logger,
    sagaRetryBaseMs: config.settings.sagaRetryBaseMs,
    sagaRetryMaxMs: config.settings.sagaRetryMaxMs,
  });
  if (!(await jobs.ready())) {
    logger.warn('Redis does not answer at %s; timers and retries wait in the database until it does', config.redisUrl);
  }
  const role =
    config.roles.api && config.roles.worker ? 'mutual-aid' : config.roles.api ? 'mutual-aid-api' : 'mutual-aid-worker';
  const metrics = new MutualAidMetrics(role, store, [...jobs.queues, notifications.deliveryQueue]);
  const serviceToken = new ServiceToken(
    { sub: 'mutual-aid', name: '跨区增援服务', jurisdiction: 'changzhou', roles: ['service'] },
    config.serviceKey,
    // As long as the nodes accept (they read the same setting); renewed at half its life.
    { audience: config.audience, issuer: config.issuer, lifetimeSeconds: lifetimeLimits.serviceSeconds },
  );
  const deps: MutualAidDeps = {
    store,
    directory: config.network,
    nodes: new RegistryNodes(config.network, () => serviceToken.get(), config.nodeDeadlineMs, metrics.observeNodeCall),
    notifier: notifications,
    jobs,
    settings: config.settings,
    logger,
    events: metrics,
    now: () => new Date(),
  };
  const saga = new SagaRunner(deps);
  saga.onPreempted = (drillId, resourceId, by) => noticePreemption(deps, drillId, resourceId, by);
  const sweeper = new Sweeper(deps, jobs, saga, config.sweepIntervalMs);
  const reconciler = new Reconciler(deps, config.reconcileIntervalMs, config.reconcileGraceMs);

  if (config.roles.worker) {
    jobs.startWorkers({
      saga: async (requestId) => {
        const parsed = parseRequestId(requestId);
        const result = parsed && (await saga.drive(parsed.objectId, { dueOnly: false }));
        if (result && result.remaining > 0) metrics.sagaRetried();
        return { remaining: result?.remaining ?? 0 };
      },
      escalate: async (requestId, ring) => {
        await escalate(deps, requestId, ring);
      },
    });
    await notifications.startDelivery();
    sweeper.start();
    reconciler.start();
  }

  let gatewayUrl = config.gatewayUrl;
  let api: Awaited<ReturnType<typeof startGraphQLService>> | null = null;
  if (config.roles.api) {
    const verifier = new TokenVerifier({
      publicKeys: config.publicKeys,
      audience: config.audience,
      issuer: config.issuer,
      directory: config.network,
      lifetimeLimits,
    });
    api = await startGraphQLService<MutualAidContext>({
      schema: buildMutualAidSchema(),
      logger,
      host: config.host,
      port: config.port,
      bodyLimit: config.bodyLimit,
      ready: () => store.ping(),
      context: async ({ req }) => ({
        principal: verifier.verifyHeader(req.headers.authorization),
        authorization: req.headers.authorization ?? '',
        deps,
        saga,
        notifications,
        gatewayUrl: () => gatewayUrl,
        travel: config.travel,
        coverage: new Coverage(),
      }),
      plugins: [coveragePlugin<MutualAidContext>(), operationMetricsPlugin<MutualAidContext>(metrics)],
    });
    logger.info({ url: api.url }, 'mutual-aid API ready');
  }
  const monitoring = config.monitoring
    ? await startMonitoringServer({
        ...config.monitoring,
        metrics,
        // A worker is alive while its queue workers run; the API while it answers at all.
        live: () => !config.roles.worker || jobs.workersRunning(),
        ready: async () => (await store.ping()) && (!config.roles.worker || (await jobs.ready(500))),
        logger,
      })
    : null;
  if (config.roles.worker) logger.info('mutual-aid worker ready');

  return {
    url: api?.url ?? null,
    deps,
    notifications,
    sweeper,
    reconciler,
    metrics,
    monitoring,
    setGatewayUrl: (url) => {
      gatewayUrl = url;
    },
    async stop() {
      await monitoring?.stop();
      await api?.stop();
      await Promise.all([sweeper.stop(), reconciler.stop()]);
      await jobs.close();
      await notifications.close();
      await store.close();
    },
  };
}

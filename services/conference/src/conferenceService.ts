import { TokenVerifier, type TokenLifetimeLimits } from '../../common/src/auth';
import { startGraphQLService, type RunningService } from '../../common/src/graphqlService';
import type { Logger } from '../../common/src/logger';
import {
  startMonitoringServer,
  type MonitoringAddress,
  type RunningMonitoringServer,
} from '../../common/src/metrics/monitoringServer';
import { operationMetricsPlugin } from '../../common/src/metrics/operationMetricsPlugin';
import type { NetworkDirectory } from '../../common/src/network';
import { NotificationCenter } from '../../common/src/notifications';
import type { ConferenceDeps } from './commands/deps';
import { ConferenceMetrics } from './conferenceMetrics';
import type { ConferenceContext } from './context';
import { createConferenceLoaders } from './queries/conferenceLoaders';
import { reportDownloadRoute } from './http/reportDownload';
import { openConferenceStore } from './models/store';
import { ReminderJobs } from './reminders/reminderJobs';
import type { ReminderSettings } from './reminders/reminderPlan';
import { runReminderJob, sweepReminders } from './reminders/reminderRunner';
import { buildConferenceSchema } from './schema';

/** Everything the service needs; `main.ts`/`worker.ts` build it from the environment, tests directly. */
export interface ConferenceConfig {
  mongoUrl: string;
  databaseName: string;
  redisUrl: string;
  queuePrefix: string;
  host: string;
  port: number;
  publicBaseUrl: string;
  network: NetworkDirectory;
  publicKeys: Record<string, string>;
  audience: string;
  issuer: string;
  /** Longest token lifetimes accepted; default DEFAULT_TOKEN_LIFETIME_LIMITS. */
  tokenLifetimes?: TokenLifetimeLimits;
  reminders: ReminderSettings;
  sweepIntervalMs: number;
  bodyLimit: string;
  logger: Logger;
  /** The clock; tests move it. */
  now?: () => Date;
  /** The GraphQL API (with report downloads), the reminder worker (with its sweeper), or both. */
  roles: { api: boolean; worker: boolean };
  /** Where /metrics, /healthz and /readyz are served (a worker's health port); unset: not served. */
  monitoring?: MonitoringAddress;
}

export interface ConferenceService {
  url: string | null;
  deps: ConferenceDeps;
  metrics: ConferenceMetrics;
  monitoring: RunningMonitoringServer | null;
  /** One pass of the reminder sweeper (the worker runs it on an interval). */
  sweep(): Promise<void>;
  stop(): Promise<void>;
}

export async function startConference(config: ConferenceConfig): Promise<ConferenceService> {
  const logger = config.logger;
  const store = await openConferenceStore(config.mongoUrl, config.databaseName);
  const notifications = await NotificationCenter.open({
    conn: store.conn,
    directory: config.network,
    redisUrl: config.redisUrl,
    queuePrefix: config.queuePrefix,
    queueName: 'conference-webhooks',
    logger,
  });
  const jobs = new ReminderJobs({ redisUrl: config.redisUrl, prefix: config.queuePrefix, logger });
  if (!(await jobs.ready())) {
    logger.warn('Redis does not answer at %s; reminders are sent by the sweeper until it does', config.redisUrl);
  }
  const role =
    config.roles.api && config.roles.worker ? 'conference' : config.roles.api ? 'conference-api' : 'conference-worker';
  const metrics = new ConferenceMetrics(role, [jobs.counted, notifications.deliveryQueue]);
  const deps: ConferenceDeps = {
    store,
    directory: config.network,
    notifications,
    reminders: jobs,
    reminderSettings: config.reminders,
    logger,
    events: metrics,
    now: config.now ?? (() => new Date()),
  };
  const sweep = () =>
    sweepReminders(deps, (actionId, key) => jobs.has(actionId, key)).catch((e: unknown) =>
      logger.error({ err: e }, 'reminder sweep failed'),
    );
  let timer: NodeJS.Timeout | null = null;
  if (config.roles.worker) {
    jobs.startWorker((actionId, key) => runReminderJob(deps, actionId, key));
    await notifications.startDelivery();
    timer = setInterval(() => void sweep(), config.sweepIntervalMs);
    timer.unref();
    void sweep();
    logger.info('conference worker ready');
  }
  let api: RunningService | null = null;
  if (config.roles.api) {
    const verifier = new TokenVerifier({
      publicKeys: config.publicKeys,
      audience: config.audience,
      issuer: config.issuer,
      directory: config.network,
      ...(config.tokenLifetimes ? { lifetimeLimits: config.tokenLifetimes } : {}),
    });
    api = await startGraphQLService<ConferenceContext>({
      schema: buildConferenceSchema(),
      logger,
      host: config.host,
      port: config.port,
      bodyLimit: config.bodyLimit,
      ready: () => store.ping(),
      routes: reportDownloadRoute(deps, verifier),
      context: async ({ req }) => ({
        principal: verifier.verifyHeader(req.headers.authorization),
        deps,
        loaders: createConferenceLoaders(deps.store),
        publicBaseUrl: config.publicBaseUrl,
      }),
      plugins: [operationMetricsPlugin<ConferenceContext>(metrics)],
    });
    logger.info({ url: api.url }, 'conference API ready');
  }
  const monitoring = config.monitoring
    ? await startMonitoringServer({
        ...config.monitoring,
        metrics,
        live: () => !config.roles.worker || jobs.workerRunning(),
        ready: async () => (await store.ping()) && (!config.roles.worker || (await jobs.ready(500))),
        logger,
      })
    : null;
  return {
    url: api?.url ?? null,
    deps,
    metrics,
    monitoring,
    sweep,
    async stop() {
      await monitoring?.stop();
      if (timer) clearInterval(timer);
      await api?.stop();
      await jobs.close();
      await notifications.close();
      await store.close();
    },
  };
}

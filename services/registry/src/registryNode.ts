import { TokenVerifier, type TokenLifetimeLimits } from '../../common/src/auth';
import type { TravelModel } from '../../common/src/geo';
import { startGraphQLService, type RunningService } from '../../common/src/graphqlService';
import type { Logger } from '../../common/src/logger';
import {
  startMonitoringServer,
  type MonitoringAddress,
  type RunningMonitoringServer,
} from '../../common/src/metrics/monitoringServer';
import { operationMetricsPlugin } from '../../common/src/metrics/operationMetricsPlugin';
import type { ServiceMetrics } from '../../common/src/metrics/ServiceMetrics';
import type { NetworkDirectory } from '../../common/src/network';
import { createLoaders, type NodeInfo, type RegistryContext } from './context';
import { databaseNameFor, openRegistryStore, type RegistryStore } from './models/store';
import { registryMetrics } from './registryMetrics';
import { buildRegistrySchema } from './schema';
import { shardMetaPlugin } from './shardMetaPlugin';

/** Everything a registry node needs; `main.ts` builds it from the environment, tests directly. */
export interface RegistryNodeConfig {
  jurisdiction: string;
  mongoUrl: string;
  host: string;
  port: number;
  network: NetworkDirectory;
  publicKeys: Record<string, string>;
  audience: string;
  issuer: string;
  /** Longest token lifetimes accepted; default DEFAULT_TOKEN_LIFETIME_LIMITS. */
  tokenLifetimes?: TokenLifetimeLimits;
  travel: TravelModel;
  bodyLimit: string;
  logger: Logger;
  /** Defaults to `aidnet_<code with . → _>`; tests give each node a database of its own. */
  databaseName?: string;
  /** See CollectionSnapshot; defaults to DEFAULT_SNAPSHOT_MAX_AGE_MS. */
  snapshotMaxAgeMs?: number;
  /** Where /metrics, /healthz and /readyz are served apart from clients; unset: not served. */
  monitoring?: MonitoringAddress;
}

export interface RegistryNode extends RunningService {
  jurisdiction: string;
  store: RegistryStore;
  metrics: ServiceMetrics;
  monitoring: RunningMonitoringServer | null;
}

/**
 * Starts one jurisdiction's node: its own database, the registry subgraph, JWT verification on
 * every request, `/healthz` and `/readyz`.
 * @throws when the jurisdiction is not in the network directory or the database does not answer.
 */
export async function startRegistryNode(config: RegistryNodeConfig): Promise<RegistryNode> {
  const entry = config.network.get(config.jurisdiction);
  if (!entry) throw new Error(`JURISDICTION ${config.jurisdiction} is not in the network directory`);
  const logger = config.logger.child({ jurisdiction: config.jurisdiction });
  const store = await openRegistryStore(
    config.mongoUrl,
    config.databaseName ?? databaseNameFor(config.jurisdiction),
    config.snapshotMaxAgeMs,
  );
  const node: NodeInfo = { jurisdiction: entry, network: config.network, travel: config.travel };
  const verifier = new TokenVerifier({
    publicKeys: config.publicKeys,
    audience: config.audience,
    issuer: config.issuer,
    directory: config.network,
    ...(config.tokenLifetimes ? { lifetimeLimits: config.tokenLifetimes } : {}),
  });

  const metrics = registryMetrics(config.jurisdiction, store);
  const service = await startGraphQLService<RegistryContext>({
    schema: buildRegistrySchema(),
    traceAttributes: { 'aidnet.jurisdiction': config.jurisdiction },
    logger,
    host: config.host,
    port: config.port,
    bodyLimit: config.bodyLimit,
    ready: () => store.ping(),
    context: async ({ req }) => ({
      principal: verifier.verifyHeader(req.headers.authorization),
      node,
      store,
      loaders: createLoaders(store),
      shardMeta: {},
    }),
    plugins: [shardMetaPlugin(), operationMetricsPlugin<RegistryContext>(metrics)],
  });
  const monitoring = config.monitoring
    ? await startMonitoringServer({
        ...config.monitoring,
        metrics,
        live: () => true,
        ready: () => store.ping(),
        logger,
      })
    : null;
  logger.info({ url: service.url }, 'registry node ready (jurisdiction=%s)', config.jurisdiction);
  return {
    ...service,
    jurisdiction: config.jurisdiction,
    store,
    metrics,
    monitoring,
    async stop() {
      await monitoring?.stop();
      await service.stop();
      await store.close();
    },
  };
}

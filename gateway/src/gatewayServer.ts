import { ApolloGateway } from '@apollo/gateway';
import { TokenVerifier, type TokenLifetimeLimits } from '../../services/common/src/auth';
import { startGraphQLService, type RunningService } from '../../services/common/src/graphqlService';
import type { Logger } from '../../services/common/src/logger';
import {
  startMonitoringServer,
  type MonitoringAddress,
  type RunningMonitoringServer,
} from '../../services/common/src/metrics/monitoringServer';
import { operationMetricsPlugin } from '../../services/common/src/metrics/operationMetricsPlugin';
import type { NetworkDirectory } from '../../services/common/src/network';
import { consoleAssets, consoleRoutes } from './console';
import { Coverage, coveragePlugin } from './coverage';
import { AuthForwardingDataSource } from './datasources/AuthForwardingDataSource';
import { ShardedRegistryDataSource, type ShardedContext } from './datasources/ShardedRegistryDataSource';
import { persistedQueryOptions, type PersistedQueryLimits } from './persistedQueryCache';
import { GatewayMetrics } from './metrics';
import { reportProxyRoute } from './reportProxy';
import { queryLimitsRule, type QueryLimits } from './plugins/queryLimits';
import { readShardingPlanFile } from './sharding/shardingPlan';
import { composeSupergraph, REGISTRY_SUBGRAPH, type SubgraphSource } from './supergraph';

export interface GatewayConfig {
  host: string;
  port: number;
  network: NetworkDirectory;
  /** Other subgraphs (mutual-aid, conference) with their URLs. */
  subgraphs: SubgraphSource[];
  publicKeys: Record<string, string>;
  audience: string;
  issuer: string;
  /** Longest token lifetimes accepted; default DEFAULT_TOKEN_LIFETIME_LIMITS. */
  tokenLifetimes?: TokenLifetimeLimits;
  nodeDeadlineMs: number;
  breakerFailureThreshold: number;
  breakerOpenMs: number;
  probeIntervalMs: number;
  limits: QueryLimits;
  bodyLimit: string;
  logger: Logger;
  /** Node URL overrides by jurisdiction (tests, benches). */
  nodeUrls?: Record<string, string>;
  /** The registry SDL (routing, merging and the supergraph); default schema/registry.graphql. */
  registrySchemaFile?: string;
  /** The web console's demo sign-in list (development only); default CONSOLE_DEMO_IDENTITIES_FILE. */
  consoleDemoIdentitiesFile?: string;
  /** Deadline of one call to another subgraph (mutual-aid, conference); default 15 s. */
  subgraphDeadlineMs?: number;
  /** Automatic persisted queries (see persistedQueryCache.ts); false turns them off. */
  persistedQueries?: PersistedQueryLimits | false;
  /** Where /metrics, /healthz and /readyz are served apart from clients; unset: not served. */
  monitoring?: MonitoringAddress;
}

/** Mutual-aid writes call the owning nodes (each with its own deadline) before they answer. */
const DEFAULT_SUBGRAPH_DEADLINE_MS = 15_000;
const DEFAULT_PERSISTED_QUERIES: PersistedQueryLimits = { maxBytes: 8 * 1024 * 1024, ttlSeconds: 86_400 };

export interface RunningGateway extends RunningService {
  registry: ShardedRegistryDataSource;
  metrics: GatewayMetrics;
  /** Set when `monitoring` was given. */
  monitoring: RunningMonitoringServer | null;
}

export interface GatewayContext extends ShardedContext {
  coverage: Coverage;
}

/**
 * Starts the federated gateway: the supergraph composed from schema/*.graphql, the registry served
 * by the sharded data source, JWT verified here and again at every subgraph.
 */
export async function startGateway(config: GatewayConfig): Promise<RunningGateway> {
  // The gateway phones home unless this is set before it is constructed (TECH-NOTES §4).
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const registrySubgraph = { ...REGISTRY_SUBGRAPH, file: config.registrySchemaFile ?? REGISTRY_SUBGRAPH.file };
  // Before anything starts: a root field without a valid @shard declaration stops the gateway here.
  const plan = readShardingPlanFile(registrySubgraph.file);
  const metrics: GatewayMetrics = new GatewayMetrics(() => registry.breakerStates());
  const registry: ShardedRegistryDataSource = new ShardedRegistryDataSource({
    network: config.network,
    plan,
    deadlineMs: config.nodeDeadlineMs,
    breaker: { failureThreshold: config.breakerFailureThreshold, openMs: config.breakerOpenMs },
    probeIntervalMs: config.probeIntervalMs,
    logger: config.logger.child({ source: 'registry-shards' }),
    ...(config.nodeUrls ? { urls: config.nodeUrls } : {}),
    observeNodeCall: metrics.observeNodeCall,
  });
  const gateway = new ApolloGateway({
    supergraphSdl: composeSupergraph([registrySubgraph, ...config.subgraphs]),
    // The data source analyses the planner's parsed fetch documents instead of parsing each query.
    queryPlannerConfig: { exposeDocumentNodeInFetchNode: true },
    buildService: ({ name, url }) =>
      name === REGISTRY_SUBGRAPH.name
        ? registry
        : new AuthForwardingDataSource({
            url,
            name,
            deadlineMs: config.subgraphDeadlineMs ?? DEFAULT_SUBGRAPH_DEADLINE_MS,
          }),
    // Never expose query plans to clients, whatever NODE_ENV says.
    __exposeQueryPlanExperimental: false,
  });
  const verifier = new TokenVerifier({
    publicKeys: config.publicKeys,
    audience: config.audience,
    issuer: config.issuer,
    directory: config.network,
    ...(config.tokenLifetimes ? { lifetimeLimits: config.tokenLifetimes } : {}),
  });
  const conference = config.subgraphs.find((s) => s.name === 'conference');
  const apq = config.persistedQueries ?? DEFAULT_PERSISTED_QUERIES;
  const mountConsole = consoleRoutes(await consoleAssets(), {
    network: config.network,
    demoIdentitiesFile: config.consoleDemoIdentitiesFile ?? process.env.CONSOLE_DEMO_IDENTITIES_FILE,
  });
  const service = await startGraphQLService<GatewayContext>({
    gateway,
    logger: config.logger,
    host: config.host,
    port: config.port,
    bodyLimit: config.bodyLimit,
    // Ready once the supergraph is loaded (the server starts only then) and a node answers.
    ready: () => registry.anyNodeAnswers(),
    validationRules: [queryLimitsRule(config.limits)],
    ...(apq ? { persistedQueries: persistedQueryOptions(apq) } : {}),
    plugins: [
      coveragePlugin<GatewayContext>(),
      operationMetricsPlugin<GatewayContext>(metrics),
      metrics.coveragePlugin<GatewayContext>(),
    ],
    routes: (app) => {
      mountConsole(app);
      if (conference) reportProxyRoute(conference.url, verifier)(app);
    },
    context: async ({ req }) => {
      verifier.verifyHeader(req.headers.authorization);
      return { authorization: req.headers.authorization, coverage: new Coverage() };
    },
  });
  const monitoring = config.monitoring
    ? await startMonitoringServer({
        ...config.monitoring,
        metrics,
        live: () => true,
        ready: () => registry.anyNodeAnswers(),
        logger: config.logger,
      })
    : null;
  config.logger.info({ url: service.url }, 'gateway ready');
  return {
    ...service,
    registry,
    metrics,
    monitoring,
    async stop() {
      await monitoring?.stop();
      await service.stop();
      registry.close();
    },
  };
}

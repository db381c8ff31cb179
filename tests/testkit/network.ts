import { createLogger } from '../../services/common/src/logger';
import { NetworkDirectory } from '../../services/common/src/network';
import type { RegistryNode } from '../../services/registry/src/registryNode';
import { startGateway, type RunningGateway } from '../../gateway/src/gatewayServer';
import type { SubgraphSource } from '../../gateway/src/supergraph';
import { startCountingProxy, type CountingProxy } from './countingProxy';
import { graphql, type GraphQLResult, type TypedOperation } from './graphql';
import { startTestNode, stopTestNode, testNetwork } from './registry';
import { AUDIENCE, ISSUER, publicKeys } from './tokens';

/**
 * A real network for tests: registry nodes for the given jurisdictions (each on port 0 with a
 * database of its own) and the gateway in front of them; the directory lists only these nodes.
 */
export interface TestNetwork {
  nodes: Map<string, RegistryNode>;
  gateway: RunningGateway;
  directory: NetworkDirectory;
  /** POSTs the nodes received through their counting proxies (countNodeRequests only). */
  nodeRequests(): number;
  /** A GraphQL call through the gateway: typed by a generated document, or an inline query string. */
  query<T, V>(document: TypedOperation<T, V>, variables: V, token?: string): Promise<GraphQLResult<T>>;
  query<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<GraphQLResult<T>>;
  stop(): Promise<void>;
}

export interface TestNetworkOptions {
  nodeDeadlineMs?: number;
  breakerOpenMs?: number;
  probeIntervalMs?: number;
  /** Extra directory URLs for nodes that are not started here (e.g. a black hole). */
  extraNodeUrls?: Record<string, string>;
  /** Starts other subgraphs (mutual-aid …) once the nodes run; the gateway composes them. */
  subgraphs?: (directory: NetworkDirectory) => Promise<SubgraphSource[]>;
  /** Webhooks to put into the directory, by jurisdiction. */
  webhooks?: Record<string, string>;
  /** Deadline of the gateway's calls to the other subgraphs. */
  subgraphDeadlineMs?: number;
  /** Puts a counting proxy in front of every node (see nodeRequests). */
  countNodeRequests?: boolean;
  /** Serve the gateway's /metrics, /healthz, /readyz on a free loopback port (gateway.monitoring). */
  monitoring?: boolean;
  /** A registry SDL for the gateway other than schema/registry.graphql (its routing and supergraph). */
  registrySchemaFile?: string;
}

export async function startTestNetwork(
  codes: readonly string[],
  options: TestNetworkOptions = {},
): Promise<TestNetwork> {
  const nodes = new Map<string, RegistryNode>();
  await Promise.all(codes.map(async (c) => nodes.set(c, await startTestNode(c))));
  const urls: Record<string, string> = { ...options.extraNodeUrls };
  const proxies: CountingProxy[] = [];
  for (const [c, n] of nodes) {
    const proxy = options.countNodeRequests ? await startCountingProxy(n.url) : undefined;
    if (proxy) proxies.push(proxy);
    urls[c] = proxy?.url ?? n.url;
  }
  const directory = new NetworkDirectory(
    testNetwork().entries.map((e) => {
      const { node: _node, ...rest } = e;
      const entry = options.webhooks?.[e.code] ? { ...rest, webhook: options.webhooks[e.code] } : rest;
      return urls[e.code] ? { ...entry, node: { url: urls[e.code] as string } } : entry;
    }),
  );
  const started = startGateway({
    host: '127.0.0.1',
    port: 0,
    network: directory,
    subgraphs: options.subgraphs ? await options.subgraphs(directory) : [],
    publicKeys: publicKeys(),
    audience: AUDIENCE,
    issuer: ISSUER,
    nodeDeadlineMs: options.nodeDeadlineMs ?? 2000,
    ...(options.subgraphDeadlineMs ? { subgraphDeadlineMs: options.subgraphDeadlineMs } : {}),
    breakerFailureThreshold: 3,
    breakerOpenMs: options.breakerOpenMs ?? 5000,
    probeIntervalMs: options.probeIntervalMs ?? 1000,
    limits: { maxDepth: 12, maxCost: 50_000 },
    bodyLimit: '256kb',
    logger: createLogger('gateway-test', process.env.TEST_LOG_LEVEL ?? 'silent'),
    ...(options.monitoring ? { monitoring: { host: '127.0.0.1', port: 0 } } : {}),
    ...(options.registrySchemaFile ? { registrySchemaFile: options.registrySchemaFile } : {}),
  });
  // A gateway that refuses to start (e.g. an SDL without routing declarations) leaves no node behind.
  const gateway = await started.catch(async (e: unknown) => {
    await Promise.all(proxies.map((p) => p.stop()));
    await Promise.all([...nodes.values()].map((n) => stopTestNode(n)));
    throw e;
  });
  return {
    nodes,
    gateway,
    directory,
    nodeRequests: () => proxies.reduce((n, p) => n + p.count(), 0),
    // The overloads only type the call: a typed document goes out as its string, like a query.
    query: ((q: string, v?: Record<string, unknown>, t?: string) =>
      graphql(gateway.url, q, v, t)) as TestNetwork['query'],
    async stop() {
      await gateway.stop();
      await Promise.all(proxies.map((p) => p.stop()));
      await Promise.all([...nodes.values()].map((n) => stopTestNode(n)));
    },
  };
}

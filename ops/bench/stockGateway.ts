// A stock Apollo Gateway phones home unless this is set before it is constructed.
process.env.APOLLO_TELEMETRY_DISABLED = 'true';

import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { composeSupergraph } from '../../gateway/src/supergraph';
import { startGraphQLService } from '../../services/common/src/graphqlService';
import { createLogger } from '../../services/common/src/logger';
import { readStockGatewayEnv } from './env';
import { stopWithParent } from './processes';

/**
 * The bench's anchor, in a process of its own: a stock Apollo Gateway (plain
 * RemoteGraphQLDataSource, forwarding the caller's Authorization) composed over one registry node.
 * What every Apollo Federation user pays; our gateway is measured against it.
 * Environment: PORT, BENCH_NODE_URL, LOG_LEVEL (ops/bench/env.ts).
 */
interface StockContext {
  authorization?: string;
}

async function main(): Promise<void> {
  const env = readStockGatewayEnv();
  const logger = createLogger('stock-gateway', env.LOG_LEVEL);
  const gateway = new ApolloGateway({
    supergraphSdl: composeSupergraph([{ name: 'registry', file: 'schema/registry.graphql', url: env.BENCH_NODE_URL }]),
    buildService: ({ url }) =>
      new RemoteGraphQLDataSource<StockContext>({
        url,
        willSendRequest({ request, context }) {
          if (context.authorization) request.http?.headers.set('authorization', context.authorization);
        },
      }),
  });
  const service = await startGraphQLService<StockContext>({
    gateway,
    logger,
    host: '127.0.0.1',
    port: env.PORT,
    bodyLimit: '256kb',
    ready: async () => true,
    context: async ({ req }) => (req.headers.authorization ? { authorization: req.headers.authorization } : {}),
  });
  logger.info({ url: service.url }, 'stock gateway ready');
  const stop = () => {
    service.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  stopWithParent(stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`stock gateway: failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});

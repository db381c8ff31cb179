import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { ShardedContext } from './ShardedRegistryDataSource';

/** An ordinary subgraph (mutual-aid, conference): forwards the caller's token, which it verifies again. */
export class AuthForwardingDataSource extends RemoteGraphQLDataSource<ShardedContext> {
  override willSendRequest(options: GraphQLDataSourceProcessOptions<ShardedContext>): void {
    const authorization = options.kind === 'incoming operation' ? options.context.authorization : undefined;
    if (authorization) options.request.http?.headers.set('authorization', authorization);
  }
}

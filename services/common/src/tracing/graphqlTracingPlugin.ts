import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { nameActiveSpan } from './spans';

/** Names a request's server span after its GraphQL operation (`query TeamSearch`), once resolved. */
export function graphqlTracingPlugin<T extends BaseContext>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, operationName }) {
          if (!operation) return;
          nameActiveSpan(`${operation.operation} ${operationName ?? 'unnamed'}`, {
            'graphql.operation.type': operation.operation,
            'graphql.operation.name': operationName ?? '',
          });
        },
      };
    },
  };
}

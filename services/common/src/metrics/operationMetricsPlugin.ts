import type { ApolloServerPlugin, BaseContext, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import { BoundedLabel } from './BoundedLabel';
import { CALL_BUCKETS, secondsSince, type ServiceMetrics } from './ServiceMetrics';

/**
 * Counts every GraphQL operation a service (node, subgraph, gateway) answers, by operation name
 * (bounded, see BoundedLabel), type and outcome, and times it by type:
 * - `aidnet_graphql_operations_total{operation, type, outcome}`, outcome `success` (no errors),
 *   `partial` (data and errors, e.g. a node missing from a fan-out) or `error` (no data);
 * - `aidnet_graphql_operation_duration_seconds{type}`.
 * A request refused before execution (no token, unparsable) has type `unknown`.
 */
export type OperationOutcome = 'success' | 'partial' | 'error';

export function outcomeOf(requestContext: GraphQLRequestContextWillSendResponse<BaseContext>): OperationOutcome {
  const { body } = requestContext.response;
  if (body.kind !== 'single') return 'success';
  const { errors, data } = body.singleResult;
  if (!errors?.length) return 'success';
  return data && Object.values(data).some((v) => v !== null) ? 'partial' : 'error';
}

export function operationMetricsPlugin<T extends BaseContext>(
  metrics: ServiceMetrics,
  names = new BoundedLabel(),
): ApolloServerPlugin<T> {
  const operations = metrics.counter(
    'aidnet_graphql_operations_total',
    'GraphQL operations answered, by operation name (first 100 names, then "other"), type and outcome',
    ['operation', 'type', 'outcome'],
  );
  const duration = metrics.histogram(
    'aidnet_graphql_operation_duration_seconds',
    'Time from receiving a GraphQL operation to sending its answer',
    ['type'],
    CALL_BUCKETS,
  );
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse(requestContext) {
          const type = requestContext.operation?.operation ?? 'unknown';
          const operation = requestContext.operation ? names.of(requestContext.operationName) : 'unknown';
          operations.inc({ operation, type, outcome: outcomeOf(requestContext) });
          duration.observe({ type }, secondsSince(started));
        },
      };
    },
  };
}

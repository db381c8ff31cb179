import type { ApolloServerPlugin } from '@apollo/server';
import { CALL_BUCKETS, ServiceMetrics } from '../../services/common/src/metrics/ServiceMetrics';
import type { CoverageContext } from '../../services/common/src/coverage';
import type { BreakerState } from './sharding/CircuitBreaker';
import type { NodeCallObserver } from './sharding/NodeClient';

/**
 * The gateway's own metrics, beside the process and operation metrics every service has
 * (aidnet_graphql_operations_total by operation name and outcome):
 * - `aidnet_gateway_node_calls_total{jurisdiction, outcome}`: every call to a registry node,
 *   outcome `answered`, `timeout`, `error` or `breaker_open` (skipped while its breaker is open);
 * - `aidnet_gateway_node_call_duration_seconds{jurisdiction, outcome}`: the calls actually sent;
 * - `aidnet_gateway_node_breaker_state{jurisdiction, state}`: 1 for the node's current state
 *   (`closed`, `open`, `half_open`), 0 for the others;
 * - `aidnet_gateway_coverage_misses_total{jurisdiction}`: answers that lacked that node's rows.
 * Jurisdiction labels are codes from the network directory, so the label sets stay bounded.
 */
const BREAKER_STATES: readonly BreakerState[] = ['closed', 'open', 'half-open'];

export class GatewayMetrics extends ServiceMetrics {
  private readonly nodeCalls = this.counter(
    'aidnet_gateway_node_calls_total',
    'Calls from the gateway to registry nodes, by jurisdiction and outcome',
    ['jurisdiction', 'outcome'],
  );
  private readonly nodeCallDuration = this.histogram(
    'aidnet_gateway_node_call_duration_seconds',
    'Duration of the node calls that were sent (not those skipped by an open breaker)',
    ['jurisdiction', 'outcome'],
    CALL_BUCKETS,
  );
  private readonly coverageMisses = this.counter(
    'aidnet_gateway_coverage_misses_total',
    'Answers that touched the registry without this jurisdiction (JURISDICTION_UNAVAILABLE)',
    ['jurisdiction'],
  );

  /** @param breakers read at scrape time: each node's breaker state. */
  constructor(breakers: () => [string, BreakerState][]) {
    super('gateway');
    this.gauge(
      'aidnet_gateway_node_breaker_state',
      "1 for each registry node's current circuit-breaker state, 0 for its other states",
      ['jurisdiction', 'state'],
      (gauge) => {
        for (const [jurisdiction, current] of breakers()) {
          for (const state of BREAKER_STATES) {
            gauge.set({ jurisdiction, state: state.replace('-', '_') }, state === current ? 1 : 0);
          }
        }
      },
    );
  }

  readonly observeNodeCall: NodeCallObserver = (jurisdiction, outcome, seconds) => {
    this.nodeCalls.inc({ jurisdiction, outcome });
    if (outcome !== 'breaker_open') this.nodeCallDuration.observe({ jurisdiction, outcome }, seconds);
  };

  /** Counts, per answer, each jurisdiction its coverage reports unavailable. */
  coveragePlugin<T extends CoverageContext>(): ApolloServerPlugin<T> {
    return {
      requestDidStart: async () => ({
        willSendResponse: async ({ contextValue }) => {
          for (const code of contextValue.coverage.unavailable) this.coverageMisses.inc({ jurisdiction: code });
        },
      }),
    };
  }
}

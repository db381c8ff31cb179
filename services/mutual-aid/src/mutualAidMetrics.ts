import { LATENESS_BUCKETS, ServiceMetrics } from '../../common/src/metrics/ServiceMetrics';
import { registerQueueDepths, type CountedQueue } from '../../common/src/metrics/queueDepths';
import type { MutualAidEvents } from './commands/deps';
import { pendingOutboxCalls } from './models/requestRecords';
import type { MutualAidStore } from './models/store';
import type { NodeCallObserver } from './saga/registryNodes';

/**
 * Mutual aid's metrics, beside the process and operation metrics every service has:
 * - `aidnet_mutual_aid_outbox_pending`: node calls (reserve, deploy, release) written to requests'
 *   outboxes and not yet confirmed by their nodes, read from the database at scrape time;
 * - `aidnet_mutual_aid_saga_retries_total`: saga job runs that left calls owed (retried later);
 * - `aidnet_mutual_aid_node_calls_total{jurisdiction, outcome}` (`ok`, `refused`, `unavailable`);
 * - `aidnet_mutual_aid_escalations_total` and `aidnet_mutual_aid_escalation_lateness_seconds`:
 *   escalations fired, and how long after their deadline;
 * - `aidnet_queue_jobs{queue, state}` for the saga, escalation and webhook queues.
 */
const SCRAPE_QUERY_TIMEOUT_MS = 1000;

export class MutualAidMetrics extends ServiceMetrics implements MutualAidEvents {
  private readonly sagaRetries = this.counter(
    'aidnet_mutual_aid_saga_retries_total',
    'Saga job runs that left node calls owed, to be retried after a backoff',
  );
  private readonly nodeCalls = this.counter(
    'aidnet_mutual_aid_node_calls_total',
    'Calls from mutual aid to registry nodes (reservation protocol, lookups), by jurisdiction and outcome',
    ['jurisdiction', 'outcome'],
  );
  private readonly escalations = this.counter(
    'aidnet_mutual_aid_escalations_total',
    'Escalations fired (a target stayed silent past respondBy)',
  );
  private readonly escalationLateness = this.histogram(
    'aidnet_mutual_aid_escalation_lateness_seconds',
    'How long after its deadline an escalation fired',
    [],
    LATENESS_BUCKETS,
  );

  constructor(role: string, store: MutualAidStore, queues: readonly CountedQueue[]) {
    super(role);
    this.gauge(
      'aidnet_mutual_aid_outbox_pending',
      'Node calls in request outboxes not yet confirmed by their nodes',
      [],
      async (gauge) => {
        const pending = await countOutbox(store).catch(() => null);
        // Unknown while the database is away: no sample rather than a misleading 0.
        if (pending === null) gauge.reset();
        else gauge.set(pending);
      },
    );
    registerQueueDepths(this, queues);
  }

  readonly observeNodeCall: NodeCallObserver = (jurisdiction, outcome) => {
    this.nodeCalls.inc({ jurisdiction, outcome });
  };

  sagaRetried(): void {
    this.sagaRetries.inc();
  }

  escalated(latenessMs: number): void {
    this.escalations.inc();
    this.escalationLateness.observe(Math.max(0, latenessMs) / 1000);
  }
}

/** @returns the pending calls over all requests; null when the database does not answer in time. */
async function countOutbox(store: MutualAidStore): Promise<number | null> {
  const query = pendingOutboxCalls(store);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), SCRAPE_QUERY_TIMEOUT_MS);
  });
  return Promise.race([query, timeout]).finally(() => clearTimeout(timer));
}

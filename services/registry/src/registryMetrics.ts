import { ServiceMetrics } from '../../common/src/metrics/ServiceMetrics';
import type { RegistryStore } from './models/store';

/**
 * A registry node's metrics: the process and operation metrics of every service (requests are
 * `aidnet_graphql_operations_total`), labelled with the node's `jurisdiction`, and
 * `aidnet_registry_snapshot_age_seconds{collection}`: how old the in-memory copy each search reads
 * is (absent while no copy is loaded; bounded by SNAPSHOT_MAX_AGE_MS while searches run).
 */
export function registryMetrics(jurisdiction: string, store: RegistryStore): ServiceMetrics {
  const metrics = new ServiceMetrics('registry', { jurisdiction });
  metrics.gauge(
    'aidnet_registry_snapshot_age_seconds',
    'Age of the in-memory copy of a collection that searches read',
    ['collection'],
    (gauge) => {
      gauge.reset();
      for (const [collection, snapshot] of Object.entries(store.snapshots)) {
        const age = snapshot.ageSeconds();
        if (age !== null) gauge.set({ collection }, age);
      }
    },
  );
  return metrics;
}

import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The Prometheus metrics of one service instance: a registry of its own rather than prom-client's
 * global one, so that several services in one process (the tests, co-hosted nodes) keep theirs
 * apart. Every series carries `service` (and a node's `jurisdiction`) as default labels. Label
 * values stay bounded: codes from the network directory, fixed outcome words, capped operation
 * names — never request ids.
 */
export class ServiceMetrics {
  readonly registry = new Registry();

  /**
   * @param service the process role, e.g. `registry`, `gateway`, `mutual-aid-worker`.
   * @param labels further default labels (a node's `jurisdiction`).
   */
  constructor(service: string, labels: Record<string, string> = {}) {
    this.registry.setDefaultLabels({ service, ...labels });
    // CPU, resident memory, heap, event-loop lag, GC, open handles: the standard process_* / nodejs_* names.
    collectDefaultMetrics({ register: this.registry });
  }

  counter<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  histogram<L extends string>(name: string, help: string, labelNames: readonly L[], buckets: number[]): Histogram<L> {
    return new Histogram({ name, help, labelNames, buckets, registers: [this.registry] });
  }

  /** A gauge whose value is read at scrape time by `collect` (it sets the gauge). */
  gauge<L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    collect?: (gauge: Gauge<L>) => Promise<void> | void,
  ): Gauge<L> {
    return new Gauge<L>({
      name,
      help,
      labelNames,
      registers: [this.registry],
      ...(collect
        ? {
            collect(this: Gauge<L>) {
              return collect(this);
            },
          }
        : {}),
    });
  }

  /** @returns every metric in the Prometheus text format. */
  text(): Promise<string> {
    return this.registry.metrics();
  }
}

/** Seconds between two `performance.now()` readings. */
export function secondsSince(startedMs: number): number {
  return (performance.now() - startedMs) / 1000;
}

/** Latency buckets (seconds) for calls bounded by a deadline of a few seconds. */
export const CALL_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5];

/** Lateness buckets (seconds) for timers: on time is well under a second, late is minutes. */
export const LATENESS_BUCKETS = [0.1, 0.5, 1, 2, 5, 15, 60, 300, 900, 3600];

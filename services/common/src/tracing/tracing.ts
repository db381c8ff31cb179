import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { AlwaysOffSampler, BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { OtlpJsonExporter, parseOtlpHeaders } from './OtlpJsonExporter';

/**
 * OpenTelemetry for one process. Off by default (the product runs on isolated networks): spans
 * are recorded and exported only when OTEL_EXPORTER_OTLP_ENDPOINT (or …_TRACES_ENDPOINT) names an
 * OTLP/HTTP receiver. Either way the W3C `traceparent` is propagated between our own processes
 * (unsampled when off), so every log line of a request carries one trace id across the gateway,
 * the nodes, mutual aid and its jobs. Nothing leaves the machine unless an endpoint is set.
 */
export interface TracingOptions {
  /** `service.name` of the spans, e.g. `registry`. */
  service: string;
  /** Further resource attributes (a node's `aidnet.jurisdiction`). */
  attributes?: Record<string, string>;
  /** The OTLP/HTTP traces URL (…/v1/traces); unset: tracing off, ids still propagated. */
  tracesUrl?: string | undefined;
  /** Request headers for the receiver (OTEL_EXPORTER_OTLP_HEADERS). */
  headers?: Record<string, string>;
  /** How often batched spans are sent (default 2 s). */
  exportDelayMs?: number;
}

export interface Tracing {
  readonly enabled: boolean;
  /** Sends every finished span now. */
  flush(): Promise<void>;
  /** Sends what is left and unregisters (the process keeps running untraced). */
  shutdown(): Promise<void>;
}

/**
 * Registers the process-wide tracer provider, context manager and propagator. Call once, first
 * thing in an entry point (tests call it once per test file).
 */
export function startTracing(options: TracingOptions): Tracing {
  const exporting = Boolean(options.tracesUrl);
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.service, ...options.attributes }),
    // Off: spans are non-recording (ids only, nothing kept). On: honour an incoming decision,
    // sample every root (the default ParentBased(AlwaysOn)).
    ...(exporting ? {} : { sampler: new AlwaysOffSampler() }),
    spanProcessors: exporting
      ? [
          new BatchSpanProcessor({
            exporter: new OtlpJsonExporter(options.tracesUrl as string, options.headers),
            scheduledDelayMillis: options.exportDelayMs ?? 2000,
          }),
        ]
      : [],
  });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  return {
    enabled: exporting,
    flush: () => provider.forceFlush(),
    async shutdown() {
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
}

/**
 * The traces URL from the standard variables: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as it is, or
 * OTEL_EXPORTER_OTLP_ENDPOINT with `/v1/traces` appended (OTLP exporter specification).
 */
export interface TracingEnv {
  OTEL_EXPORTER_OTLP_ENDPOINT?: string | undefined;
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string | undefined;
  OTEL_EXPORTER_OTLP_HEADERS?: string | undefined;
}

export function tracesUrlFrom(env: TracingEnv): string | undefined {
  if (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  if (env.OTEL_EXPORTER_OTLP_ENDPOINT) return `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`;
  return undefined;
}

/** @returns the export settings of the standard variables (see TracingEnvFields). */
export function tracingFromEnv(env: TracingEnv): Pick<TracingOptions, 'tracesUrl' | 'headers'> {
  return { tracesUrl: tracesUrlFrom(env), headers: parseOtlpHeaders(env.OTEL_EXPORTER_OTLP_HEADERS) };
}

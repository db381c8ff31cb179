import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Span,
} from '@opentelemetry/api';

/**
 * The few places where work crosses a process boundary get a span by hand (no auto-instrumentation:
 * it would trace every health probe and socket): an incoming GraphQL request, a call to another
 * service, a queued job and its run. Without startTracing() these are no-ops.
 */
const tracer = trace.getTracer('aidnet');

/** Header names → values, as `traceparent` (and `tracestate`) are carried. */
export type TraceCarrier = Record<string, string>;

/**
 * Runs an incoming HTTP request's handling inside a server span, continuing the caller's trace
 * from its `traceparent`; the span ends when the response is sent (or the client goes away).
 */
export function traceHttpRequest(
  name: string,
  req: IncomingMessage,
  res: ServerResponse,
  attributes: Attributes,
  handle: () => void,
): void {
  const parent = propagation.extract(ROOT_CONTEXT, req.headers);
  const span = tracer.startSpan(name, { kind: SpanKind.SERVER, attributes }, parent);
  res.once('close', () => {
    span.setAttribute('http.response.status_code', res.statusCode);
    if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
  context.with(trace.setSpan(parent, span), handle);
}

/**
 * Runs a call to another service inside a client span. `run` gets the headers that carry the
 * span to the callee (add them to the request) and the span (to note the outcome on it).
 */
export async function withClientSpan<T>(
  name: string,
  attributes: Attributes,
  run: (headers: TraceCarrier, span: Span) => Promise<T>,
): Promise<T> {
  const span = tracer.startSpan(name, { kind: SpanKind.CLIENT, attributes });
  const active = trace.setSpan(context.active(), span);
  const headers: TraceCarrier = {};
  propagation.inject(active, headers);
  try {
    return await context.with(active, () => run(headers, span));
  } catch (e) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: (e as Error).message });
    throw e;
  } finally {
    span.end();
  }
}

/** @returns the active trace context as headers, to store with a job that runs later. */
export function currentTraceCarrier(): TraceCarrier {
  const carrier: TraceCarrier = {};
  propagation.inject(context.active(), carrier);
  return carrier;
}

/** Runs a queued job inside a consumer span that continues the trace of whoever queued it. */
export async function withJobSpan<T>(
  queue: string,
  carrier: TraceCarrier | undefined,
  attributes: Attributes,
  run: () => Promise<T>,
): Promise<T> {
  const parent = carrier ? propagation.extract(ROOT_CONTEXT, carrier) : ROOT_CONTEXT;
  const span = tracer.startSpan(
    `${queue} process`,
    {
      kind: SpanKind.CONSUMER,
      attributes: { 'messaging.system': 'bullmq', 'messaging.destination.name': queue, ...attributes },
    },
    parent,
  );
  try {
    return await context.with(trace.setSpan(parent, span), run);
  } catch (e) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: (e as Error).message });
    throw e;
  } finally {
    span.end();
  }
}

/** @returns the trace and span ids of the active span, for log lines; undefined outside one. */
export function activeTraceIds(): { trace_id: string; span_id: string } | undefined {
  const span = trace.getSpan(context.active());
  if (!span) return undefined;
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}

/** Names the active server span after the GraphQL operation it serves. */
export function nameActiveSpan(name: string, attributes: Attributes): void {
  const span = trace.getSpan(context.active());
  if (!span) return;
  span.updateName(name);
  span.setAttributes(attributes);
}

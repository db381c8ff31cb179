import { Writable } from 'node:stream';
import { createLogger } from '../logger';
import { currentTraceCarrier, withClientSpan, withJobSpan } from './spans';
import { startTracing, tracesUrlFrom, type Tracing } from './tracing';

/**
 * Tracing off (no endpoint, the default): nothing is recorded or sent, but trace ids still
 * propagate between our processes and reach the log lines.
 */
let tracing: Tracing;
beforeAll(() => {
  tracing = startTracing({ service: 'spans-test' });
});
afterAll(async () => {
  await tracing.shutdown();
});

function capture(): { lines: Record<string, unknown>[]; stream: Writable } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, stream };
}

test('off by default: a client call still carries an unsampled traceparent, and logs carry its trace id', async () => {
  expect(tracing.enabled).toBe(false);
  const { lines, stream } = capture();
  const logger = createLogger('spans-test', 'info', stream);
  const headers = await withClientSpan('call', {}, async (h) => {
    logger.info('inside');
    return h;
  });
  logger.info('outside');
  const [, traceId, spanId, flags] = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/.exec(
    headers.traceparent ?? '',
  )!;
  expect(flags).toBe('00'); // not sampled: nothing is recorded
  expect(lines[0]).toMatchObject({ msg: 'inside', trace_id: traceId, span_id: spanId });
  expect(lines[1]).not.toHaveProperty('trace_id');
});

test('a job continues the trace it was queued in', async () => {
  const { lines, stream } = capture();
  const logger = createLogger('spans-test', 'info', stream);
  let queuedIn = '';
  const carrier = await withClientSpan('request', {}, async (h) => {
    queuedIn = h.traceparent!.split('-')[1]!;
    return currentTraceCarrier();
  });
  await withJobSpan('a-queue', carrier, {}, async () => logger.info('job runs'));
  expect(lines[0]).toMatchObject({ msg: 'job runs', trace_id: queuedIn });
});

test('the standard variables name the traces URL', () => {
  expect(tracesUrlFrom({})).toBeUndefined();
  expect(tracesUrlFrom({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://10.1.2.3:4318/' })).toBe(
    'http://10.1.2.3:4318/v1/traces',
  );
  expect(
    tracesUrlFrom({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://b/t' }),
  ).toBe('http://b/t');
});

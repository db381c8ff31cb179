import pino, { type Logger } from 'pino';
import { activeTraceIds } from './tracing/spans';

export type { Logger };

const NO_TRACE = {};

/**
 * @returns the structured (JSON) logger of a process; `source` names the service, and children
 * add their own context, e.g. `logger.child({ jurisdiction })`. A line written while a request
 * or job is handled carries its `trace_id` and `span_id` (see tracing/tracing.ts), the same id in
 * every process the request went through. `destination` defaults to stdout.
 */
export function createLogger(source: string, level: string, destination?: pino.DestinationStream): Logger {
  const options = { name: source, level, base: { source }, mixin: () => activeTraceIds() ?? NO_TRACE };
  return destination ? pino(options, destination) : pino(options);
}

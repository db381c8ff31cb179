import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * @returns the structured (JSON) logger of a process; `source` names the service, and children
 * add their own context, e.g. `logger.child({ jurisdiction })`.
 */
export function createLogger(source: string, level: string): Logger {
  return pino({ name: source, level, base: { source } });
}

import { z } from 'zod';
import { DEFAULT_TOKEN_LIFETIME_LIMITS, type TokenLifetimeLimits } from './auth';

/**
 * Parses configuration from the environment with a zod model. Every problem is printed at once,
 * then the process exits: a service never starts half-configured. This and the `env.ts` of each
 * service are the only places that read `process.env`.
 */
export function parseEnv<S extends z.ZodType>(
  service: string,
  model: S,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<S> {
  const result = model.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
  process.stderr.write(`${service}: invalid configuration\n${lines.join('\n')}\n`);
  process.exit(1);
}

/** A log level accepted by pino. */
export const LogLevelModel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info');

/**
 * The longest token lifetimes a service accepts (DESIGN.md 5), in hours: people's tokens, and the
 * `service` tokens the services mint for each other. Every service takes both, so that a token the
 * gateway accepts is accepted behind it too.
 */
export const TokenLifetimeEnvFields = {
  AUTH_MAX_TOKEN_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(DEFAULT_TOKEN_LIFETIME_LIMITS.personSeconds / 3600),
  AUTH_MAX_SERVICE_TOKEN_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(DEFAULT_TOKEN_LIFETIME_LIMITS.serviceSeconds / 3600),
};

/** @returns the limits of TokenLifetimeEnvFields, in the seconds TokenVerifier takes. */
export function tokenLifetimeLimits(env: {
  AUTH_MAX_TOKEN_HOURS: number;
  AUTH_MAX_SERVICE_TOKEN_HOURS: number;
}): TokenLifetimeLimits {
  return {
    personSeconds: Math.round(env.AUTH_MAX_TOKEN_HOURS * 3600),
    serviceSeconds: Math.round(env.AUTH_MAX_SERVICE_TOKEN_HOURS * 3600),
  };
}

/**
 * Every process's operator port (/metrics, /healthz, /readyz; see metrics/monitoringServer.ts).
 * METRICS_PORT defaults per service (its own port + 1000); 0 picks a free one.
 */
export const MonitoringEnvFields = {
  METRICS_HOST: z.string().default('127.0.0.1'),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
};

/** The standard OpenTelemetry variables that switch tracing on (see tracing/tracing.ts). */
export const TracingEnvFields = {
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url().optional(),
  OTEL_EXPORTER_OTLP_HEADERS: z.string().optional(),
};

/**
 * @returns METRICS_PORT when set, else the service's port + `offset` (4101 → 5101), or 0 (a free
 * port) for a service on a free port.
 */
export function metricsPortFor(explicit: number | undefined, servicePort: number, offset = 1000): number {
  return explicit ?? (servicePort === 0 ? 0 : servicePort + offset);
}

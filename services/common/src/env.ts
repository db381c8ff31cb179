import { z } from 'zod';

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

import path from 'node:path';
import { z } from 'zod';
import {
  LogLevelModel,
  MonitoringEnvFields,
  parseEnv,
  TokenLifetimeEnvFields,
  TracingEnvFields,
} from '../../common/src/env';
import { REPO_ROOT } from '../../common/src/paths';

/** The conference service's configuration, from the environment (API and worker alike). */
const ConferenceEnvModel = z.object({
  MONGODB_URL: z.string().min(1, 'set MONGODB_URL (npm start provisions one)'),
  CONFERENCE_DATABASE: z.string().default('aidnet_conference'),
  REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
  QUEUE_PREFIX: z.string().default('aidnet'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4300),
  /** Where users reach the report downloads (the gateway proxies /reports/). */
  PUBLIC_BASE_URL: z.string().default('http://127.0.0.1:4000'),
  NETWORK_FILE: z.string().default(path.join(REPO_ROOT, 'ops/network.json')),
  AUTH_PUBLIC_KEYS_FILE: z.string().default(path.join(REPO_ROOT, '.secrets/jwt-public-keys.json')),
  AUTH_AUDIENCE: z.string().default('aidnet'),
  AUTH_ISSUER: z.string().default('aidnet'),
  ...TokenLifetimeEnvFields,
  /** Reminders: this long before the due date, on it, and this often while overdue. */
  REMIND_BEFORE_DUE_HOURS: z.coerce.number().positive().default(72),
  REMIND_OVERDUE_EVERY_HOURS: z.coerce.number().positive().default(168),
  SWEEP_INTERVAL_MS: z.coerce.number().int().positive().default(60_000),
  BODY_LIMIT: z.string().default('256kb'),
  LOG_LEVEL: LogLevelModel,
  ...MonitoringEnvFields,
  ...TracingEnvFields,
});

export type ConferenceEnv = z.infer<typeof ConferenceEnvModel>;

export function readConferenceEnv(env: NodeJS.ProcessEnv = process.env): ConferenceEnv {
  return parseEnv('conference', ConferenceEnvModel, env);
}

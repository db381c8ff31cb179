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

/** The mutual-aid service's configuration, from the environment (API and worker alike). */
const MutualAidEnvModel = z.object({
  MONGODB_URL: z.string().min(1, 'set MONGODB_URL (npm start provisions one)'),
  MUTUAL_AID_DATABASE: z.string().default('aidnet_mutual_aid'),
  REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
  QUEUE_PREFIX: z.string().default('aidnet'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4200),
  /** The gateway, through which suggestReinforcements asks the registry. */
  GATEWAY_URL: z.string().default('http://127.0.0.1:4000/graphql'),
  NETWORK_FILE: z.string().default(path.join(REPO_ROOT, 'ops/network.json')),
  AUTH_PUBLIC_KEYS_FILE: z.string().default(path.join(REPO_ROOT, '.secrets/jwt-public-keys.json')),
  /** Signs the service token presented to the nodes' reservation mutations. */
  SERVICE_SIGNING_KEY_FILE: z.string().default(path.join(REPO_ROOT, '.secrets/jwt-signing-key.json')),
  AUTH_AUDIENCE: z.string().default('aidnet'),
  AUTH_ISSUER: z.string().default('aidnet'),
  ...TokenLifetimeEnvFields,
  NODE_DEADLINE_MS: z.coerce.number().int().positive().default(2000),
  DEFAULT_RESPONSE_WINDOW_MINUTES: z.coerce.number().positive().default(15),
  MAX_ESCALATION_RINGS: z.coerce.number().int().min(0).default(3),
  SAGA_RETRY_BASE_MS: z.coerce.number().int().positive().default(500),
  SAGA_RETRY_MAX_MS: z.coerce.number().int().positive().default(30_000),
  SWEEP_INTERVAL_MS: z.coerce.number().int().positive().default(5000),
  RECONCILE_INTERVAL_MS: z.coerce.number().int().positive().default(60_000),
  RECONCILE_GRACE_MS: z.coerce.number().int().min(0).default(30_000),
  ETA_ROAD_FACTOR: z.coerce.number().positive().default(1.3),
  ETA_SPEED_KMH: z.coerce.number().positive().default(50),
  BODY_LIMIT: z.string().default('256kb'),
  LOG_LEVEL: LogLevelModel,
  ...MonitoringEnvFields,
  ...TracingEnvFields,
});

export type MutualAidEnv = z.infer<typeof MutualAidEnvModel>;

export function readMutualAidEnv(env: NodeJS.ProcessEnv = process.env): MutualAidEnv {
  return parseEnv('mutual-aid', MutualAidEnvModel, env);
}

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
import { DEFAULT_SNAPSHOT_MAX_AGE_MS } from './models/store';

/**
 * The registry node's configuration, from the environment. One build serves every jurisdiction:
 * JURISDICTION (a code from the network directory) picks its identity and database.
 */
const RegistryEnvModel = z.object({
  JURISDICTION: z.string().min(1, 'set JURISDICTION to a code from ops/network.json, e.g. wujin.hutang'),
  MONGODB_URL: z.string().min(1, 'set MONGODB_URL (npm start provisions one)'),
  HOST: z.string().default('127.0.0.1'),
  /** Defaults to the port of the node's URL in the network directory. */
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  NETWORK_FILE: z.string().default(path.join(REPO_ROOT, 'ops/network.json')),
  AUTH_PUBLIC_KEYS_FILE: z.string().default(path.join(REPO_ROOT, '.secrets/jwt-public-keys.json')),
  AUTH_AUDIENCE: z.string().default('aidnet'),
  AUTH_ISSUER: z.string().default('aidnet'),
  ...TokenLifetimeEnvFields,
  ETA_ROAD_FACTOR: z.coerce.number().positive().default(1.3),
  ETA_SPEED_KMH: z.coerce.number().positive().default(50),
  BODY_LIMIT: z.string().default('256kb'),
  /**
   * How stale the in-memory copy of a collection may get when something other than this node
   * writes its database (an import script). Writes through the node refresh it at once.
   */
  SNAPSHOT_MAX_AGE_MS: z.coerce.number().int().min(0).max(3_600_000).default(DEFAULT_SNAPSHOT_MAX_AGE_MS),
  LOG_LEVEL: LogLevelModel,
  ...MonitoringEnvFields,
  ...TracingEnvFields,
});

export type RegistryEnv = z.infer<typeof RegistryEnvModel>;

export function readRegistryEnv(env: NodeJS.ProcessEnv = process.env): RegistryEnv {
  return parseEnv('registry', RegistryEnvModel, env);
}

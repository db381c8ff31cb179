import path from 'node:path';
import { z } from 'zod';
import {
  LogLevelModel,
  MonitoringEnvFields,
  parseEnv,
  TokenLifetimeEnvFields,
  TracingEnvFields,
} from '../../services/common/src/env';
import { REPO_ROOT } from '../../services/common/src/paths';
import { DEFAULT_QUERY_LIMITS } from './plugins/queryLimits';

/** The gateway's configuration, from the environment. */
const GatewayEnvModel = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  NETWORK_FILE: z.string().default(path.join(REPO_ROOT, 'ops/network.json')),
  AUTH_PUBLIC_KEYS_FILE: z.string().default(path.join(REPO_ROOT, '.secrets/jwt-public-keys.json')),
  AUTH_AUDIENCE: z.string().default('aidnet'),
  AUTH_ISSUER: z.string().default('aidnet'),
  ...TokenLifetimeEnvFields,
  /** Deadline of one node call (DESIGN.md 3.5). */
  NODE_DEADLINE_MS: z.coerce.number().int().positive().default(2000),
  /** Deadline of one call to mutual-aid or conference; past it their fields are SERVICE_UNAVAILABLE. */
  SUBGRAPH_DEADLINE_MS: z.coerce.number().int().positive().default(15_000),
  BREAKER_FAILURES: z.coerce.number().int().positive().default(3),
  BREAKER_OPEN_MS: z.coerce.number().int().positive().default(10_000),
  PROBE_INTERVAL_MS: z.coerce.number().int().positive().default(5000),
  MAX_QUERY_DEPTH: z.coerce.number().int().positive().default(12),
  MAX_QUERY_COST: z.coerce.number().int().positive().default(50_000),
  /** Root fields and aliases per operation, and what a root field costs (plugins/queryLimits.ts). */
  MAX_ROOT_FIELDS: z.coerce.number().int().positive().default(DEFAULT_QUERY_LIMITS.maxRootFields),
  MAX_ALIASES: z.coerce.number().int().min(0).default(DEFAULT_QUERY_LIMITS.maxAliases),
  ROOT_FIELD_COST: z.coerce.number().int().positive().default(DEFAULT_QUERY_LIMITS.rootFieldCost),
  BODY_LIMIT: z.string().default('256kb'),
  /** Automatic persisted queries: the store's size in bytes of query text (0 turns APQ off) and an entry's lifetime. */
  APQ_CACHE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(0)
    .default(8 * 1024 * 1024),
  APQ_TTL_SECONDS: z.coerce.number().int().positive().default(86_400),
  /** Other subgraphs as name=url pairs, comma-separated (mutual-aid, conference). */
  SUBGRAPHS: z.string().default(''),
  LOG_LEVEL: LogLevelModel,
  ...MonitoringEnvFields,
  ...TracingEnvFields,
});

export type GatewayEnv = z.infer<typeof GatewayEnvModel>;

export function readGatewayEnv(env: NodeJS.ProcessEnv = process.env): GatewayEnv {
  return parseEnv('gateway', GatewayEnvModel, env);
}

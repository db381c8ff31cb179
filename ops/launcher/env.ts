import path from 'node:path';
import { z } from 'zod';
import { parseEnv } from '../../services/common/src/env';
import { REPO_ROOT } from '../../services/common/src/paths';

/** Configuration of `npm start` (the whole network on one machine). */
const LauncherEnvModel = z.object({
  /** Gateway port. */
  PORT: z.coerce.number().int().min(1).max(65535).default(4000),
  /** Port of the mutual-aid subgraph (the gateway is the public entry). */
  MUTUAL_AID_PORT: z.coerce.number().int().min(1).max(65535).default(4200),
  /** Port of the conference subgraph. */
  CONFERENCE_PORT: z.coerce.number().int().min(1).max(65535).default(4300),
  NETWORK_FILE: z.string().default(path.join(REPO_ROOT, 'ops/network.json')),
  /** Where embedded FerretDB keeps its files (git-ignored). */
  AIDNET_DATA_DIR: z.string().default(path.join(REPO_ROOT, '.data')),
  LOG_LEVEL: z.string().default('warn'),
});

export type LauncherEnv = z.infer<typeof LauncherEnvModel>;

export function readLauncherEnv(): LauncherEnv {
  return parseEnv('npm start', LauncherEnvModel);
}

import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_TOKEN_LIFETIME_LIMITS, ROLES, signToken, type Role } from '../../services/common/src/auth';
import { ensureDevKeys, keyFilesIn, readSigningKey } from '../../services/common/src/devKeys';
import { loadNetwork } from '../../services/common/src/network';
import { REPO_ROOT } from '../../services/common/src/paths';

/**
 * `npm run -s token -- --jurisdiction wujin --role commander [--role duty_officer] [--name 张三]
 *  [--sub id] [--org org-id] [--hours 12]` prints a token the local network accepts, signed with
 * the development key (generated on first use into the git-ignored .secrets/). Its lifetime stays
 * within the network's default limits (AUTH_MAX_TOKEN_HOURS 24, AUTH_MAX_SERVICE_TOKEN_HOURS 1).
 */
const USAGE = `usage: npm run -s token -- --jurisdiction <code> --role <${ROLES.join('|')}> [--role …] [--name 姓名] [--sub id] [--org id] [--hours 12, at most 24; 1 for service]`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function main(): void {
  const { values } = parseArgs({
    options: {
      jurisdiction: { type: 'string' },
      role: { type: 'string', multiple: true },
      name: { type: 'string' },
      sub: { type: 'string' },
      org: { type: 'string' },
      hours: { type: 'string' },
    },
  });
  const network = loadNetwork();
  const jurisdiction = values.jurisdiction ?? fail('--jurisdiction is required');
  if (!network.has(jurisdiction)) {
    fail(`unknown jurisdiction "${jurisdiction}"; known: ${network.entries.map((e) => e.code).join(', ')}`);
  }
  const roles = values.role ?? fail('--role is required');
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length > 0) fail(`unknown role(s): ${unknown.join(', ')}`);
  // The network refuses a token that lives longer than its holder's limit (services/common/src/auth.ts).
  const limitHours =
    (roles.includes('service')
      ? DEFAULT_TOKEN_LIFETIME_LIMITS.serviceSeconds
      : DEFAULT_TOKEN_LIFETIME_LIMITS.personSeconds) / 3600;
  const hours = values.hours === undefined ? Math.min(12, limitHours) : Number(values.hours);
  if (!(hours > 0 && hours <= limitHours)) {
    fail(`--hours must be more than 0 and at most ${limitHours} for these roles`);
  }

  const files = keyFilesIn(path.join(REPO_ROOT, '.secrets'));
  ensureDevKeys(files);
  const entry = network.get(jurisdiction);
  const token = signToken(
    {
      sub: values.sub ?? `${roles[0]}@${jurisdiction}`,
      name: values.name ?? `${entry?.name ?? jurisdiction}${roles[0]}`,
      jurisdiction,
      roles: roles as Role[],
      ...(values.org ? { org: values.org } : {}),
    },
    readSigningKey(files.signingKeyFile),
    { audience: 'aidnet', issuer: 'aidnet', expiresIn: Math.round(hours * 3600) },
  );
  process.stdout.write(`${token}\n`);
}

main();

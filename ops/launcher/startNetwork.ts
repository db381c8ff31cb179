import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { demoIdentities } from '../../gateway/src/console';
import { signToken, type Role } from '../../services/common/src/auth';
import { ensureDevKeys, keyFilesIn, readSigningKey } from '../../services/common/src/devKeys';
import { loadNetwork } from '../../services/common/src/network';
import { REPO_ROOT } from '../../services/common/src/paths';
import { seedConference } from '../seed/seedConference';
import { seedNetwork } from '../seed/seedNetwork';
import { provisionStores } from '../store/provisionStores';
import { readLauncherEnv } from './env';
import { spawnService, stopServices, waitReady, type ServiceProcess } from './nodeProcesses';

/**
 * `npm start`: the whole network on this machine — stores, one registry node process per
 * jurisdiction with a node in the network directory, demo data, and the gateway — until Ctrl-C,
 * which stops everything cleanly.
 */
async function main(): Promise<void> {
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const env = readLauncherEnv();
  const log = (l: string) => process.stdout.write(`${l}\n`);
  const keyFiles = keyFilesIn(path.join(REPO_ROOT, '.secrets'));
  ensureDevKeys(keyFiles);
  const dataDir = path.join(env.AIDNET_DATA_DIR, 'ferretdb');
  const stores = await provisionStores({ dataDir, log });
  log(
    `Stores: MongoDB wire at ${stores.mongoUrl}${stores.embedded ? ` (embedded FerretDB, data in ${dataDir})` : ''}; Redis at ${stores.redisUrl}`,
  );

  const network = loadNetwork(env.NETWORK_FILE);
  const gatewayUrl = `http://127.0.0.1:${env.PORT}/graphql`;
  const services: ServiceProcess[] = [];
  let summary = { nodeCount: 0 };
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log('Stopping the network…');
    await stopServices(services);
    await stores.stop();
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));

  try {
    for (const entry of network.nodes()) {
      const url = entry.node?.url as string;
      const nodeEnv = {
        JURISDICTION: entry.code,
        PORT: new URL(url).port,
        NETWORK_FILE: env.NETWORK_FILE,
        MONGODB_URL: stores.mongoUrl,
        LOG_LEVEL: env.LOG_LEVEL,
      };
      services.push(spawnService(`registry ${entry.code}`, 'services/registry/src/main.ts', nodeEnv, url));
    }
    await Promise.all(services.map((s) => waitReady(s, 180_000)));
    const nodeCount = services.length;
    log((await seedNetwork({ entries: network.entries, signingKey: readSigningKey(keyFiles.signingKeyFile) })).summary);
    // Mutual aid: the subgraph (API) and its worker (timers, retries, webhooks) as two processes.
    const aidUrl = `http://127.0.0.1:${env.MUTUAL_AID_PORT}/graphql`;
    const aidEnv = {
      MONGODB_URL: stores.mongoUrl,
      REDIS_URL: stores.redisUrl,
      NETWORK_FILE: env.NETWORK_FILE,
      GATEWAY_URL: gatewayUrl,
      LOG_LEVEL: env.LOG_LEVEL,
    };
    const aid = spawnService(
      'mutual-aid',
      'services/mutual-aid/src/main.ts',
      { ...aidEnv, PORT: String(env.MUTUAL_AID_PORT), MUTUAL_AID_ROLE: 'api' },
      aidUrl,
    );
    services.push(aid, spawnService('mutual-aid worker', 'services/mutual-aid/src/worker.ts', aidEnv, ''));
    // Conference: the subgraph (with the .docx downloads) and its reminder worker.
    const conferenceUrl = `http://127.0.0.1:${env.CONFERENCE_PORT}/graphql`;
    const conferenceEnv = {
      MONGODB_URL: stores.mongoUrl,
      REDIS_URL: stores.redisUrl,
      NETWORK_FILE: env.NETWORK_FILE,
      PUBLIC_BASE_URL: new URL(gatewayUrl).origin,
      LOG_LEVEL: env.LOG_LEVEL,
    };
    const conference = spawnService(
      'conference',
      'services/conference/src/main.ts',
      { ...conferenceEnv, PORT: String(env.CONFERENCE_PORT), CONFERENCE_ROLE: 'api' },
      conferenceUrl,
    );
    services.push(
      conference,
      spawnService('conference worker', 'services/conference/src/worker.ts', conferenceEnv, ''),
    );
    await Promise.all([waitReady(aid, 60_000), waitReady(conference, 60_000)]);
    // The web console's demo sign-ins (development only; git-ignored like the rest of .data/).
    const demoFile = path.join(env.AIDNET_DATA_DIR, 'console-demo-identities.json');
    const demoKey = readSigningKey(keyFiles.signingKeyFile);
    const demo = demoIdentities(network, (p) =>
      signToken({ ...p, roles: p.roles as Role[] }, demoKey, {
        audience: 'aidnet',
        issuer: 'aidnet',
        expiresIn: '12h',
      }),
    );
    writeFileSync(demoFile, JSON.stringify(demo, null, 2), { mode: 0o600 });
    const gateway = spawnService(
      'gateway',
      'gateway/src/main.ts',
      {
        PORT: String(env.PORT),
        NETWORK_FILE: env.NETWORK_FILE,
        LOG_LEVEL: env.LOG_LEVEL,
        SUBGRAPHS: `mutual-aid=${aidUrl},conference=${conferenceUrl}`,
        CONSOLE_DEMO_IDENTITIES_FILE: demoFile,
      },
      gatewayUrl,
    );
    services.push(gateway);
    await waitReady(gateway, 60_000);
    log(await seedConference(gatewayUrl, readSigningKey(keyFiles.signingKeyFile)));
    summary = { nodeCount };
  } catch (e) {
    process.stderr.write(`Start failed: ${(e as Error).message}\n`);
    await stop(1);
    return;
  }

  const key = readSigningKey(keyFiles.signingKeyFile);
  const tokenOf = (jurisdiction: string, role: Role) =>
    signToken(
      {
        sub: `${role}@${jurisdiction}`,
        name: `${network.get(jurisdiction)?.name ?? jurisdiction}${role === 'commander' ? '指挥员' : '值班员'}`,
        jurisdiction,
        roles: [role],
      },
      key,
      {
        audience: 'aidnet',
        issuer: 'aidnet',
        expiresIn: '12h',
      },
    );
  const districts = network
    .nodes()
    .filter((e) => e.level === 'DISTRICT')
    .slice(0, 2);
  log(`\nAidNet is up: ${summary.nodeCount} jurisdiction nodes, mutual aid, the joint conference and the gateway.`);
  log(
    `\n  Console   ${new URL(gatewayUrl).origin}/  (demo sign-ins: ${path.join(env.AIDNET_DATA_DIR, 'console-demo-identities.json')})`,
  );
  log(`  Gateway   ${gatewayUrl}`);
  for (const s of services.filter((x) => x.url && x.name !== 'gateway')) log(`  ${s.name.padEnd(28)} ${s.url}`);
  log('\nTokens (12 h):');
  for (const d of districts) {
    for (const role of ['commander', 'duty_officer'] as const) {
      log(`  ${d.code} ${role}:\n    ${tokenOf(d.code, role)}`);
    }
  }
  log(`\nTry (see README.md for more):
  TOKEN=<a token above>
  curl -s ${gatewayUrl} -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \\
    -d '{"query":"{ onDuty(jurisdictions: [\\"jintan\\"]) { jurisdiction { name } posture leader phone } }"}'
More tokens: npm run -s token -- --jurisdiction <code> --role <role>`);
  log('\nPress Ctrl-C to stop.');
}

void main();

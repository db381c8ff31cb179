import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../services/common/src/paths';
import { createLogger } from '../../services/common/src/logger';
import { DEFAULT_TRAVEL_MODEL } from '../../services/common/src/geo';
import type { NetworkDirectory } from '../../services/common/src/network';
import type { MutualAidSettings } from '../../services/mutual-aid/src/commands/deps';
import {
  startConference,
  type ConferenceConfig,
  type ConferenceService,
} from '../../services/conference/src/conferenceService';
import type { ReminderSettings } from '../../services/conference/src/reminders/reminderPlan';
import {
  startMutualAid,
  type MutualAidConfig,
  type MutualAidService,
} from '../../services/mutual-aid/src/mutualAidService';
import { graphql, type GraphQLResult, type TypedOperation } from './graphql';
import { startTestNetwork, type TestNetwork, type TestNetworkOptions } from './network';
import { testMongoUrl } from './registry';
import { AUDIENCE, ISSUER, publicKeys, signingKey, tokenFor } from './tokens';

/**
 * A real mutual-aid network for tests: registry nodes, the mutual-aid service (API and worker in
 * this process, with its own database and queue prefix) and the gateway composing both.
 */
export type TestRole = 'commander' | 'duty_officer' | 'observer' | 'registrar' | 'secretariat' | 'social_org';

export interface AidNetwork extends TestNetwork {
  aid: MutualAidService;
  /** Started when the options ask for it. */
  conference: ConferenceService | null;
  conferenceConfig: ConferenceConfig | null;
  config: MutualAidConfig;
  /**
   * A GraphQL call through the gateway as `role` of `jurisdiction`: typed by a generated document
   * (the kit's, in requests.ts and conference.ts), or an inline query string.
   */
  as<T, V>(
    jurisdiction: string,
    role: TestRole,
    document: TypedOperation<T, V>,
    variables: V,
  ): Promise<GraphQLResult<T>>;
  as<T = Record<string, any>>(
    jurisdiction: string,
    role: TestRole,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResult<T>>;
  /** Stops the mutual-aid service and starts it again on the same port, database and queues. */
  restartAid(): Promise<void>;
}

export interface AidNetworkOptions extends Omit<TestNetworkOptions, 'subgraphs'> {
  settings?: Partial<MutualAidSettings>;
  redisUrl?: string;
  sweepIntervalMs?: number;
  reconcileGraceMs?: number;
  nodeCallDeadlineMs?: number;
  /** Run the worker role in a child process (see spawnAidWorker) instead of in this process. */
  workerInChild?: boolean;
  /** Also start the conference service (API and worker in this process). */
  conference?: { now?: () => Date; reminders?: ReminderSettings; sweepIntervalMs?: number };
}

export function conferenceConfig(
  directory: NetworkDirectory,
  options: NonNullable<AidNetworkOptions['conference']>,
  redisUrl: string,
): ConferenceConfig {
  const tag = randomBytes(4).toString('hex');
  return {
    mongoUrl: testMongoUrl(),
    databaseName: `aidnet_t${tag}_conference`,
    redisUrl,
    queuePrefix: `conftest_${tag}`,
    host: '127.0.0.1',
    port: 0,
    publicBaseUrl: 'http://127.0.0.1:9',
    network: directory,
    publicKeys: publicKeys(),
    audience: AUDIENCE,
    issuer: ISSUER,
    reminders: options.reminders ?? { beforeDueMs: 3 * 86_400_000, overdueEveryMs: 7 * 86_400_000 },
    sweepIntervalMs: options.sweepIntervalMs ?? 3_600_000,
    bodyLimit: '256kb',
    logger: createLogger('conference-test', process.env.TEST_LOG_LEVEL ?? 'silent'),
    ...(options.now ? { now: options.now } : {}),
    roles: { api: true, worker: true },
  };
}

export function aidConfig(directory: NetworkDirectory, options: AidNetworkOptions = {}): MutualAidConfig {
  const tag = randomBytes(4).toString('hex');
  return {
    mongoUrl: testMongoUrl(),
    databaseName: `aidnet_t${tag}_mutual_aid`,
    redisUrl: options.redisUrl ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    queuePrefix: `aidtest_${tag}`,
    host: '127.0.0.1',
    port: 0,
    network: directory,
    publicKeys: publicKeys(),
    audience: AUDIENCE,
    issuer: ISSUER,
    serviceKey: signingKey(),
    gatewayUrl: 'http://127.0.0.1:9/gateway-not-started-yet',
    nodeDeadlineMs: options.nodeCallDeadlineMs ?? 1500,
    settings: {
      defaultWindowMs: 15 * 60_000,
      maxRings: 3,
      sagaRetryBaseMs: 200,
      sagaRetryMaxMs: 1000,
      ...options.settings,
    },
    travel: DEFAULT_TRAVEL_MODEL,
    bodyLimit: '256kb',
    sweepIntervalMs: options.sweepIntervalMs ?? 500,
    reconcileIntervalMs: 3_600_000, // tests call reconcileOnce() themselves
    reconcileGraceMs: options.reconcileGraceMs ?? 0,
    logger: createLogger('mutual-aid-test', process.env.TEST_LOG_LEVEL ?? 'silent'),
    roles: { api: true, worker: true },
  };
}

export async function startAidNetwork(codes: readonly string[], options: AidNetworkOptions = {}): Promise<AidNetwork> {
  let config: MutualAidConfig | undefined;
  let aid: MutualAidService | undefined;
  let confConfig: ConferenceConfig | null = null;
  let conference: ConferenceService | null = null;
  const net = await startTestNetwork(codes, {
    ...options,
    subgraphs: async (directory) => {
      config = aidConfig(directory, options);
      if (options.workerInChild) config.roles = { api: true, worker: false };
      aid = await startMutualAid(config);
      config.port = Number(new URL(aid.url!).port);
      const subgraphs = [{ name: 'mutual-aid', file: 'schema/mutual-aid.graphql', url: aid.url! }];
      if (options.conference) {
        confConfig = conferenceConfig(directory, options.conference, config.redisUrl);
        conference = await startConference(confConfig);
        confConfig.port = Number(new URL(conference.url!).port);
        subgraphs.push({ name: 'conference', file: 'schema/conference.graphql', url: conference.url! });
      }
      return subgraphs;
    },
  });
  aid!.setGatewayUrl(net.gateway.url);
  const network: AidNetwork = {
    ...net,
    aid: aid!,
    config: config!,
    conference,
    conferenceConfig: confConfig,
    // The overloads only type the call: a typed document goes out as its string, like a query.
    as: ((jurisdiction: string, role: TestRole, query: string, variables?: Record<string, unknown>) =>
      graphql(
        net.gateway.url,
        query,
        variables,
        tokenFor({ jurisdiction, roles: [role], name: `${jurisdiction}${role}` }),
      )) as AidNetwork['as'],
    async restartAid() {
      await network.aid.stop();
      network.aid = await startMutualAid(network.config);
      network.aid.setGatewayUrl(net.gateway.url);
    },
    async stop() {
      await network.aid.deps.store.conn.dropDatabase().catch(() => undefined);
      await network.aid.stop().catch(() => undefined);
      if (network.conference) {
        await network.conference.deps.store.conn.dropDatabase().catch(() => undefined);
        await network.conference.stop().catch(() => undefined);
      }
      await net.stop();
    },
  };
  return network;
}

export interface AidWorker {
  child: ChildProcess;
  /** SIGKILL: no clean stop, as in a crash. */
  kill(): Promise<void>;
}

/**
 * Starts the mutual-aid worker entry point (services/mutual-aid/src/worker.ts) as a real child
 * process on the network's database and queues. @returns once it reports ready.
 */
export async function spawnAidWorker(net: AidNetwork, extraEnv: NodeJS.ProcessEnv = {}): Promise<AidWorker> {
  const c = net.config;
  const dir = path.join(REPO_ROOT, '.data/test');
  mkdirSync(dir, { recursive: true });
  const networkFile = path.join(dir, `${c.queuePrefix}-network.json`);
  writeFileSync(networkFile, JSON.stringify({ jurisdictions: c.network.entries }));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(REPO_ROOT, 'services/mutual-aid/src/worker.ts')],
    {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        MONGODB_URL: c.mongoUrl,
        MUTUAL_AID_DATABASE: c.databaseName,
        REDIS_URL: c.redisUrl,
        QUEUE_PREFIX: c.queuePrefix,
        NETWORK_FILE: networkFile,
        NODE_DEADLINE_MS: String(c.nodeDeadlineMs),
        MAX_ESCALATION_RINGS: String(c.settings.maxRings),
        SAGA_RETRY_BASE_MS: String(c.settings.sagaRetryBaseMs),
        SAGA_RETRY_MAX_MS: String(c.settings.sagaRetryMaxMs),
        SWEEP_INTERVAL_MS: String(c.sweepIntervalMs),
        RECONCILE_INTERVAL_MS: String(c.reconcileIntervalMs),
        LOG_LEVEL: 'info',
        METRICS_PORT: '0',
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker not ready in 30 s: ${stderr}`)), 30_000);
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('mutual-aid worker ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`worker exited (${code}): ${stderr}`));
    });
  });
  return {
    child,
    kill: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}

// Any ApolloGateway (ours or the stock one) phones home unless this is set first.
process.env.APOLLO_TELEMETRY_DISABLED = 'true';

import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { signToken } from '../../services/common/src/auth';
import { ensureDevKeys, keyFilesIn, readSigningKey } from '../../services/common/src/devKeys';
import {
  DEFAULT_NETWORK_FILE,
  loadNetwork,
  type JurisdictionEntry,
  type NetworkDirectory,
} from '../../services/common/src/network';
import { REPO_ROOT } from '../../services/common/src/paths';
import { stopServices, waitReady } from '../launcher/nodeProcesses';
import { provisionStores, type ProvisionedStores } from '../store/provisionStores';
import { startBlackHole, type BlackHole } from './blackHole';
import { readBenchEnv } from './env';
import { combineLoads, runLoad, stopCurrentLoad, type LoadResult } from './load';
import {
  freePorts,
  logTail,
  machineBusyMs,
  processCpu,
  processCpuMs,
  spawnLogged,
  treeCpuMs,
  type BenchProcess,
} from './processes';
import { formatProfile, summarizeProfile } from './profileSummary';
import { seedTeams } from './seedTeams';

/**
 * `npm run bench`: the network on 127.0.0.1 (24 registry node processes on a fresh embedded
 * FerretDB, our gateway, a stock Apollo Gateway, delaying proxies and a black hole), autocannon
 * against it, and one table with p50, p99 and throughput per scenario, the ratios and the goals.
 * Everything it starts is stopped at the end, on errors and on Ctrl-C.
 */
const env = readBenchEnv();
const DATA_DIR = path.join(REPO_ROOT, '.data');
const FERRET_DIR = '.data/bench-ferretdb';
const LOG_DIR = path.join(DATA_DIR, 'bench-logs');
const PROF_DIR = path.join(DATA_DIR, 'bench-prof');
/** The whole run, setup included, is aborted (and cleaned up) after this. */
const TIME_BUDGET_MS = 8 * 60_000;

/** The single jurisdiction of (i)-(iii) and (v one), the token's, and the node black-holed in (vi). */
const TARGET = 'wujin';
const BLACK_HOLED = 'wujin.hengshanqiao';
/** The node run under `node --cpu-prof` with BENCH_PROFILE=1 (any node but the target would do). */
const PROFILED_NODE = 'wujin.hutang';

const TEAMS_QUERY = `query BenchTeams($near: GeoPointInput!, $jurisdictions: [ID!]) {
  teams(filter: { near: $near }, orderBy: ETA, first: 20, jurisdictions: $jurisdictions) {
    totalCount
    edges {
      etaMinutes
      distanceKm
      cursor
      node {
        id
        name
        kind
        tier
        headcount
        status
        readinessMinutes
        type { code nameZh }
        base { lat lng }
        jurisdiction { code name }
        contact { name phone }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

const log = (line = '') => process.stdout.write(`${line}\n`);

// ------------------------------------------------------------------------------------------------
// Lifecycle: everything started is registered here and stopped once, whatever happens.
// ------------------------------------------------------------------------------------------------

const services: BenchProcess[] = [];
/** The registry node processes and the delaying proxy, whose CPU time is also reported on its own. */
let registryNodes: BenchProcess[] = [];
let delayProxies: BenchProcess[] = [];

function cpuMsOf(processes: readonly BenchProcess[]): number {
  let total = 0;
  for (const n of processes) {
    try {
      if (n.child.pid) total += processCpuMs(n.child.pid);
    } catch {
      // a process that has ended (none should) adds nothing
    }
  }
  return total;
}
let stores: ProvisionedStores | undefined;
let blackHole: BlackHole | undefined;
let aborted = false;
let cleaning: Promise<void> | undefined;

function checkAbort(): void {
  if (aborted) throw new Error('aborted');
}

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    aborted = true;
    stopCurrentLoad();
    await stopServices(services).catch(() => undefined);
    await blackHole?.close().catch(() => undefined);
    await stores?.stop().catch(() => undefined);
  })();
  return cleaning;
}

function spawnChild(
  name: string,
  entry: string,
  childEnv: NodeJS.ProcessEnv,
  url: string,
  nodeArgs: readonly string[] = [],
): BenchProcess {
  checkAbort();
  // Configured as deployed (Dockerfile, docker-compose.yml): NODE_ENV=production.
  const p = spawnLogged(name, entry, { NODE_ENV: 'production', ...childEnv }, url, LOG_DIR, nodeArgs);
  services.push(p);
  return p;
}

async function ready(p: BenchProcess, timeoutMs: number): Promise<void> {
  try {
    await waitReady(p, timeoutMs);
  } catch (e) {
    throw new Error(`${(e as Error).message}\n--- ${p.logFile} (tail) ---\n${logTail(p)}`);
  }
}

// ------------------------------------------------------------------------------------------------
// Requests and checks
// ------------------------------------------------------------------------------------------------

interface TeamsAnswer {
  data?: {
    teams?: {
      totalCount: number;
      edges: { etaMinutes: number; node: { id: string; jurisdiction: { code: string } } }[];
    };
  } | null;
  errors?: { message: string; extensions?: { code?: string; jurisdiction?: string } }[];
}

async function post(url: string, body: string, authorization: string): Promise<TeamsAnswer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body,
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${url} answered HTTP ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as TeamsAnswer;
}

function check(condition: boolean, what: string, answer?: TeamsAnswer): void {
  if (condition) return;
  const detail = answer
    ? `\n  edges: ${answer.data?.teams?.edges.length ?? 'none'}, errors: ${JSON.stringify(answer.errors ?? []).slice(0, 600)}`
    : '';
  throw new Error(`check failed: ${what}${detail}`);
}

function etaSorted(answer: TeamsAnswer): boolean {
  const etas = answer.data?.teams?.edges.map((e) => e.etaMinutes) ?? [];
  return etas.every((eta, i) => i === 0 || (etas[i - 1] as number) <= eta);
}

/** A clean answer: edges and no errors (cheap string test; it runs on every response). */
const cleanBody = (body: string) => body.includes('"edges":[{') && !body.includes('"errors"');

/** (vi): edges, and exactly the black-holed node reported unavailable. */
const blackHoleBody = (body: string) => {
  if (!body.includes('"edges":[{')) return false;
  try {
    const errors = (JSON.parse(body) as TeamsAnswer).errors ?? [];
    return (
      errors.length === 1 &&
      errors[0]?.extensions?.code === 'JURISDICTION_UNAVAILABLE' &&
      errors[0]?.extensions?.jurisdiction === BLACK_HOLED
    );
  } catch {
    return false;
  }
};

// ------------------------------------------------------------------------------------------------
// Scenarios and the report
// ------------------------------------------------------------------------------------------------

interface Row {
  id: string;
  label: string;
  connections: number;
  result: LoadResult;
  /** Gateway CPU (ms) per request during the measured run, and its kernel (system) part. */
  cpuMsPerRequest?: number;
  sysMsPerRequest?: number;
  /** CPU (ms) per request of everything else the bench started: nodes, FerretDB, proxies. */
  backendMsPerRequest?: number;
  /** The registry node processes' part of it. */
  nodesMsPerRequest?: number;
  /** The delaying proxy's part of it. */
  proxyMsPerRequest?: number;
  /** CPU used by processes that are not the bench's, in % of the machine, during the run. */
  otherCpuPct: number;
}

const rows: Row[] = [];

interface Scenario {
  id: string;
  label: string;
  url: string;
  body: string;
  authorization: string;
  verify: (body: string) => boolean;
  connections: number;
  /** Seconds measured in all (split over the slices of its group). */
  durationS: number;
  warmupS: number;
  /** The gateway process whose CPU time is measured. */
  cpuOf?: BenchProcess;
  /** Exactly this many requests instead of a duration. */
  amount?: number;
}

const fmt = (n: number | undefined, digits = 1) => (n === undefined || Number.isNaN(n) ? '—' : n.toFixed(digits));

interface Tally {
  parts: LoadResult[];
  gatewayMs: number;
  gatewaySysMs: number;
  backendMs: number;
  nodesMs: number;
  proxyMs: number;
  otherMs: number;
  wallMs: number;
}

/**
 * Measures scenarios that are compared with each other in interleaved slices (A B C A B C …), so
 * that load from other processes on the machine, which comes and goes, falls on each alike.
 */
async function measure(group: Scenario[], slices = 1): Promise<Row[]> {
  checkAbort();
  for (const sc of group) {
    if (sc.warmupS > 0) {
      await runLoad({
        url: sc.url,
        body: sc.body,
        authorization: sc.authorization,
        verify: sc.verify,
        connections: sc.connections,
        durationS: sc.warmupS,
      });
    }
    checkAbort();
  }
  const tallies: Tally[] = group.map(() => ({
    parts: [],
    gatewayMs: 0,
    gatewaySysMs: 0,
    backendMs: 0,
    nodesMs: 0,
    proxyMs: 0,
    otherMs: 0,
    wallMs: 0,
  }));
  for (let slice = 0; slice < slices; slice++) {
    for (const [i, sc] of group.entries()) {
      const tally = tallies[i] as Tally;
      const pid = sc.cpuOf?.child.pid;
      const gw0 = pid ? processCpu(pid) : { userMs: 0, sysMs: 0 };
      const self0 = process.cpuUsage();
      const [busy0, tree0, nodes0, proxy0, t0] = [
        machineBusyMs(),
        treeCpuMs(process.pid),
        cpuMsOf(registryNodes),
        cpuMsOf(delayProxies),
        Date.now(),
      ];
      const base = {
        url: sc.url,
        body: sc.body,
        authorization: sc.authorization,
        verify: sc.verify,
        connections: sc.connections,
      };
      const part = await runLoad(
        sc.amount !== undefined
          ? { ...base, amount: sc.amount, hardLimitMs: 60_000 }
          : { ...base, durationS: Math.max(1, Math.round(sc.durationS / slices)) },
      );
      const gw1 = pid ? processCpu(pid) : { userMs: 0, sysMs: 0 };
      const gw = gw1.userMs + gw1.sysMs - gw0.userMs - gw0.sysMs;
      const self = process.cpuUsage(self0);
      const [busy1, tree1, nodes1, proxy1, t1] = [
        machineBusyMs(),
        treeCpuMs(process.pid),
        cpuMsOf(registryNodes),
        cpuMsOf(delayProxies),
        Date.now(),
      ];
      checkAbort();
      const tree = tree1 - tree0;
      tally.parts.push(part);
      tally.gatewayMs += gw;
      tally.gatewaySysMs += gw1.sysMs - gw0.sysMs;
      tally.backendMs += Math.max(0, tree - gw - (self.user + self.system) / 1000);
      tally.nodesMs += nodes1 - nodes0;
      tally.proxyMs += proxy1 - proxy0;
      tally.otherMs += Math.max(0, busy1 - busy0 - tree);
      tally.wallMs += t1 - t0;
    }
  }
  return group.map((sc, i) => {
    const tally = tallies[i] as Tally;
    const result = combineLoads(tally.parts);
    const row: Row = {
      id: sc.id,
      label: sc.label,
      connections: sc.connections,
      result,
      otherCpuPct: (100 * tally.otherMs) / (Math.max(1, tally.wallMs) * os.cpus().length),
    };
    if (result.responses > 0) {
      if (sc.cpuOf) {
        row.cpuMsPerRequest = tally.gatewayMs / result.responses;
        row.sysMsPerRequest = tally.gatewaySysMs / result.responses;
      }
      row.backendMsPerRequest = tally.backendMs / result.responses;
      row.nodesMsPerRequest = tally.nodesMs / result.responses;
      row.proxyMsPerRequest = tally.proxyMs / result.responses;
    }
    rows.push(row);
    log(
      `  ${sc.id.padEnd(11)} p50 ${fmt(result.p50).padStart(7)} ms  p99 ${fmt(result.p99).padStart(7)} ms  ${fmt(result.rps, 1).padStart(6)} req/s  ` +
        `(${result.responses} responses, ${result.errors + result.non2xx + result.badBodies} bad; other processes ${row.otherCpuPct.toFixed(0)}% CPU)`,
    );
    return row;
  });
}

function printTable(): void {
  const header = [
    'scenario',
    'conns',
    'requests',
    'p50 ms',
    'p99 ms',
    'max ms',
    'req/s',
    'err/non2xx/bad',
    'gw CPU ms/req',
    'backend CPU ms/req',
    'nodes',
    'proxy',
    'others',
  ];
  const body = rows.map((r) => [
    `${r.id.padEnd(9)} ${r.label}`,
    String(r.connections),
    String(r.result.responses),
    fmt(r.result.p50),
    fmt(r.result.p99),
    fmt(r.result.max, 0),
    fmt(r.result.rps, 0),
    `${r.result.errors}/${r.result.non2xx}/${r.result.badBodies}`,
    r.cpuMsPerRequest === undefined ? '' : fmt(r.cpuMsPerRequest, 2),
    fmt(r.backendMsPerRequest, 0),
    fmt(r.nodesMsPerRequest, 0),
    fmt(r.proxyMsPerRequest, 0),
    `${r.otherCpuPct.toFixed(0)}%`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] as string).length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  log(line(header));
  log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const b of body) log(line(b));
}

interface Goal {
  what: string;
  value: number;
  unit: string;
  limit: number;
  note?: string;
}

function printGoals(goals: Goal[]): void {
  for (const g of goals) {
    const verdict = Number.isNaN(g.value) ? 'n/a ' : g.value <= g.limit ? 'PASS' : 'MISS';
    log(
      `  ${g.what.padEnd(58)} ${fmt(g.value, 2).padStart(7)}${g.unit.padEnd(3)}  goal ≤ ${String(g.limit).padEnd(5)}${g.unit.padEnd(3)} ${verdict}${g.note ? `  (${g.note})` : ''}`,
    );
  }
}

function findRow(id: string): Row | undefined {
  return rows.find((r) => r.id === id);
}

// ------------------------------------------------------------------------------------------------
// The run
// ------------------------------------------------------------------------------------------------

function writeNetworkFile(file: string, network: NetworkDirectory, urls: Record<string, string>): string {
  const jurisdictions = network.entries.map((e: JurisdictionEntry) => {
    const { node: _node, ...rest } = e;
    return urls[e.code] ? { ...rest, node: { url: urls[e.code] } } : rest;
  });
  writeFileSync(file, `${JSON.stringify({ jurisdictions }, null, 2)}\n`);
  return file;
}

function newestProfile(since: number, dir = PROF_DIR): string | undefined {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.cpuprofile'))
      .map((f) => path.join(dir, f))
      .filter((f) => statSync(f).mtimeMs >= since)
      .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const C = env.BENCH_CONNECTIONS;
  const D = env.BENCH_DURATION_S;
  const W = env.BENCH_WARMUP_S;
  // (D and W are per scenario; a group's scenarios are measured in interleaved slices.)
  log(
    `AidNet bench — ${os.cpus().length} CPU cores (${os.cpus()[0]?.model ?? '?'}), Node ${process.version}, autocannon, 127.0.0.1 only`,
  );
  log(
    `  ${C} connections for (i)-(iii), ${env.BENCH_FANOUT_CONNECTIONS} for (iv)-(vi); ${W} s warm-up + ${D} s per scenario; ` +
      `(${env.BENCH_FANOUT_DURATION_S} s for fan-outs); ${env.BENCH_TEAMS_PER_NODE} teams per node; ` +
      `node deadline ${env.BENCH_NODE_DEADLINE_MS} ms, breaker ${env.BENCH_BREAKER_FAILURES} failures / ${env.BENCH_BREAKER_OPEN_MS} ms`,
  );
  log(
    `  load average before start: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );

  // Keys and the caller's token (commander of wujin).
  const keyFiles = keyFilesIn(path.join(REPO_ROOT, '.secrets'));
  ensureDevKeys(keyFiles);
  const token = signToken(
    { sub: 'bench@wujin', name: '武进区指挥员(bench)', jurisdiction: TARGET, roles: ['commander'] },
    readSigningKey(keyFiles.signingKeyFile),
    {
      audience: 'aidnet',
      issuer: 'aidnet',
      expiresIn: '1h',
    },
  );
  const authorization = `Bearer ${token}`;
  const authEnv = { AUTH_PUBLIC_KEYS_FILE: keyFiles.publicKeysFile, AUTH_AUDIENCE: 'aidnet', AUTH_ISSUER: 'aidnet' };

  // A fresh embedded FerretDB (MONGODB_URL is ignored: the bench writes its own data).
  rmSync(path.join(REPO_ROOT, FERRET_DIR), { recursive: true, force: true });
  rmSync(LOG_DIR, { recursive: true, force: true });
  mkdirSync(LOG_DIR, { recursive: true });
  stores = await provisionStores({
    dataDir: FERRET_DIR,
    env: { ...process.env, MONGODB_URL: '' },
    log: (l) => log(`  ${l}`),
  });
  checkAbort();
  const mongoUrl = stores.mongoUrl;

  const network = loadNetwork(DEFAULT_NETWORK_FILE);
  const entries = network.nodes();
  const N = entries.length;
  if (!network.get(TARGET)?.node || !network.get(BLACK_HOLED)?.node) {
    throw new Error(`${TARGET} and ${BLACK_HOLED} must have nodes in ops/network.json`);
  }
  const ports = await freePorts(2 * N + 4);
  const nodePort = new Map(entries.map((e, i) => [e.code, ports[i] as number]));
  const proxyPort = new Map(entries.map((e, i) => [e.code, ports[N + i] as number]));
  const [stockPort, directPort, delayedPort, blackHolePort] = ports.slice(2 * N) as [number, number, number, number];
  const urlOf = (port: number) => `http://127.0.0.1:${port}/graphql`;

  // 24 registry node processes.
  let t = Date.now();
  const profiling = env.BENCH_PROFILE === '1';
  const nodesSince = Date.now();
  const nodes = entries.map((e) =>
    spawnChild(
      `node ${e.code}`,
      'services/registry/src/main.ts',
      {
        JURISDICTION: e.code,
        HOST: '127.0.0.1',
        PORT: String(nodePort.get(e.code)),
        MONGODB_URL: mongoUrl,
        NETWORK_FILE: DEFAULT_NETWORK_FILE,
        LOG_LEVEL: env.BENCH_LOG_LEVEL,
        ...authEnv,
      },
      urlOf(nodePort.get(e.code) as number),
      profiling && e.code === PROFILED_NODE
        ? ['--cpu-prof', '--cpu-prof-interval=250', `--cpu-prof-dir=${path.join(PROF_DIR, 'node')}`]
        : [],
    ),
  );
  await Promise.all(nodes.map((n) => ready(n, 240_000)));
  registryNodes = nodes;
  log(`  ${N} registry nodes ready in ${((Date.now() - t) / 1000).toFixed(1)} s`);

  t = Date.now();
  const seeded = await seedTeams(mongoUrl, entries, env.BENCH_TEAMS_PER_NODE);
  log(`  ${seeded} teams seeded in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  checkAbort();

  // The delaying proxies (a child process of their own) and the black hole.
  const proxy = spawnChild(
    'delay proxy',
    'ops/bench/delayProxyMain.ts',
    {
      BENCH_PROXY_ROUTES: JSON.stringify(
        entries.map((e) => ({ listenPort: proxyPort.get(e.code), targetPort: nodePort.get(e.code) })),
      ),
      BENCH_DELAY_MS: String(env.BENCH_DELAY_MS),
    },
    urlOf(proxyPort.get(TARGET) as number),
  );
  delayProxies = [proxy];
  blackHole = await startBlackHole();

  const direct: Record<string, string> = {};
  const delayed: Record<string, string> = {};
  for (const e of entries) {
    direct[e.code] = urlOf(nodePort.get(e.code) as number);
    delayed[e.code] = urlOf(proxyPort.get(e.code) as number);
  }
  const directFile = writeNetworkFile(path.join(DATA_DIR, 'bench-network.json'), network, direct);
  const delayedFile = writeNetworkFile(path.join(DATA_DIR, 'bench-network-delayed.json'), network, delayed);
  const blackHoleFile = writeNetworkFile(path.join(DATA_DIR, 'bench-network-blackhole.json'), network, {
    ...direct,
    [BLACK_HOLED]: blackHole.url,
  });

  // The gateways, each in its own process so its CPU time is its own.
  const gatewayEnv = (port: number, file: string) => ({
    HOST: '127.0.0.1',
    PORT: String(port),
    NETWORK_FILE: file,
    SUBGRAPHS: '',
    NODE_DEADLINE_MS: String(env.BENCH_NODE_DEADLINE_MS),
    BREAKER_FAILURES: String(env.BENCH_BREAKER_FAILURES),
    BREAKER_OPEN_MS: String(env.BENCH_BREAKER_OPEN_MS),
    LOG_LEVEL: env.BENCH_LOG_LEVEL,
    ...authEnv,
  });
  t = Date.now();
  const stock = spawnChild(
    'stock gateway',
    'ops/bench/stockGateway.ts',
    { PORT: String(stockPort), BENCH_NODE_URL: direct[TARGET], LOG_LEVEL: env.BENCH_LOG_LEVEL },
    urlOf(stockPort),
  );
  const ours = spawnChild(
    'gateway direct',
    'gateway/src/main.ts',
    gatewayEnv(directPort, directFile),
    urlOf(directPort),
  );
  const oursDelayed = spawnChild(
    'gateway delayed',
    'gateway/src/main.ts',
    gatewayEnv(delayedPort, delayedFile),
    urlOf(delayedPort),
  );
  const oursBlackHole = spawnChild(
    'gateway blackhole',
    'gateway/src/main.ts',
    gatewayEnv(blackHolePort, blackHoleFile),
    urlOf(blackHolePort),
  );
  await Promise.all([proxy, stock, ours, oursDelayed, oursBlackHole].map((p) => ready(p, 90_000)));
  log(`  gateways (ours ×3, stock ×1) and ${N} delaying proxies ready in ${((Date.now() - t) / 1000).toFixed(1)} s`);

  // Same document everywhere; only `jurisdictions` differs between targeted and fanned out.
  const near = network.get(TARGET)?.location;
  const single = JSON.stringify({
    query: TEAMS_QUERY,
    operationName: 'BenchTeams',
    variables: { near, jurisdictions: [TARGET] },
  });
  const all = JSON.stringify({ query: TEAMS_QUERY, operationName: 'BenchTeams', variables: { near } });

  // Warm every node directly (first executions are slow: JIT, first database queries), so that
  // the gateways' per-node deadline does not measure a cold start. Bounded: 3 rounds.
  t = Date.now();
  for (let round = 0; round < 3; round++) {
    await Promise.all(entries.map((e) => post(direct[e.code] as string, round % 2 ? single : all, authorization)));
  }
  // Then bring each node to the steady state of a long-running one (its request path compiled by
  // V8's optimising tier): in a fan-out each node sees only a few dozen requests a second, so
  // without this the measured runs would largely time the interpreter.
  for (const e of env.BENCH_NODE_WARMUP_REQUESTS > 0 ? entries : []) {
    await runLoad({
      url: direct[e.code] as string,
      body: e.code === TARGET ? single : all,
      authorization,
      connections: 4,
      amount: env.BENCH_NODE_WARMUP_REQUESTS,
      hardLimitMs: 30_000,
    });
    checkAbort();
  }
  log(`  nodes warmed in ${((Date.now() - t) / 1000).toFixed(1)} s (${env.BENCH_NODE_WARMUP_REQUESTS} requests each)`);

  // Correctness before speed: every path answers the same rows.
  const nodeAnswer = await post(direct[TARGET] as string, single, authorization);
  const stockAnswer = await post(stock.url, single, authorization);
  const oursAnswer = await post(ours.url, single, authorization);
  const delayedAnswer = await post(oursDelayed.url, single, authorization);
  // A fan-out on a busy 2-core machine can still miss the node deadline: up to 3 tries each.
  const fanOnce = async (url: string) => {
    let answer: TeamsAnswer = {};
    for (let attempt = 0; attempt < 3; attempt++) {
      answer = await post(url, all, authorization);
      if (!answer.errors) break;
    }
    return answer;
  };
  const fanAnswer = await fanOnce(ours.url);
  const fanDelayed = await fanOnce(oursDelayed.url);
  check(
    !nodeAnswer.errors && nodeAnswer.data?.teams?.edges.length === 20,
    `the ${TARGET} node answers 20 edges without errors`,
    nodeAnswer,
  );
  const same = (a: TeamsAnswer, b: TeamsAnswer) =>
    JSON.stringify(a.data) === JSON.stringify(b.data) && !a.errors && !b.errors;
  check(same(nodeAnswer, stockAnswer), 'the stock gateway answers what the node answers', stockAnswer);
  check(same(nodeAnswer, oursAnswer), 'our gateway (targeted) answers what the node answers', oursAnswer);
  check(same(nodeAnswer, delayedAnswer), 'our gateway behind the delay answers what the node answers', delayedAnswer);
  check(
    !fanAnswer.errors && fanAnswer.data?.teams?.edges.length === 20 && etaSorted(fanAnswer),
    'the fan-out answers 20 edges in ETA order without errors',
    fanAnswer,
  );
  check(
    fanAnswer.data?.teams?.totalCount === seeded,
    `the fan-out's totalCount is every seeded team (${seeded})`,
    fanAnswer,
  );
  check(
    new Set(fanAnswer.data?.teams?.edges.map((e) => e.node.jurisdiction.code)).size > 1,
    'the fan-out top 20 mixes several nodes',
  );
  check(same(fanAnswer, fanDelayed), 'the fan-out behind the delay answers the same rows', fanDelayed);
  log(
    `  checks: every path answers the same rows; fan-out top 20 from ${new Set(fanAnswer.data?.teams?.edges.map((e) => e.node.jurisdiction.code)).size} nodes, totalCount ${seeded}`,
  );

  log('');
  log('Measuring…');
  const CF = env.BENCH_FANOUT_CONNECTIONS;
  const FD = env.BENCH_FANOUT_DURATION_S;
  // Slices of 1 s for (i)-(iii), of 4 s for the fan-out pair.
  const SLICES = 4;
  const common = { authorization, connections: C, durationS: D, warmupS: W };
  // Fan-outs come about ten a second at one connection: warm up twice as long.
  const fanout = { ...common, connections: CF, durationS: FD, warmupS: 2 * W };
  await measure(
    [
      {
        ...common,
        id: '(i)',
        label: `teams → node ${TARGET}, direct`,
        url: direct[TARGET] as string,
        body: single,
        verify: cleanBody,
      },
      {
        ...common,
        id: '(ii)',
        label: `stock Apollo Gateway → ${TARGET}`,
        url: stock.url,
        body: single,
        verify: cleanBody,
        cpuOf: stock,
      },
      {
        ...common,
        id: '(iii)',
        label: `our gateway, jurisdictions: [${TARGET}]`,
        url: ours.url,
        body: single,
        verify: cleanBody,
        cpuOf: ours,
      },
    ],
    D,
  );
  const ivFromUs = Number(process.hrtime.bigint() / 1000n);
  const [iv] = (await measure([
    {
      ...fanout,
      id: '(iv)',
      label: `our gateway, fan-out to ${N} nodes, ETA, first: 20`,
      url: ours.url,
      body: all,
      verify: cleanBody,
      cpuOf: ours,
    },
  ])) as [Row];
  const ivToUs = Number(process.hrtime.bigint() / 1000n);
  await measure(
    [
      {
        ...fanout,
        id: '(v one)',
        label: `(iii), every node ${env.BENCH_DELAY_MS} ms away each way`,
        url: oursDelayed.url,
        body: single,
        verify: cleanBody,
        cpuOf: oursDelayed,
      },
      {
        ...fanout,
        id: '(v all)',
        label: `(iv), every node ${env.BENCH_DELAY_MS} ms away each way`,
        url: oursDelayed.url,
        body: all,
        verify: cleanBody,
        cpuOf: oursDelayed,
      },
    ],
    SLICES,
  );

  // (vi): warm the black-hole gateway with the targeted query (same document, so the query plan
  // is cached; the black hole is not touched). Then the calls before the breaker opens: with one
  // connection, the first BREAKER_FAILURES fan-outs each wait for the black hole's deadline.
  // Then the steady state, long enough to include one half-open retry of the black-holed node.
  await runLoad({
    url: oursBlackHole.url,
    body: single,
    authorization,
    connections: CF,
    durationS: 2 * W,
    verify: cleanBody,
  });
  check(blackHole.accepted() === 0, 'nothing reached the black hole during the warm-up');
  const firstCalls = Math.ceil(env.BENCH_BREAKER_FAILURES / CF) * CF;
  const blackHoled = {
    ...fanout,
    warmupS: 0,
    url: oursBlackHole.url,
    body: all,
    verify: blackHoleBody,
    cpuOf: oursBlackHole,
  };
  await measure([
    {
      ...blackHoled,
      id: '(vi first)',
      label: `(iv), ${BLACK_HOLED} black-holed: the ${firstCalls} calls before the breaker opens`,
      amount: firstCalls,
    },
  ]);
  const steadyS = Math.max(FD, Math.ceil((env.BENCH_BREAKER_OPEN_MS + env.BENCH_NODE_DEADLINE_MS) / 1000) + 2);
  await measure([
    {
      ...blackHoled,
      id: '(vi steady)',
      label: `(iv), ${BLACK_HOLED} black-holed: the next ${steadyS} s (one half-open retry)`,
      durationS: steadyS,
    },
  ]);
  const afterBlackHole = await post(oursBlackHole.url, all, authorization);
  check(
    afterBlackHole.data?.teams?.edges.length === 20 &&
      afterBlackHole.data.teams.totalCount === seeded - env.BENCH_TEAMS_PER_NODE &&
      blackHoleBody(JSON.stringify(afterBlackHole)),
    `with ${BLACK_HOLED} black-holed the fan-out still answers 20 edges, the other nodes' totalCount and one JURISDICTION_UNAVAILABLE`,
    afterBlackHole,
  );

  // Optional: where the gateway's CPU goes during (iv), in a separate profiled process.
  let profileLines: string[] | undefined;
  if (profiling) {
    mkdirSync(PROF_DIR, { recursive: true });
    const [profPort] = (await freePorts(1)) as [number];
    const since = Date.now();
    const profiled = spawnChild(
      'gateway profiled',
      'gateway/src/main.ts',
      gatewayEnv(profPort, directFile),
      urlOf(profPort),
      ['--cpu-prof', '--cpu-prof-interval=250', `--cpu-prof-dir=${PROF_DIR}`],
    );
    await ready(profiled, 90_000);
    const fromUs = Number(process.hrtime.bigint() / 1000n);
    await measure([
      {
        ...fanout,
        id: '(iv prof)',
        label: '(iv) again, gateway under --cpu-prof',
        url: profiled.url,
        body: all,
        verify: cleanBody,
        cpuOf: profiled,
      },
    ]);
    const toUs = Number(process.hrtime.bigint() / 1000n);
    await stopServices([profiled]);
    const file = newestProfile(since);
    profileLines = file
      ? [
          `profile: ${path.relative(REPO_ROOT, file)}, samples during the (iv prof) run only. V8 samples wall time: a syscall`,
          'during which the gateway was descheduled (e.g. writev waking a node on these 2 shared cores) counts as busy.',
          ...formatProfile(summarizeProfile(file, 20, { fromUs, toUs })),
        ]
      : ['no .cpuprofile was written'];
    // The node profiled from its start: its samples during (iv), where it was one of N.
    const profiledNode = nodes.find((n) => n.name === `node ${PROFILED_NODE}`);
    if (profiledNode) await stopServices([profiledNode]);
    const nodeFile = newestProfile(nodesSince, path.join(PROF_DIR, 'node'));
    profileLines.push(
      '',
      ...(nodeFile
        ? [
            `node profile (${PROFILED_NODE}): ${path.relative(REPO_ROOT, nodeFile)}, samples during (iv) only.`,
            ...formatProfile(summarizeProfile(nodeFile, 25, { fromUs: ivFromUs, toUs: ivToUs })),
          ]
        : [`no .cpuprofile was written by node ${PROFILED_NODE}`]),
    );
  }

  // The report.
  log('');
  log(
    `Results (${N} nodes, ${env.BENCH_TEAMS_PER_NODE} teams each; latency per response, from autocannon's per-response times):`,
  );
  printTable();
  log(
    '  gw CPU: the gateway process (utime+stime from /proc); backend CPU: the nodes, FerretDB and the delaying proxy,',
  );
  log('  of which the node processes and the proxy are also shown on their own;');
  log("  others: CPU used meanwhile by processes the bench did not start, in % of the machine's cores.");
  if (rows.some((r) => r.result.errors + r.result.non2xx + r.result.badBodies > 0)) {
    log(
      '  Bad answers (errors, non-2xx or unexpected bodies; in (vi) anything but its one JURISDICTION_UNAVAILABLE) were',
    );
    log(
      `  counted above; on a busy machine nodes may miss the ${env.BENCH_NODE_DEADLINE_MS} ms deadline: see .data/bench-logs/gateway_*.log.`,
    );
  }
  log('');
  const ratio = (a: string, b: string, key: 'p50' | 'p99') => {
    const x = findRow(a)?.result[key];
    const y = findRow(b)?.result[key];
    return x !== undefined && y !== undefined ? x / y : Number.NaN;
  };
  const goals: Goal[] = [
    {
      what: '(iii)/(ii) p50: our targeted gateway vs the stock gateway',
      value: ratio('(iii)', '(ii)', 'p50'),
      unit: '',
      limit: 1.1,
    },
    {
      what: `(v all)/(v one) p50: ${N}-node fan-out vs one node, delayed`,
      value: ratio('(v all)', '(v one)', 'p50'),
      unit: '',
      limit: 1.3,
    },
  ];
  goals.push(
    {
      what: '(vi) first-call p99 / node deadline',
      value: (findRow('(vi first)')?.result.p99 ?? Number.NaN) / env.BENCH_NODE_DEADLINE_MS,
      unit: '',
      limit: 1.1,
      note: `deadline ${env.BENCH_NODE_DEADLINE_MS} ms`,
    },
    {
      what: `gateway CPU per node call during (iv) (CPU / (requests × ${N}))`,
      value: (iv.cpuMsPerRequest ?? Number.NaN) / N,
      unit: ' ms',
      limit: 0.5,
      note: `of which kernel ${fmt((iv.sysMsPerRequest ?? Number.NaN) / N, 2)} ms`,
    },
  );
  const busiest = Math.max(...rows.map((r) => r.otherCpuPct));
  if (busiest > 10) {
    log(
      `Note: other processes used up to ${busiest.toFixed(0)}% of the machine's CPU during the runs: these numbers are disturbed; run again when the machine is quiet.`,
    );
    log('');
  }
  log('Ratios and goals:');
  printGoals(goals);
  log(
    `  (iii)/(ii) p99: ${fmt(ratio('(iii)', '(ii)', 'p99'), 2)}; (vi steady)/(iv) p50: ${fmt(ratio('(vi steady)', '(iv)', 'p50'), 2)}; black hole accepted ${blackHole.accepted()} connections`,
  );
  if (profileLines) {
    log('');
    for (const l of profileLines) log(l);
  }
  log('');
  log(
    `Logs of every process: ${path.relative(REPO_ROOT, LOG_DIR)}/. Total time ${((Date.now() - started) / 1000).toFixed(0)} s.`,
  );
}

const watchdog = setTimeout(() => {
  process.stderr.write(`bench: over its time budget (${TIME_BUDGET_MS / 60_000} min); stopping everything\n`);
  void cleanup().finally(() => process.exit(1));
}, TIME_BUDGET_MS);

// `on`, not `once`: Ctrl-C reaches this process more than once (from the terminal, and relayed by
// npm and tsx); a second signal without a listener would end it before the children are stopped.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (cleaning) return;
    process.stderr.write(`bench: ${signal}, stopping everything…\n`);
    void cleanup().finally(() => process.exit(130));
  });
}

main().then(
  async () => {
    clearTimeout(watchdog);
    await cleanup();
    process.exit(0);
  },
  async (err: unknown) => {
    clearTimeout(watchdog);
    if (!aborted) process.stderr.write(`bench failed: ${(err as Error).stack ?? String(err)}\n`);
    await cleanup();
    process.exit(1);
  },
);

// Our gateway phones home unless this is set first.
process.env.APOLLO_TELEMETRY_DISABLED = 'true';

import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { signToken, type Role } from '../../services/common/src/auth';
import { ensureDevKeys, keyFilesIn, readSigningKey } from '../../services/common/src/devKeys';
import { loadNetwork } from '../../services/common/src/network';
import { REPO_ROOT } from '../../services/common/src/paths';
import { stopServices, waitReady } from '../launcher/nodeProcesses';
import { provisionStores, type ProvisionedStores } from '../store/provisionStores';
import { quantile } from './load';
import { freePorts, spawnLogged, stopWithParent, type BenchProcess } from './processes';

/**
 * `npm run bench:mutual-aid`: four registry node processes, the mutual-aid API and worker and the
 * gateway on 127.0.0.1 (fresh embedded FerretDB, a queue prefix of its own). It measures, through
 * the gateway, the round trip from submission to acceptance (submit → offer → accept, each a
 * separate call as commanders make them) and the lateness of 100 escalation timers.
 */
const ROUND_TRIPS = Number(process.env.ROUND_TRIPS ?? 40);
const TIMERS = Number(process.env.TIMERS ?? 100);
const CODES = ['wujin', 'tianning', 'zhonglou', 'jintan'];
const DATA_DIR = '.data/bench-aid-ferretdb';
const LOG_DIR = path.join(REPO_ROOT, '.data/bench-aid-logs');

const log = (l: string) => process.stdout.write(`${l}\n`);

async function main(): Promise<void> {
  const keyFiles = keyFilesIn(path.join(REPO_ROOT, '.secrets'));
  ensureDevKeys(keyFiles);
  const key = readSigningKey(keyFiles.signingKeyFile);
  const token = (jurisdiction: string, role: Role) =>
    signToken({ sub: `${role}@${jurisdiction}`, name: `${jurisdiction}-${role}`, jurisdiction, roles: [role] }, key, {
      audience: 'aidnet',
      issuer: 'aidnet',
      expiresIn: '1h',
    });

  rmSync(path.join(REPO_ROOT, DATA_DIR), { recursive: true, force: true });
  const processes: BenchProcess[] = [];
  let stores: ProvisionedStores | null = null;
  const cleanup = async () => {
    await stopServices(processes);
    await stores?.stop();
  };
  stopWithParent(() => void cleanup().finally(() => process.exit(130)));
  try {
    stores = await provisionStores({
      dataDir: DATA_DIR,
      env: { ...process.env, MONGODB_URL: '' },
      log: (l) => log(`  ${l}`),
    });
    const ports = await freePorts(CODES.length + 2);
    const base = loadNetwork();
    const entries = base.entries.map((e) => {
      const { node: _node, ...rest } = e;
      const i = CODES.indexOf(e.code);
      return i >= 0 ? { ...rest, node: { url: `http://127.0.0.1:${ports[i]}/graphql` } } : rest;
    });
    const networkFile = path.join(REPO_ROOT, '.data/bench-aid-network.json');
    writeFileSync(networkFile, JSON.stringify({ jurisdictions: entries }));
    const common = {
      MONGODB_URL: stores.mongoUrl,
      NETWORK_FILE: networkFile,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
    };
    for (const [i, code] of CODES.entries()) {
      processes.push(
        spawnLogged(
          `registry ${code}`,
          'services/registry/src/main.ts',
          { ...common, JURISDICTION: code, PORT: String(ports[i]) },
          `http://127.0.0.1:${ports[i]}/graphql`,
          LOG_DIR,
        ),
      );
    }
    await Promise.all(processes.map((p) => waitReady(p, 120_000)));
    const gatewayPort = ports[CODES.length] as number;
    const aidPort = ports[CODES.length + 1] as number;
    const gatewayUrl = `http://127.0.0.1:${gatewayPort}/graphql`;
    const aidUrl = `http://127.0.0.1:${aidPort}/graphql`;
    const aidEnv = {
      ...common,
      REDIS_URL: stores.redisUrl,
      QUEUE_PREFIX: `aidbench${process.pid}`,
      GATEWAY_URL: gatewayUrl,
      SWEEP_INTERVAL_MS: '2000',
    };
    const aid = spawnLogged(
      'mutual-aid',
      'services/mutual-aid/src/main.ts',
      { ...aidEnv, PORT: String(aidPort), MUTUAL_AID_ROLE: 'api' },
      aidUrl,
      LOG_DIR,
    );
    processes.push(aid, spawnLogged('mutual-aid worker', 'services/mutual-aid/src/worker.ts', aidEnv, '', LOG_DIR));
    await waitReady(aid, 60_000);
    const gateway = spawnLogged(
      'gateway',
      'gateway/src/main.ts',
      { ...common, PORT: String(gatewayPort), SUBGRAPHS: `mutual-aid=${aidUrl}` },
      gatewayUrl,
      LOG_DIR,
    );
    processes.push(gateway);
    await waitReady(gateway, 60_000);

    const call = async (t: string, query: string, variables: Record<string, unknown>) => {
      const res = await fetch(gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${t}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data?: Record<string, any>; errors?: unknown[] };
      if (body.errors) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors).slice(0, 500)}`);
      return body.data!;
    };

    // Teams to offer: one per round trip, on Tianning's node.
    const teamIds: string[] = [];
    for (let i = 0; i < ROUND_TRIPS; i++) {
      const created = await call(
        token('tianning', 'commander'),
        'mutation($input: TeamInput!) { createTeam(jurisdiction: "tianning", input: $input) { id } }',
        {
          input: {
            name: `天宁区危化品救援队${i + 1}`,
            type: 'hazmat',
            kind: 'SPECIALIST',
            tier: 1,
            headcount: 20,
            base: { lat: 31.78, lng: 119.98 },
            readinessMinutes: 10,
            contact: { name: '队长', phone: '13800000000' },
          },
        },
      );
      teamIds.push(created.createTeam.id);
    }

    const incident = {
      kind: '危化品泄漏',
      title: '基准测试',
      severity: 'MAJOR',
      location: { lat: 31.69, lng: 119.96 },
    };
    const submit =
      'mutation($input: ReinforcementRequestInput!, $key: String!) { submitReinforcementRequest(input: $input, idempotencyKey: $key) { id respondBy needs { id } } }';
    log(`\nRound trip submission → acceptance through the gateway (${ROUND_TRIPS} requests, one after another)…`);
    const steps = { submit: [] as number[], offer: [] as number[], accept: [] as number[], total: [] as number[] };
    for (let i = 0; i < ROUND_TRIPS; i++) {
      const t0 = performance.now();
      const r = (
        await call(token('wujin', 'commander'), submit, {
          input: { requester: 'wujin', incident, needs: [{ teamType: 'hazmat', quantity: 1 }], targets: ['tianning'] },
          key: `bench-rt-${process.pid}-${i}`,
        })
      ).submitReinforcementRequest;
      const t1 = performance.now();
      await call(
        token('tianning', 'commander'),
        'mutation($id: ID!, $input: ResponseInput!) { respondToRequest(requestId: $id, input: $input) { id } }',
        { id: r.id, input: { kind: 'OFFER', offers: [{ needId: r.needs[0].id, resourceId: teamIds[i] }] } },
      );
      const t2 = performance.now();
      const accepted = (
        await call(
          token('wujin', 'commander'),
          'mutation($id: ID!, $ids: [ID!]!) { acceptOffer(requestId: $id, resourceIds: $ids) { assignments { status } } }',
          { id: r.id, ids: [teamIds[i]] },
        )
      ).acceptOffer;
      const t3 = performance.now();
      if (accepted.assignments[0]?.status !== 'DISPATCHED') throw new Error('acceptance did not dispatch the team');
      steps.submit.push(t1 - t0);
      steps.offer.push(t2 - t1);
      steps.accept.push(t3 - t2);
      steps.total.push(t3 - t0);
    }

    log(`${TIMERS} escalation timers (respondBy 3–5 s ahead, nobody answers)…`);
    const timed: { id: string; respondBy: number }[] = [];
    for (let i = 0; i < TIMERS; i++) {
      const respondBy = new Date(Date.now() + 3000 + i * 20).toISOString();
      const r = (
        await call(token('wujin', 'commander'), submit, {
          input: {
            requester: 'wujin',
            incident,
            needs: [{ teamType: 'hazmat', quantity: 1 }],
            targets: ['zhonglou'],
            respondBy,
          },
          key: `bench-timer-${process.pid}-${i}`,
        })
      ).submitReinforcementRequest;
      timed.push({ id: r.id, respondBy: Date.parse(r.respondBy) });
    }
    const lateness = new Map<string, number>();
    const giveUp = Date.now() + 60_000;
    while (lateness.size < timed.length && Date.now() < giveUp) {
      await new Promise((r) => setTimeout(r, 1000));
      for (const t of timed) {
        if (lateness.has(t.id)) continue;
        const r = (
          await call(
            token('wujin', 'commander'),
            'query($id: ID!) { reinforcementRequest(id: $id) { escalations { at } } }',
            { id: t.id },
          )
        ).reinforcementRequest;
        if (r.escalations.length > 0) lateness.set(t.id, Date.parse(r.escalations[0].at) - t.respondBy);
      }
    }

    const fmt = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      return `p50 ${quantile(s, 0.5).toFixed(1)} ms · p99 ${quantile(s, 0.99).toFixed(1)} ms · max ${(s.at(-1) ?? 0).toFixed(1)} ms`;
    };
    log('\n| measure | figures |');
    log('|---|---|');
    log(`| submission → acceptance (3 calls) | ${fmt(steps.total)} |`);
    log(`| submitReinforcementRequest | ${fmt(steps.submit)} |`);
    log(`| respondToRequest (OFFER, reserves on the node) | ${fmt(steps.offer)} |`);
    log(`| acceptOffer (deploys on the node) | ${fmt(steps.accept)} |`);
    log(`| escalation lateness (${lateness.size}/${timed.length} fired) | ${fmt([...lateness.values()])} |`);
  } finally {
    await cleanup();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`bench:mutual-aid failed: ${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  },
);

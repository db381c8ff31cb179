import { rmSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_TRAVEL_MODEL } from '../../../services/common/src/geo';
import { createLogger } from '../../../services/common/src/logger';
import { REPO_ROOT } from '../../../services/common/src/paths';
import type { MutualAidJobs } from '../../../services/mutual-aid/src/jobs/mutualAidJobs';
import { startMutualAid } from '../../../services/mutual-aid/src/mutualAidService';
import { startRegistryNode } from '../../../services/registry/src/registryNode';
import { startFerretDb } from '../../../ops/store/ferretdb';
import { expectData, graphql } from '../../testkit/graphql';
import { scrape, valueOf } from '../../testkit/metrics';
import { aidConfig } from '../../testkit/mutualAid';
import { startTestNetwork } from '../../testkit/network';
import { startTestNode, testNetwork } from '../../testkit/registry';
import { AUDIENCE, ISSUER, publicKeys, tokenFor } from '../../testkit/tokens';

/**
 * Issue 13, item 8: readiness that means something. The gateway is ready while a registry node
 * answers; a node is not ready while its store is unreachable (its own FerretDB, stopped); a
 * worker's health port says whether its queue workers run.
 */
jest.setTimeout(90_000);

const status = async (url: string) => (await fetch(url)).status;
const origin = (graphqlUrl: string) => new URL(graphqlUrl).origin;

test('the gateway is ready while at least one registry node answers, and not while none does', async () => {
  const tn = await startTestNetwork(['wujin', 'jintan'], { monitoring: true, nodeDeadlineMs: 500 });
  try {
    const monitor = tn.gateway.monitoring!.url;
    expect(await status(`${origin(tn.gateway.url)}/readyz`)).toBe(200);
    expect(await status(`${monitor}/readyz`)).toBe(200);
    const wujin = tn.nodes.get('wujin')!;
    const at = { databaseName: wujin.store.conn.name, port: wujin.port };
    await tn.nodes.get('jintan')!.stop();
    expect(await status(`${monitor}/readyz`)).toBe(200); // one node is enough
    await wujin.stop();
    expect(await status(`${origin(tn.gateway.url)}/readyz`)).toBe(503);
    expect(await status(`${monitor}/readyz`)).toBe(503);
    expect(await status(`${monitor}/healthz`)).toBe(200); // alive: a restart would not help
    tn.nodes.set('wujin', await startTestNode('wujin', at));
    tn.nodes.delete('jintan');
    expect(await status(`${monitor}/readyz`)).toBe(200);
  } finally {
    await tn.stop();
  }
});

test("a node's /readyz fails within a second and a half while its store is down, on both ports", async () => {
  const dataDir = path.join(REPO_ROOT, '.data/test', `readiness-ferretdb-${process.pid}`);
  rmSync(dataDir, { recursive: true, force: true });
  const ferret = await startFerretDb(dataDir);
  const node = await startRegistryNode({
    jurisdiction: 'wujin.hutang',
    mongoUrl: ferret.url,
    databaseName: 'aidnet_readiness_wujin_hutang',
    host: '127.0.0.1',
    port: 0,
    network: testNetwork(),
    publicKeys: publicKeys(),
    audience: AUDIENCE,
    issuer: ISSUER,
    travel: DEFAULT_TRAVEL_MODEL,
    bodyLimit: '256kb',
    logger: createLogger('registry-test', 'silent'),
    monitoring: { host: '127.0.0.1', port: 0 },
  });
  try {
    const monitor = node.monitoring!.url;
    expect(await status(`${origin(node.url)}/readyz`)).toBe(200);
    expect(await status(`${monitor}/readyz`)).toBe(200);
    const token = tokenFor({ jurisdiction: 'wujin.hutang', roles: ['observer'] });
    expectData(await graphql(node.url, 'query Search { teams(first: 1) { totalCount } }', {}, token));
    const samples = await scrape(monitor);
    expect(valueOf(samples, 'aidnet_registry_snapshot_age_seconds', { collection: 'teams' })).toBeGreaterThanOrEqual(0);
    expect(valueOf(samples, 'aidnet_graphql_operations_total', { operation: 'Search', outcome: 'success' })).toBe(1);
    expect(samples.find((s) => s.name === 'aidnet_graphql_operations_total')?.labels).toMatchObject({
      service: 'registry',
      jurisdiction: 'wujin.hutang',
    });

    await ferret.stop();
    const started = performance.now();
    expect(await status(`${origin(node.url)}/readyz`)).toBe(503);
    expect(performance.now() - started).toBeLessThan(1500);
    expect(await status(`${monitor}/readyz`)).toBe(503);
    expect(await status(`${monitor}/healthz`)).toBe(200);
  } finally {
    await node.stop().catch(() => undefined);
    await ferret.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("a worker's health port: alive while its queue workers run, with its queue depths in /metrics", async () => {
  const config = aidConfig(testNetwork());
  const worker = await startMutualAid({
    ...config,
    roles: { api: false, worker: true },
    monitoring: { host: '127.0.0.1', port: 0 },
  });
  try {
    const monitor = worker.monitoring!.url;
    expect(worker.url).toBeNull(); // no API port: this is its only one
    expect(await status(`${monitor}/healthz`)).toBe(200);
    expect(await status(`${monitor}/readyz`)).toBe(200);
    const samples = await scrape(monitor);
    expect(valueOf(samples, 'aidnet_queue_jobs', { queue: 'mutual-aid-saga', state: 'waiting' })).toBe(0);
    expect(valueOf(samples, 'aidnet_queue_jobs', { queue: 'mutual-aid-escalation', state: 'delayed' })).toBe(0);
    expect(valueOf(samples, 'aidnet_mutual_aid_outbox_pending')).toBe(0);
    expect(samples.find((s) => s.name === 'aidnet_mutual_aid_outbox_pending')?.labels.service).toBe(
      'mutual-aid-worker',
    );
    // Its BullMQ workers stop (closed, or crashed): liveness fails, so the orchestrator restarts it.
    await (worker.deps.jobs as MutualAidJobs).close();
    expect(await status(`${monitor}/healthz`)).toBe(503);
  } finally {
    await worker.deps.store.conn.dropDatabase().catch(() => undefined);
    await worker.stop().catch(() => undefined);
  }
});

import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { scrape, valueOf, type Sample } from '../../testkit/metrics';
import { startTestNetwork, type TestNetwork } from '../../testkit/network';
import { stopTestNode } from '../../testkit/registry';
import { tokenFor } from '../../testkit/tokens';

/**
 * Issue 13, acceptance e: GET /metrics on the gateway, during fan-outs with one node silent (a
 * black hole: timeouts) and one stopped (connection refused: errors), shows each one's failures
 * and then its breaker open, under its own jurisdiction label; the answering nodes show answers.
 */
jest.setTimeout(60_000);

const TOKEN = tokenFor({ jurisdiction: 'changzhou', roles: ['observer'] });
const LIVE = ['wujin', 'jintan'];
const STOPPED = 'tianning';
const HOLE = 'wujin.lijia';
const DEADLINE_MS = 400;
const FAN_OUT = 'query FanOut { teams(first: 5) { totalCount } }';
/** The label names any aidnet_* series may carry: all bounded, none per request. */
const BOUNDED_LABELS = new Set(['service', 'jurisdiction', 'outcome', 'operation', 'type', 'state', 'le', 'queue']);

let tn: TestNetwork;
let hole: net.Server;
const held = new Set<net.Socket>();
let samples: Sample[];

beforeAll(async () => {
  hole = net.createServer((socket) => {
    held.add(socket);
    socket.on('close', () => held.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => hole.listen(0, '127.0.0.1', resolve));
  const { port } = hole.address() as AddressInfo;
  tn = await startTestNetwork([...LIVE, STOPPED], {
    nodeDeadlineMs: DEADLINE_MS,
    breakerOpenMs: 60_000,
    probeIntervalMs: 60_000,
    extraNodeUrls: { [HOLE]: `http://127.0.0.1:${port}/graphql` },
    monitoring: true,
  });
  await stopTestNode(tn.nodes.get(STOPPED)!);
  tn.nodes.delete(STOPPED);
  // Three failures open a breaker (the gateway's threshold); the fourth fan-out skips both nodes.
  for (let i = 0; i < 4; i++) {
    const res = await tn.query(FAN_OUT, {}, TOKEN);
    expect(res.extensions?.coverage).toMatchObject({ unavailable: [STOPPED, HOLE].sort() });
  }
  samples = await scrape(tn.gateway.monitoring!.url);
});

afterAll(async () => {
  await tn?.stop();
  for (const s of held) s.destroy();
  await new Promise<void>((resolve) => hole.close(() => resolve()));
});

const calls = (jurisdiction: string, outcome: string) =>
  valueOf(samples, 'aidnet_gateway_node_calls_total', { jurisdiction, outcome });
const breaker = (jurisdiction: string, state: string) =>
  valueOf(samples, 'aidnet_gateway_node_breaker_state', { jurisdiction, state });

test('the silent node: three timeouts, then skipped with its breaker open', () => {
  expect(calls(HOLE, 'timeout')).toBe(3);
  expect(calls(HOLE, 'breaker_open')).toBe(1);
  expect(calls(HOLE, 'answered')).toBeUndefined();
  expect(breaker(HOLE, 'open')).toBe(1);
  expect(breaker(HOLE, 'closed')).toBe(0);
  // Each timeout waited for the deadline.
  const count = valueOf(samples, 'aidnet_gateway_node_call_duration_seconds_count', {
    jurisdiction: HOLE,
    outcome: 'timeout',
  });
  const sum = valueOf(samples, 'aidnet_gateway_node_call_duration_seconds_sum', {
    jurisdiction: HOLE,
    outcome: 'timeout',
  });
  expect(count).toBe(3);
  expect(sum).toBeGreaterThanOrEqual((3 * DEADLINE_MS * 0.9) / 1000);
});

test('the stopped node: three errors, then skipped with its breaker open', () => {
  expect(calls(STOPPED, 'error')).toBe(3);
  expect(calls(STOPPED, 'breaker_open')).toBe(1);
  expect(breaker(STOPPED, 'open')).toBe(1);
});

test('the answering nodes: four answers each, breakers closed', () => {
  for (const code of LIVE) {
    expect(calls(code, 'answered')).toBe(4);
    expect(calls(code, 'timeout')).toBeUndefined();
    expect(breaker(code, 'closed')).toBe(1);
    expect(breaker(code, 'open')).toBe(0);
  }
});

test('coverage misses and the operation count, by name and outcome', () => {
  expect(valueOf(samples, 'aidnet_gateway_coverage_misses_total', { jurisdiction: HOLE })).toBe(4);
  expect(valueOf(samples, 'aidnet_gateway_coverage_misses_total', { jurisdiction: STOPPED })).toBe(4);
  expect(valueOf(samples, 'aidnet_gateway_coverage_misses_total', { jurisdiction: 'wujin' })).toBeUndefined();
  expect(
    valueOf(samples, 'aidnet_graphql_operations_total', { operation: 'FanOut', type: 'query', outcome: 'partial' }),
  ).toBe(4);
});

test('process metrics, and only bounded labels on every aidnet series', () => {
  expect(valueOf(samples, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  expect(valueOf(samples, 'nodejs_eventloop_lag_p99_seconds')).toBeDefined();
  for (const s of samples.filter((x) => x.name.startsWith('aidnet_'))) {
    for (const label of Object.keys(s.labels)) expect(BOUNDED_LABELS).toContain(label);
  }
  expect(new Set(samples.map((s) => s.labels.service))).toEqual(new Set(['gateway']));
});

test('the metrics are on the monitoring port only, not on the port clients use', async () => {
  const publicPort = await fetch(`${new URL(tn.gateway.url).origin}/metrics`);
  expect(await publicPort.text()).not.toContain('aidnet_gateway_node_calls_total');
  expect(new URL(tn.gateway.monitoring!.url).port).not.toBe(String(tn.gateway.port));
});

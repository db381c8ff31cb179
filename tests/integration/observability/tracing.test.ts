import { startTracing, type Tracing } from '../../../services/common/src/tracing/tracing';
import { spawnAidWorker, startAidNetwork, type AidNetwork, type AidWorker } from '../../testkit/mutualAid';
import { startOtlpReceiver, SPAN_KIND, type OtlpReceiver, type ReceivedSpan } from '../../testkit/otlpReceiver';
import { startTestNode } from '../../testkit/registry';
import { data, eventually, GET, INCIDENT, inMs, RESPOND, SUBMIT } from '../../testkit/requests';
import { buildTeam, seedTeams } from '../../testkit/teamSeeder';

/**
 * Issue 13, item 7 and acceptance f: with OTEL_EXPORTER_OTLP_ENDPOINT set, spans reach an OTLP
 * receiver on 127.0.0.1, and `traceparent` ties one request's work together across processes:
 * a fan-out is one trace with one client span per node, each continued by that node's server
 * span; an accepted offer's deployment, retried by the mutual-aid worker (a child process) from
 * its BullMQ job, reaches the node in the trace of the mutation that queued it.
 */
jest.setTimeout(120_000);

const CODES = ['wujin', 'jintan', 'zhonglou', 'tianning'];
let receiver: OtlpReceiver;
let tracing: Tracing;
let net: AidNetwork;
let worker: AidWorker;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  // This process hosts the gateway, the nodes and the mutual-aid API.
  tracing = startTracing({ service: 'test-network', tracesUrl: `${receiver.url}/v1/traces`, exportDelayMs: 100 });
  // No sweeper pass during the test: a job the sweeper queues (for a call Redis never took) starts
  // a trace of its own, and it could race the API's own enqueue of the retried deployment.
  net = await startAidNetwork(CODES, { workerInChild: true, sweepIntervalMs: 600_000 });
  worker = await spawnAidWorker(net, { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url });
});

afterAll(async () => {
  await worker?.kill();
  await net?.stop();
  await tracing?.shutdown();
  await receiver?.stop();
});

const inTrace = (traceId: string) => receiver.spans.filter((s) => s.traceId === traceId);
const jurisdictionOf = (s: ReceivedSpan) => s.attributes['aidnet.jurisdiction'];
const sorted = (xs: readonly unknown[]) => [...xs].map(String).sort();

/** The gateway's server span of the named operation (the gateway's spans carry no jurisdiction). */
async function gatewaySpan(operation: string): Promise<ReceivedSpan> {
  const find = () =>
    receiver.spans.find(
      (s) => s.kind === SPAN_KIND.SERVER && s.name.endsWith(` ${operation}`) && jurisdictionOf(s) === undefined,
    );
  await tracing.flush();
  await receiver.waitFor(() => find() !== undefined);
  return find()!;
}

test('one fan-out is one trace with one span per node, each continued by the node', async () => {
  const res = await net.as('wujin', 'commander', 'query TraceFanOut { teams(first: 5) { totalCount } }');
  expect(res.extensions?.coverage).toMatchObject({ answered: sorted(CODES), unavailable: [] });
  const root = await gatewaySpan('TraceFanOut');
  await tracing.flush();
  await receiver.waitFor(() => inTrace(root.traceId).filter((s) => s.name === 'registry.node').length >= 4);

  const trace = inTrace(root.traceId);
  const calls = trace.filter((s) => s.name === 'registry.node');
  expect(calls.every((s) => s.kind === SPAN_KIND.CLIENT && s.attributes['aidnet.outcome'] === 'answered')).toBe(true);
  expect(sorted(calls.map(jurisdictionOf))).toEqual(sorted(CODES)); // one per node, none twice
  const served = trace.filter((s) => s.kind === SPAN_KIND.SERVER && jurisdictionOf(s) !== undefined);
  expect(sorted(served.map(jurisdictionOf))).toEqual(sorted(CODES));
  for (const s of served) {
    const parent = calls.find((c) => c.spanId === s.parentSpanId);
    expect(jurisdictionOf(parent!)).toBe(jurisdictionOf(s)); // the node continued the gateway's call to it
  }
  // Every span of this operation, in any process, is in this one trace.
  const named = receiver.spans.filter((s) => s.name.includes('TraceFanOut'));
  expect(new Set(named.map((s) => s.traceId))).toEqual(new Set([root.traceId]));
});

test('gateway → mutual aid → its BullMQ job in the worker process → the node, in one trace', async () => {
  const node = net.nodes.get('tianning')!;
  const [team] = (await seedTeams(node, [buildTeam({ name: '天宁区危化品应急救援队', type: 'hazmat' })])) as [string];
  const input = {
    requester: 'wujin',
    incident: INCIDENT,
    needs: [{ teamType: 'hazmat', quantity: 1 }],
    targets: ['tianning'],
    respondBy: inMs(600_000),
  };
  const submitted = await net.as('wujin', 'commander', SUBMIT, { input, key: 'trace-accept-1' });
  const r = data(submitted).submitReinforcementRequest;
  data(
    await net.as('tianning', 'commander', RESPOND, {
      id: r.id,
      input: { kind: 'OFFER', offers: [{ needId: r.needs[0]!.id, resourceId: team }] },
    }),
  );
  // The node is down when the offer is accepted: the deployment is left to the worker's retries.
  const at = { databaseName: node.store.conn.name, port: node.port };
  await node.stop();
  const accepted = await net.as(
    'wujin',
    'commander',
    'mutation AcceptTraced($id: ID!, $ids: [ID!]!) { acceptOffer(requestId: $id, resourceIds: $ids) { id } }',
    { id: r.id, ids: [team] },
  );
  expect(accepted.errors).toBeUndefined();
  net.nodes.set('tianning', await startTestNode('tianning', at));
  await eventually(
    async () => data(await net.as('wujin', 'commander', GET, { id: r.id })).reinforcementRequest!,
    (req) => req.assignments.length === 1,
    30_000,
  );

  const root = await gatewaySpan('AcceptTraced');
  const fromWorker = () => inTrace(root.traceId).filter((s) => s.service === 'mutual-aid-worker');
  await tracing.flush();
  await receiver.waitFor(
    () => fromWorker().some((s) => s.name === 'registry.node' && s.attributes['aidnet.outcome'] === 'ok'),
    20_000,
  );
  const trace = inTrace(root.traceId);
  // The mutual-aid API's own attempt failed (the node was down) and queued the job.
  const apiCall = trace.find((s) => s.service === 'test-network' && s.name === 'registry.node');
  expect(apiCall?.attributes['aidnet.outcome']).toBe('unavailable');
  const job = fromWorker().find((s) => s.kind === SPAN_KIND.CONSUMER && s.name === 'mutual-aid-saga process');
  expect(job).toBeDefined();
  const workerCall = fromWorker().find((s) => s.name === 'registry.node' && s.attributes['aidnet.outcome'] === 'ok')!;
  expect(jurisdictionOf(workerCall)).toBe('tianning');
  expect(fromWorker().some((s) => s.spanId === workerCall.parentSpanId && s.kind === SPAN_KIND.CONSUMER)).toBe(true);
  await receiver.waitFor(() => inTrace(root.traceId).some((s) => s.parentSpanId === workerCall.spanId));
  const nodeSpan = inTrace(root.traceId).find((s) => s.parentSpanId === workerCall.spanId)!;
  expect(nodeSpan).toMatchObject({ kind: SPAN_KIND.SERVER, service: 'test-network' });
  expect(jurisdictionOf(nodeSpan)).toBe('tianning');
});

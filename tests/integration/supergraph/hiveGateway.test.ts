import dns from 'node:dns';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { SUPERGRAPH_FILE } from '../../../gateway/src/supergraph';
import { isLoopbackHost } from '../../setup/networkGuard';
import { REPO_ROOT } from '../../../services/common/src/paths';
import { quarterlyMeeting } from '../../testkit/conference';
import { graphql, type GraphQLResult } from '../../testkit/graphql';
import { startAidNetwork, type AidNetwork } from '../../testkit/mutualAid';
import { INCIDENT, inMs } from '../../testkit/requests';
import { tokenFor } from '../../testkit/tokens';

/**
 * Issue 13, item 9: the committed supergraph artefact is usable by a standard JavaScript
 * federation gateway. Hive Gateway, loaded from schema/supergraph.graphql (only the subgraph URLs
 * overridden, as any deployment would), serves the mutual-aid and conference subgraphs of a real
 * test network with the caller's token forwarded. The registry subgraph is ours alone (one
 * subgraph, many nodes), so only mutual-aid and conference fields are asked. Every socket Hive
 * opens, and every name it looks up, is recorded: it reaches the two subgraphs and nothing else.
 */
jest.setTimeout(90_000);

/** The part of Hive Gateway's API this test uses. */
interface HiveRuntime {
  (req: http.IncomingMessage, res: http.ServerResponse): void;
  dispose(): Promise<void>;
}
interface HiveConfig {
  supergraph: string;
  transportEntries: Record<string, { location: string }>;
  propagateHeaders: { fromClientToSubgraphs: (args: { request: Request }) => Record<string, string> };
  logging: boolean;
  graphiql: boolean;
  landingPage: boolean;
}
// Loaded without its type declarations: through @whatwg-node/fetch they pull in the DOM library,
// which would change fetch's types for every file of the program.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createGatewayRuntime } = require('@graphql-hive/gateway') as {
  createGatewayRuntime: (config: HiveConfig) => HiveRuntime;
};

let aid: AidNetwork;
let hive: HiveRuntime;
let server: http.Server;
let hiveUrl: string;
const connections: string[] = [];
const lookups: string[] = [];
const originalConnect = net.Socket.prototype.connect;
const originalLookup = dns.lookup;

beforeAll(async () => {
  aid = await startAidNetwork(['wujin', 'jintan'], { conference: {} });
  hive = createGatewayRuntime({
    supergraph: readFileSync(path.join(REPO_ROOT, SUPERGRAPH_FILE), 'utf8'),
    transportEntries: {
      'mutual-aid': { location: aid.aid.url! },
      conference: { location: aid.conference!.url! },
    },
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get('authorization') ?? '' }),
    },
    logging: false,
    graphiql: false,
    landingPage: false,
  });
  server = http.createServer(hive);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hiveUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  // Record from here on (the test network itself is already up).
  net.Socket.prototype.connect = function recordingConnect(this: net.Socket, ...args: unknown[]) {
    const first = (Array.isArray(args[0]) ? args[0][0] : args[0]) as { host?: string; port?: number } | number;
    connections.push(typeof first === 'object' ? `${first.host ?? 'localhost'}:${first.port}` : `localhost:${first}`);
    return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
  };
  dns.lookup = ((hostname: string, ...rest: unknown[]) => {
    lookups.push(hostname);
    return (originalLookup as (...a: unknown[]) => unknown)(hostname, ...rest);
  }) as typeof dns.lookup;
});

afterAll(async () => {
  net.Socket.prototype.connect = originalConnect;
  dns.lookup = originalLookup;
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await hive?.dispose();
  await aid?.stop();
});

const viaHive = <T>(query: string, variables: Record<string, unknown>, token?: string): Promise<GraphQLResult<T>> =>
  graphql<T>(hiveUrl, query, variables, token);

test('conference: a meeting scheduled and read back through Hive Gateway', async () => {
  const token = tokenFor({ jurisdiction: 'wujin', roles: ['secretariat'] });
  const input = quarterlyMeeting(new Date(Date.now() + 7 * 86_400_000));
  const scheduled = await viaHive<{ scheduleMeeting: { id: string; status: string; host: { code: string } } }>(
    'mutation Schedule($input: MeetingInput!) { scheduleMeeting(input: $input) { id status host { code } members { code } } }',
    { input },
    token,
  );
  expect(scheduled.errors).toBeUndefined();
  expect(scheduled.data?.scheduleMeeting).toMatchObject({ status: 'SCHEDULED', host: { code: 'wujin' } });
  const id = scheduled.data!.scheduleMeeting.id;
  const read = await viaHive<{ meeting: { title: string; location: string } }>(
    'query Meeting($id: ID!) { meeting(id: $id) { title location } }',
    { id },
    token,
  );
  expect(read.data?.meeting).toEqual({ title: input.title, location: input.location });
  // The same meeting through our own gateway.
  const ours = await aid.as('wujin', 'secretariat', 'query($id: ID!) { meeting(id: $id) { title location } }', { id });
  expect(ours.data).toEqual(read.data);
});

test('mutual aid: a reinforcement request submitted and read back through Hive Gateway', async () => {
  const token = tokenFor({ jurisdiction: 'wujin', roles: ['commander'] });
  const input = {
    requester: 'wujin',
    incident: INCIDENT,
    needs: [{ teamType: 'hazmat', quantity: 1 }],
    targets: ['jintan'],
    respondBy: inMs(600_000),
  };
  const submitted = await viaHive<{ submitReinforcementRequest: { id: string; number: string } }>(
    'mutation Submit($input: ReinforcementRequestInput!) { submitReinforcementRequest(input: $input, idempotencyKey: "hive-gateway-0001") { id number status targets { code } } }',
    { input },
    token,
  );
  expect(submitted.errors).toBeUndefined();
  expect(submitted.data?.submitReinforcementRequest).toMatchObject({ status: 'OPEN', targets: [{ code: 'jintan' }] });
  const { id, number } = submitted.data!.submitReinforcementRequest;
  const read = await viaHive<{ reinforcementRequest: { number: string } }>(
    'query Get($id: ID!) { reinforcementRequest(id: $id) { number status requester { code } } }',
    { id },
    token,
  );
  expect(read.data?.reinforcementRequest).toEqual({ number, status: 'OPEN', requester: { code: 'wujin' } });
});

test("the caller's token is what the subgraphs verify: without one they refuse", async () => {
  const res = await viaHive<{ actionItems: unknown }>('query { actionItems { id } }', {});
  expect(res.data?.actionItems ?? null).toBeNull();
  expect(JSON.stringify(res.errors)).toContain('UNAUTHENTICATED');
});

test('Hive Gateway reached the subgraphs on 127.0.0.1 and nothing else (no telemetry, no lookups)', () => {
  // Every connection made in this process since Hive started (the services' own to Redis and the
  // database included), recorded before the network guard could refuse it.
  const ports = connections.map((c) => c.slice(c.lastIndexOf(':') + 1));
  expect(ports).toEqual(expect.arrayContaining([new URL(aid.aid.url!).port, new URL(aid.conference!.url!).port]));
  expect(connections.filter((c) => !isLoopbackHost(c.slice(0, c.lastIndexOf(':'))))).toEqual([]);
  expect(lookups.filter((h) => !isLoopbackHost(h))).toEqual([]);
});

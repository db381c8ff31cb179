import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { RegistryNode } from '../../../services/registry/src/registryNode';
import type { GraphQLResult } from '../../testkit/graphql';
import { startTestNetwork, type TestNetwork } from '../../testkit/network';
import { startTestNode } from '../../testkit/registry';
import { buildTeam, seedTeams } from '../../testkit/teamSeeder';
import { tokenFor } from '../../testkit/tokens';

/**
 * DESIGN.md 3.5 and 3.6: a node that is down or silent costs only its own rows, within the
 * deadline; the response says which node is missing; a node that keeps failing is skipped fast
 * and probed, and comes back by itself once it answers again.
 */
jest.setTimeout(60_000);

const TOKEN = tokenFor({ jurisdiction: 'changzhou', roles: ['observer'] });
const DEADLINE_MS = 1000;
const SLACK_MS = 500;

interface Coverage {
  asked: string[];
  answered: string[];
  unavailable: string[];
}

interface TeamsAnswer {
  teams: { totalCount: number; edges: { node: { id: string } }[] };
}

const TEAMS = '{ teams(first: 200) { totalCount edges { node { id } } } }';
/** A fan-out that touches no database: its timing is the gateway's and the network's alone. */
const JURISDICTIONS = '{ jurisdictions { code } }';

const sorted = (codes: readonly string[]) => [...codes].sort();

async function timed<T>(
  tn: TestNetwork,
  query: string,
): Promise<{ res: GraphQLResult<T>; ms: number; coverage: Coverage | undefined }> {
  const started = performance.now();
  const res = await tn.query<T>(query, {}, TOKEN);
  return { res, ms: performance.now() - started, coverage: res.extensions?.coverage as Coverage | undefined };
}

function unavailableErrors(res: GraphQLResult<unknown>): { code: unknown; jurisdiction: unknown }[] {
  return (res.errors ?? []).map((e) => ({ code: e.extensions?.code, jurisdiction: e.extensions?.jurisdiction }));
}

/** Seeds `n` teams on each node. @returns every seeded id by jurisdiction. */
async function seedEach(tn: TestNetwork, n: number): Promise<Map<string, string[]>> {
  const ids = new Map<string, string[]>();
  for (const [code, node] of tn.nodes) {
    ids.set(
      code,
      await seedTeams(
        node,
        Array.from({ length: n }, (_, i) => buildTeam({ name: `${code} ${i}` })),
      ),
    );
  }
  return ids;
}

const idsOf = (res: GraphQLResult<TeamsAnswer>) => (res.data?.teams.edges ?? []).map((e) => e.node.id).sort();

// ---------------------------------------------------------------------------------------------

describe('a black-holed node (accepts connections, never answers)', () => {
  const LIVE = ['wujin', 'jintan', 'tianning'];
  const HOLE = 'wujin.lijia';
  let tn: TestNetwork;
  let hole: net.Server;
  const held = new Set<net.Socket>();
  let seeded: Map<string, string[]>;

  beforeAll(async () => {
    hole = net.createServer((socket) => {
      held.add(socket);
      socket.on('close', () => held.delete(socket));
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => hole.listen(0, '127.0.0.1', resolve));
    const { port } = hole.address() as AddressInfo;
    tn = await startTestNetwork(LIVE, {
      nodeDeadlineMs: DEADLINE_MS,
      breakerOpenMs: 60_000,
      probeIntervalMs: 500,
      extraNodeUrls: { [HOLE]: `http://127.0.0.1:${port}/graphql` },
    });
    seeded = await seedEach(tn, 4);
  });

  afterAll(async () => {
    await tn?.stop();
    for (const s of held) s.destroy();
    await new Promise<void>((resolve) => hole.close(() => resolve()));
  });

  test(`the fan-out answers within deadline + ${SLACK_MS} ms with every other node's rows and one error naming the silent node`, async () => {
    const { res, ms, coverage } = await timed<TeamsAnswer>(tn, TEAMS);
    expect(ms).toBeLessThan(DEADLINE_MS + SLACK_MS);
    expect(ms).toBeGreaterThanOrEqual(DEADLINE_MS * 0.9); // it did wait for the silent node
    expect(idsOf(res)).toEqual([...seeded.values()].flat().sort());
    expect(res.data?.teams.totalCount).toBe(12);
    expect(unavailableErrors(res)).toEqual([{ code: 'JURISDICTION_UNAVAILABLE', jurisdiction: HOLE }]);
    expect(res.errors?.[0]?.message).toContain(HOLE);
    expect(coverage).toEqual({ asked: sorted([...LIVE, HOLE]), answered: sorted(LIVE), unavailable: [HOLE] });
  });

  test('two root fields in one operation still give one error per missing jurisdiction', async () => {
    const { res, ms, coverage } = await timed<TeamsAnswer & { jurisdictions: { code: string }[] }>(
      tn,
      '{ teams(first: 200) { totalCount edges { node { id } } } jurisdictions { code } }',
    );
    expect(ms).toBeLessThan(DEADLINE_MS + SLACK_MS);
    expect(res.data?.jurisdictions.map((j) => j.code)).toEqual(sorted(LIVE));
    expect(res.data?.teams.totalCount).toBe(12);
    expect(unavailableErrors(res)).toEqual([{ code: 'JURISDICTION_UNAVAILABLE', jurisdiction: HOLE }]);
    expect(coverage?.unavailable).toEqual([HOLE]);
  });

  test('after three failures the breaker opens: the next answer is fast (< 200 ms) and still names the node', async () => {
    // Two failures so far (the tests above); one more opens the breaker.
    const third = await timed(tn, JURISDICTIONS);
    expect(third.ms).toBeGreaterThanOrEqual(DEADLINE_MS * 0.9);
    expect(unavailableErrors(third.res)).toEqual([{ code: 'JURISDICTION_UNAVAILABLE', jurisdiction: HOLE }]);

    const fast = await timed<{ jurisdictions: { code: string }[] }>(tn, JURISDICTIONS);
    expect(fast.ms).toBeLessThan(200);
    expect(fast.res.data?.jurisdictions.map((j) => j.code)).toEqual(sorted(LIVE));
    expect(unavailableErrors(fast.res)).toEqual([{ code: 'JURISDICTION_UNAVAILABLE', jurisdiction: HOLE }]);
    expect(fast.coverage).toEqual({ asked: sorted([...LIVE, HOLE]), answered: sorted(LIVE), unavailable: [HOLE] });

    // Skipping is not a one-off: the rows of the others keep coming quickly.
    const again = await timed<TeamsAnswer>(tn, TEAMS);
    expect(again.ms).toBeLessThan(DEADLINE_MS);
    expect(idsOf(again.res)).toEqual([...seeded.values()].flat().sort());
    expect(unavailableErrors(again.res)).toEqual([{ code: 'JURISDICTION_UNAVAILABLE', jurisdiction: HOLE }]);
  });
});

// ---------------------------------------------------------------------------------------------

/** Starts a node for the same jurisdiction on the old node's port and database (a process restart). */
async function restartNode(old: RegistryNode): Promise<RegistryNode> {
  return startTestNode(old.jurisdiction, { databaseName: old.store.conn.name, port: old.port });
}

/**
 * Holds the node's next team search inside the node, after the request has arrived: the node is
 * then stopped with the gateway's call in flight, which timing alone cannot arrange reliably.
 */
function holdNextTeamSearch(node: RegistryNode): { arrived: Promise<void>; release: () => void; restore: () => void } {
  const teams = node.store.teams;
  const original = teams.find.bind(teams);
  let signal!: () => void;
  let release!: () => void;
  const arrived = new Promise<void>((resolve) => (signal = resolve));
  const gate = new Promise<void>((resolve) => (release = resolve));
  teams.find = ((...args: Parameters<typeof teams.find>) => {
    const query = original(...args);
    const exec = query.exec.bind(query);
    query.exec = async () => {
      signal();
      await gate;
      return exec();
    };
    return query;
  }) as typeof teams.find;
  return { arrived, release, restore: () => void (teams.find = original) };
}

describe('a node process stopped during a fan-out, then restarted', () => {
  const CODES = ['wujin', 'jintan', 'tianning', 'zhonglou'];
  const VICTIM = 'tianning';
  const PROBE_MS = 1000;
  let tn: TestNetwork;
  let seeded: Map<string, string[]>;

  beforeAll(async () => {
    // The breaker stays open far longer than the test: only the /readyz probe can close it.
    tn = await startTestNetwork(CODES, {
      nodeDeadlineMs: DEADLINE_MS,
      breakerOpenMs: 120_000,
      probeIntervalMs: PROBE_MS,
    });
    seeded = await seedEach(tn, 5);
  });

  afterAll(async () => {
    await tn?.stop();
  });

  const others = () => CODES.filter((c) => c !== VICTIM);
  const rowsOf = (codes: readonly string[]) => codes.flatMap((c) => seeded.get(c) ?? []).sort();

  test(`stopping the node mid-query: the answer arrives within deadline + ${SLACK_MS} ms with the others' rows and one error`, async () => {
    const victim = tn.nodes.get(VICTIM) as RegistryNode;
    const hold = holdNextTeamSearch(victim);
    const started = performance.now();
    const pending = tn.query<TeamsAnswer>(TEAMS, {}, TOKEN);
    await hold.arrived; // the gateway's call is inside the node now
    await victim.stop();
    hold.restore();
    hold.release();
    const res = await pending;
    const ms = performance.now() - started;
    expect(ms).toBeLessThan(DEADLINE_MS + SLACK_MS);
    expect(idsOf(res)).toEqual(rowsOf(others()));
    expect(res.data?.teams.totalCount).toBe(15);
    expect(unavailableErrors(res)).toEqual([{ code: 'JURISDICTION_UNAVAILABLE', jurisdiction: VICTIM }]);
    expect(res.extensions?.coverage).toEqual({
      asked: sorted(CODES),
      answered: sorted(others()),
      unavailable: [VICTIM],
    });
  });

  test('while it is down, every fan-out still answers with the others and one error (refused connections, then the open breaker)', async () => {
    for (let i = 0; i < 3; i++) {
      const { res, ms, coverage } = await timed<TeamsAnswer>(tn, TEAMS);
      expect(ms).toBeLessThan(DEADLINE_MS + SLACK_MS);
      expect(idsOf(res)).toEqual(rowsOf(others()));
      expect(unavailableErrors(res)).toEqual([{ code: 'JURISDICTION_UNAVAILABLE', jurisdiction: VICTIM }]);
      expect(coverage?.unavailable).toEqual([VICTIM]);
    }
    const skipped = await timed(tn, JURISDICTIONS);
    expect(skipped.res.errors?.[0]?.message).toMatch(/skipped/);
  });

  test(`restarted on the same port and database, it is back within the probe interval (${PROBE_MS} ms)`, async () => {
    const old = tn.nodes.get(VICTIM) as RegistryNode;
    const fresh = await restartNode(old);
    tn.nodes.set(VICTIM, fresh); // tn.stop() now stops the new process and drops the database
    expect(fresh.port).toBe(old.port);
    const restartedAt = performance.now();
    // Poll with a fan-out that touches no database, so that polling itself stays cheap.
    let recoveredAfter: number | undefined;
    while (performance.now() - restartedAt < PROBE_MS + SLACK_MS) {
      const attempt = await timed(tn, JURISDICTIONS);
      if (attempt.coverage?.answered.includes(VICTIM)) {
        recoveredAfter = performance.now() - restartedAt;
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(recoveredAfter).toBeDefined();
    expect(recoveredAfter).toBeLessThan(PROBE_MS + SLACK_MS);
    // Back with its rows: the same database as before the stop.
    const { res, coverage } = await timed<TeamsAnswer>(tn, TEAMS);
    expect(res.errors).toBeUndefined();
    expect(idsOf(res)).toEqual(rowsOf(CODES));
    expect(coverage).toEqual({ asked: sorted(CODES), answered: sorted(CODES), unavailable: [] });
  });
});

// ---------------------------------------------------------------------------------------------

describe('a healthy node closing an idle keep-alive connection', () => {
  // A node's HTTP server closes idle keep-alive connections (Node: 5 s + 1 s). If the gateway
  // reuses such a connection at that moment, the request meets a closed socket although the node
  // is fine. This fake node closes every reused connection as the next request arrives — the
  // race made deterministic. A fresh connection is answered normally.
  const FLAKY = 'wujin.jiaze';
  let tn: TestNetwork;
  let fake: http.Server;
  const served = new WeakSet<net.Socket>();
  let closedOnReuse = 0;

  beforeAll(async () => {
    fake = http.createServer((req, res) => {
      if (served.has(req.socket)) {
        closedOnReuse++;
        req.socket.destroy();
        return;
      }
      served.add(req.socket);
      req.resume();
      req.on('end', () => {
        const body = JSON.stringify({
          data: { jurisdictions: [{ code: FLAKY }] },
          extensions: { aidnetShard: { jurisdictions: { keys: [{ primary: FLAKY, id: FLAKY }] } } },
        });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      });
    });
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    const { port } = fake.address() as AddressInfo;
    tn = await startTestNetwork(['wujin'], {
      nodeDeadlineMs: DEADLINE_MS,
      extraNodeUrls: { [FLAKY]: `http://127.0.0.1:${port}/graphql` },
    });
  });

  afterAll(async () => {
    await tn?.stop();
    fake.closeAllConnections();
    await new Promise<void>((resolve) => fake.close(() => resolve()));
  });

  test('is not reported unavailable: the gateway retries once on a fresh connection', async () => {
    for (let i = 0; i < 3; i++) {
      const { res, coverage } = await timed<{ jurisdictions: { code: string }[] }>(tn, JURISDICTIONS);
      expect(res.errors).toBeUndefined();
      expect(res.data?.jurisdictions.map((j) => j.code)).toEqual(sorted(['wujin', FLAKY]));
      expect(coverage).toEqual({
        asked: sorted(['wujin', FLAKY]),
        answered: sorted(['wujin', FLAKY]),
        unavailable: [],
      });
    }
    expect(closedOnReuse).toBeGreaterThan(0); // the race really happened
  });
});

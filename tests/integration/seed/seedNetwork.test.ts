import type { JurisdictionEntry } from '../../../services/common/src/network';
import type { RegistryNode } from '../../../services/registry/src/registryNode';
import { expectData, graphql } from '../../testkit/graphql';
import { startTestNode, stopTestNode, testNetwork } from '../../testkit/registry';
import { impostorKey, signingKey, tokenFor } from '../../testkit/tokens';
import { buildDemoData, countDemoData, rosterStartFor } from '../../../ops/seed/demoData';
import { seedNetwork } from '../../../ops/seed/seedNetwork';

/**
 * seedNetwork against real registry nodes: a district and a lakeside town get their demo data
 * over GraphQL, and a second run writes nothing.
 */
const CODES = ['jintan', 'wujin.xueyan'];
const nodes: RegistryNode[] = [];
let entries: JurisdictionEntry[];

beforeAll(async () => {
  for (const code of CODES) nodes.push(await startTestNode(code));
  const urls = new Map(nodes.map((n) => [n.jurisdiction, n.url]));
  // The real directory, with only these two nodes (at their test ports).
  entries = testNetwork().entries.map((e) => {
    const { node: _node, ...rest } = e;
    const url = urls.get(e.code);
    return url ? { ...rest, node: { url } } : rest;
  });
}, 60_000);

afterAll(async () => {
  await Promise.all(nodes.map((n) => stopTestNode(n)));
});

const COUNTS = `query Counts($j: ID!, $from: DateTime!, $to: DateTime!) {
  teams(first: 500) { totalCount edges { node { name type { code } kind } } }
  socialForces(first: 100, filter: { verifications: [PENDING, VERIFIED, REJECTED, SUSPENDED] }) {
    totalCount edges { node { name verification creditCode capabilities { capability { code } grade } } }
  }
  depots { name stock { item { code } mode quantity supplier } }
  experts { name }
  dutyRoster(jurisdiction: $j, from: $from, to: $to) { posture leader phone }
  jurisdiction(jurisdiction: $j) { dutyRegime dutyNow { posture } }
}`;

/** A GraphQL answer, checked field by field. */
type Snapshot = Record<string, any>;

async function snapshot(node: RegistryNode, now: Date): Promise<Snapshot> {
  const token = tokenFor({ jurisdiction: node.jurisdiction, roles: ['commander'] });
  const from = rosterStartFor(now);
  const vars = {
    j: node.jurisdiction,
    from: from.toISOString(),
    to: new Date(from.getTime() + 8 * 86_400_000).toISOString(),
  };
  return expectData(await graphql(node.url, COUNTS, vars, token));
}

test('seeds each node once; a second run finds the data and writes nothing', async () => {
  const now = new Date();
  const first = await seedNetwork({ entries, signingKey: signingKey(), now });
  expect(first.nodes.map((n) => [n.jurisdiction, n.outcome])).toEqual([
    ['jintan', 'seeded'],
    ['wujin.xueyan', 'seeded'],
  ]);
  expect(first.summary).toMatch(/^Demo data: seeded 2 nodes, 0 already had data; created \d+ teams/);

  const planned = buildDemoData(entries, { rosterStart: rosterStartFor(now) });
  const before = (await Promise.all(nodes.map((n) => snapshot(n, now)))) as [Snapshot, Snapshot];
  nodes.forEach((n, i) => {
    const plan = planned.find((p) => p.jurisdiction === n.jurisdiction);
    const counts = countDemoData(plan as NonNullable<typeof plan>);
    const got = before[i] as Snapshot;
    expect(got.teams.totalCount).toBe(counts.teams);
    expect(got.socialForces.totalCount).toBe(counts.socialForces);
    expect(got.depots).toHaveLength(counts.depots);
    expect(got.experts).toHaveLength(counts.experts);
    expect(got.dutyRoster).toHaveLength(counts.dutyShifts);
    expect(got.jurisdiction.dutyNow.map((s: { posture: string }) => s.posture)).toContain('ON_POST');
  });

  const [jintan, xueyan] = before;
  expect(jintan.teams.totalCount).toBe(24);
  expect(jintan.experts.length).toBeGreaterThan(0);
  expect(jintan.jurisdiction.dutyRegime).toBe('NORMAL');
  const maoshan = jintan.socialForces.edges.find(
    (e: { node: { name: string } }) => e.node.name === '金坛区茅山山地救援队',
  )?.node;
  expect(maoshan.verification).toBe('VERIFIED');
  expect(maoshan.capabilities).toContainEqual({ capability: { code: 'mountain_sar' }, grade: 'GRADE_2' });
  expect(jintan.socialForces.edges.map((e: { node: { verification: string } }) => e.node.verification)).toContain(
    'PENDING',
  );
  const types = xueyan.teams.edges.map((e: { node: { type: { code: string } } }) => e.node.type.code);
  expect(types).toEqual(expect.arrayContaining(['militia', 'forest_fire', 'water_rescue']));
  expect(xueyan.jurisdiction.dutyRegime).toBe('THREE_THIRDS');
  const modes = xueyan.depots.flatMap((d: { stock: { mode: string }[] }) => d.stock.map((s) => s.mode));
  expect(new Set(modes)).toEqual(new Set(['PHYSICAL', 'AGREEMENT']));
  // Commanders see duty phones whole.
  expect(xueyan.dutyRoster[0].phone).toMatch(/^1\d{10}$/);

  const second = await seedNetwork({ entries, signingKey: signingKey(), now: new Date(now.getTime() + 60_000) });
  expect(second.nodes.map((n) => n.outcome)).toEqual(['present', 'present']);
  expect(second.summary).toMatch(/^Demo data: seeded 0 nodes, 2 already had data \(\d+\.\d s\)$/);
  const after = await Promise.all(nodes.map((n) => snapshot(n, now)));
  expect(after).toEqual(before);
}, 120_000);

test('a refused write fails loudly, naming the node and the GraphQL error', async () => {
  await expect(seedNetwork({ entries, signingKey: impostorKey() })).rejects.toThrow(
    /seeding failed on 2 of 2 nodes:[\s\S]*jintan \(http:\/\/127\.0\.0\.1:\d+\/graphql\)[\s\S]*UNAUTHENTICATED/,
  );
});

test('nodes that are not on this machine are left alone', async () => {
  const remote = testNetwork().entries.map((e) =>
    e.code === 'tianning' ? { ...e, node: { url: 'http://10.0.0.1:4104/graphql' } } : { ...e, node: undefined },
  );
  const report = await seedNetwork({ entries: remote, signingKey: signingKey() });
  expect(report.nodes).toEqual([expect.objectContaining({ jurisdiction: 'tianning', outcome: 'not-local' })]);
  expect(report.summary).toContain('left 1 non-local nodes alone');
});

test('a node with some of the data gets only the parts it lacks', async () => {
  const node = await startTestNode('zhonglou');
  try {
    const registrar = tokenFor({ jurisdiction: 'zhonglou', roles: ['registrar'] });
    const team = {
      name: '钟楼区自建抢险队',
      type: 'flood',
      kind: 'SPECIALIST',
      tier: 2,
      headcount: 30,
      base: { lat: 31.78, lng: 119.93 },
      readinessMinutes: 20,
      contact: { name: '张三', phone: '13800000000' },
    };
    expectData(
      await graphql(
        node.url,
        'mutation($t: TeamInput!) { createTeam(jurisdiction: "zhonglou", input: $t) { id } }',
        { t: team },
        registrar,
      ),
    );
    const only = testNetwork().entries.map((e) =>
      e.code === 'zhonglou' ? { ...e, node: { url: node.url } } : { ...e, node: undefined },
    );
    const report = await seedNetwork({ entries: only, signingKey: signingKey() });
    expect(report.nodes).toEqual([
      expect.objectContaining({ outcome: 'completed', filledIn: ['socialForces', 'depots', 'experts', 'duty'] }),
    ]);
    expect(report.nodes[0]?.created.teams).toBe(0);
    expect(report.summary).toContain(
      'seeded 0 nodes, 1 already had data; filled in missing social forces, depots, experts, duty rosters on 1 of them',
    );
    const got = await snapshot(node, new Date());
    expect(got.teams.totalCount).toBe(1);
    expect(got.depots.length).toBeGreaterThan(0);
  } finally {
    await stopTestNode(node);
  }
}, 60_000);

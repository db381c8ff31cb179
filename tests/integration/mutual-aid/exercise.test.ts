import { buildTeam, seedTeams } from '../../testkit/teamSeeder';
import { startAidNetwork, type AidNetwork } from '../../testkit/mutualAid';
import {
  ACCEPT,
  data,
  eventually,
  GET,
  INCIDENT,
  inMs,
  NOTIFICATIONS,
  RESPOND,
  SUBMIT,
  teamStatus,
} from '../../testkit/requests';

/**
 * Issue 4, point h: a drill (演练) is marked 【演练】 in every notification and view; a real request
 * that reserves a team the drill holds succeeds, and the drill is told.
 */
jest.setTimeout(60_000);

let net: AidNetwork;

beforeAll(async () => {
  net = await startAidNetwork(['wujin', 'tianning', 'zhonglou']);
});

afterAll(async () => {
  await net?.stop();
});

interface Note {
  kind: string;
  title: string;
  body: string;
  exercise: boolean;
  request: { id: string } | null;
}

test('drill notifications carry 【演练】 and a real request takes the drill’s team', async () => {
  const [team] = (await seedTeams(net.nodes.get('tianning')!, [
    buildTeam({ name: '天宁区危化品应急救援队', type: 'hazmat' }),
  ])) as [string];
  const drillInput = {
    requester: 'wujin',
    incident: { ...INCIDENT, title: '汛期联合演练', exercise: true },
    needs: [{ teamType: 'hazmat', quantity: 1 }],
    targets: ['tianning'],
    respondBy: inMs(600_000),
  };
  const drill = data(
    await net.as('wujin', 'commander', SUBMIT, { input: drillInput, key: 'drill-request-1' }),
  ).submitReinforcementRequest;
  expect(drill.label).toBe('【演练】');
  expect(drill.incident.title).toBe('【演练】汛期联合演练');
  data(
    await net.as('tianning', 'commander', RESPOND, {
      id: drill.id,
      input: { kind: 'OFFER', offers: [{ needId: drill.needs[0]!.id, resourceId: team }] },
    }),
  );
  data(await net.as('wujin', 'commander', ACCEPT, { id: drill.id, ids: [team] }));
  expect(await teamStatus(net, team)).toBe('DEPLOYED');

  const tianningInbox: Note[] = data(
    await net.as('tianning', 'commander', NOTIFICATIONS, { j: 'tianning' }),
  ).notifications;
  const drillNotes = tianningInbox.filter((n) => n.request?.id === drill.id);
  expect(drillNotes.length).toBeGreaterThanOrEqual(2); // received, accepted
  for (const n of drillNotes) {
    expect(n.exercise).toBe(true);
    expect(n.title.startsWith('【演练】')).toBe(true);
  }
  const wujinInbox: Note[] = data(await net.as('wujin', 'commander', NOTIFICATIONS, { j: 'wujin' })).notifications;
  for (const n of wujinInbox.filter((x) => x.request?.id === drill.id)) {
    expect(n.title.startsWith('【演练】')).toBe(true);
  }

  // A real request from Zhonglou: Tianning offers the same team; the reservation takes it from the drill.
  const realInput = {
    requester: 'zhonglou',
    incident: { ...INCIDENT, title: '化工园区真实泄漏' },
    needs: [{ teamType: 'hazmat', quantity: 1 }],
    targets: ['tianning'],
    respondBy: inMs(600_000),
  };
  const real = data(
    await net.as('zhonglou', 'commander', SUBMIT, { input: realInput, key: 'real-request-1' }),
  ).submitReinforcementRequest;
  expect(real.label).toBe('');
  const offered = data(
    await net.as('tianning', 'commander', RESPOND, {
      id: real.id,
      input: { kind: 'OFFER', offers: [{ needId: real.needs[0]!.id, resourceId: team }] },
    }),
  ).respondToRequest;
  expect(offered.responses[0]!.offered[0]!.state).toBe('OFFERED');
  const accepted = data(await net.as('zhonglou', 'commander', ACCEPT, { id: real.id, ids: [team] })).acceptOffer;
  expect(accepted.assignments[0]!.status).toBe('DISPATCHED');
  const held = data(
    await net.as(
      'tianning',
      'commander',
      'query($id: ID!) { team(id: $id) { status reservedFor preempted { requestId exercise } } }',
      { id: team },
    ),
  ).team;
  expect(held).toEqual({
    status: 'DEPLOYED',
    reservedFor: real.id,
    preempted: { requestId: drill.id, exercise: true },
  });

  // The drill is told: its offer withdrawn, its assignment released, a 【演练】 notice to Wujin.
  const drillAfter = data(await net.as('wujin', 'commander', GET, { id: drill.id })).reinforcementRequest!;
  expect(drillAfter.responses[0]!.offered[0]!.state).toBe('WITHDRAWN');
  expect(drillAfter.responses[0]!.offered[0]!.reason).toContain(real.number);
  expect(drillAfter.assignments[0]!.status).toBe('RELEASED');
  expect(drillAfter.timeline.some((e: { type: string }) => e.type === 'PREEMPTED')).toBe(true);
  const notice = await eventually(
    async () =>
      (data(await net.as('wujin', 'commander', NOTIFICATIONS, { j: 'wujin' })).notifications as Note[]).find(
        (n) => n.kind === 'EXERCISE_PREEMPTED',
      ),
    (n) => n !== undefined,
  );
  expect(notice!.title.startsWith('【演练】')).toBe(true);
  expect(notice!.exercise).toBe(true);
  expect(notice!.request!.id).toBe(drill.id);
  // Real-request notifications carry no mark.
  const realNotes = (
    data(await net.as('tianning', 'commander', NOTIFICATIONS, { j: 'tianning' })).notifications as Note[]
  ).filter((n) => n.request?.id === real.id);
  expect(realNotes.length).toBeGreaterThan(0);
  for (const n of realNotes) expect(n.title.includes('【演练】')).toBe(false);
});

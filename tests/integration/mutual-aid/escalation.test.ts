import { spawnAidWorker, startAidNetwork, type AidNetwork, type AidWorker } from '../../testkit/mutualAid';
import { data, eventually, GET, INCIDENT, inMs, NOTIFICATIONS, SUBMIT } from '../../testkit/requests';

/**
 * Issue 4, point b: a request with respondBy 2 s gets no answer. Within 2 s after the deadline the
 * target's parent and the requester are notified and the next ring of neighbours is added — also
 * when the worker process is killed and restarted between submission and deadline. The worker runs
 * as a real child process (services/mutual-aid/src/worker.ts); the timers live in Redis.
 */
jest.setTimeout(120_000);

let net: AidNetwork;
let worker: AidWorker | null = null;

beforeAll(async () => {
  net = await startAidNetwork(['wujin', 'tianning'], { workerInChild: true });
  worker = await spawnAidWorker(net);
});

afterAll(async () => {
  await worker?.kill();
  await net?.stop();
});

interface Escalated {
  status: string;
  respondBy: string;
  targets: { code: string }[];
  escalations: {
    ring: number;
    at: string;
    silent: { code: string }[];
    notified: { code: string }[];
    added: { code: string }[];
    respondBy: string | null;
  }[];
  timeline: { type: string; detail: string }[];
}

async function submitSilent(key: string, windowMs: number): Promise<{ id: string; deadline: number }> {
  const respondBy = inMs(windowMs);
  const input = {
    requester: 'wujin',
    incident: INCIDENT,
    needs: [{ teamType: 'hazmat', quantity: 1 }],
    targets: ['tianning'],
    respondBy,
  };
  const r = data(await net.as('wujin', 'commander', SUBMIT, { input, key })).submitReinforcementRequest;
  return { id: r.id, deadline: Date.parse(respondBy) };
}

async function expectEscalatedInTime(id: string, deadline: number): Promise<void> {
  const r = await eventually(
    async () => data(await net.as('wujin', 'commander', GET, { id })).reinforcementRequest as Escalated,
    (x) => x.escalations.length > 0,
    deadline - Date.now() + 4000,
    50,
  );
  const e = r.escalations[0]!;
  const lateness = Date.parse(e.at) - deadline;
  expect(lateness).toBeGreaterThanOrEqual(0);
  expect(lateness).toBeLessThan(2000);
  expect(e.ring).toBe(1);
  expect(e.silent.map((j) => j.code)).toEqual(['tianning']);
  expect(e.notified.map((j) => j.code).sort()).toEqual(['changzhou', 'wujin']); // Tianning's parent, and the requester
  // The next ring: Tianning's neighbours not yet asked (not the requester), nearest to the incident first.
  const added = e.added.map((j) => j.code);
  expect(added.sort()).toEqual(['wujin.hengshanqiao', 'wujin.hutang', 'wujin.yaoguan', 'zhonglou'].sort());
  expect(r.targets.map((t) => t.code)).toEqual(['tianning', ...e.added.map((j) => j.code)]);
  expect(Date.parse(e.respondBy!)).toBeGreaterThan(Date.parse(e.at));
  expect(r.respondBy).toBe(e.respondBy);
  expect(r.timeline.some((t) => t.type === 'ESCALATED')).toBe(true);

  // Both were told, in time.
  for (const [j, role] of [
    ['changzhou', 'observer'],
    ['wujin', 'commander'],
  ] as const) {
    type Note = { kind: string; createdAt: string; request: { id: string } | null };
    const find = async () =>
      (data(await net.as(j, role, NOTIFICATIONS, { j })).notifications as Note[]).find(
        (n) => n.kind === 'REQUEST_ESCALATED' && n.request?.id === id,
      );
    // The escalation is recorded first, the notices follow at once.
    const note = await eventually(find, (n) => n !== undefined, 5000, 50);
    expect(Date.parse(note!.createdAt) - deadline).toBeLessThan(2000);
  }
  // The new ring is asked.
  await eventually(
    async () =>
      data(await net.as('zhonglou', 'duty_officer', NOTIFICATIONS, { j: 'zhonglou' })).notifications as {
        kind: string;
        request: { id: string } | null;
      }[],
    (zl) => zl.some((n) => n.kind === 'REQUEST_RECEIVED' && n.request?.id === id),
    5000,
    50,
  );
}

test('no answer by respondBy: parent and requester told, next ring added, within 2 s', async () => {
  const { id, deadline } = await submitSilent('escalate-plain-1', 2000);
  await expectEscalatedInTime(id, deadline);
});

test('the timer survives the worker being killed and restarted before the deadline', async () => {
  // Long enough for a loaded machine to start the worker process again before the deadline.
  const { id, deadline } = await submitSilent('escalate-restart-1', 20_000);
  await worker!.kill();
  await new Promise((r) => setTimeout(r, 500));
  worker = await spawnAidWorker(net);
  expect(Date.now()).toBeLessThan(deadline); // restarted before the deadline
  await expectEscalatedInTime(id, deadline);
});

test('an answered request does not escalate', async () => {
  const { id, deadline } = await submitSilent('escalate-answered-1', 1500);
  data(
    await net.as('tianning', 'duty_officer', 'mutation($id: ID!) { acknowledgeRequest(requestId: $id) { id } }', {
      id,
    }),
  );
  await new Promise((r) => setTimeout(r, deadline - Date.now() + 1500));
  const r = data(await net.as('wujin', 'commander', GET, { id })).reinforcementRequest as Escalated;
  expect(r.escalations).toEqual([]);
  expect(r.targets.map((t) => t.code)).toEqual(['tianning']);
});

import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import type { NotificationRecord } from '../../../services/common/src/notifications';
import { startConference, type ConferenceService } from '../../../services/conference/src/conferenceService';
import { REMINDER_QUEUE, reminderJobId } from '../../../services/conference/src/reminders/reminderJobs';
import { ACTIONS, ASSIGN, COMPLETE, MEMBERS, PROGRESS, SCHEDULE } from '../../testkit/conference';
import { startAidNetwork, type AidNetwork } from '../../testkit/mutualAid';
import { PrivateRedis } from '../../testkit/privateRedis';
import { data, eventually } from '../../testkit/requests';

/**
 * Issue 5, point b: action reminders fire at the configured offsets (short ones here: 2 s before
 * the due date, on it, then every 1.5 s while overdue), reach the owner jurisdiction and the host
 * (whose secretariat runs the meeting), stop once the action is done, are never sent twice when
 * the worker restarts or the sweeper runs again, and are still sent when Redis lost their job.
 * Real FerretDB, a Redis of the test's own (killed in the last test), real BullMQ.
 */
jest.setTimeout(120_000);

const SETTINGS = { beforeDueMs: 2000, overdueEveryMs: 1500 };
/** How late a reminder may arrive after its time. */
const SLACK_MS = 2000;

let redis: PrivateRedis;
let net: AidNetwork;

beforeAll(async () => {
  redis = await PrivateRedis.start();
  net = await startAidNetwork([], { redisUrl: redis.url, conference: { reminders: SETTINGS } });
});

afterAll(async () => {
  await net?.stop();
  await redis?.down();
});

const conference = (): ConferenceService => net.conference!;

/** The time of reminder `key` for an action due at `due` (the contract of the offsets). */
function scheduledAt(key: string, due: number): number {
  if (key === 'before') return due - SETTINGS.beforeDueMs;
  if (key === 'due') return due;
  const m = /^overdue-(\d+)$/.exec(key);
  if (!m) throw new Error(`unexpected reminder key ${key}`);
  return due + Number(m[1]) * SETTINGS.overdueEveryMs;
}

function expectedKeys(n: number): string[] {
  return ['before', 'due', ...Array.from({ length: Math.max(0, n - 2) }, (_, i) => `overdue-${i + 1}`)].slice(0, n);
}

interface Sent {
  key: string;
  kind: string;
  title: string;
  body: string;
  at: number;
}

/** The reminder notifications about `actionId` in `code`'s in-app list, oldest first. */
async function remindersOf(code: string, actionId: string): Promise<Sent[]> {
  const all: NotificationRecord[] = await conference().deps.notifications.list(code, {
    subjectId: actionId,
    first: 200,
  });
  const prefix = `reminder:${actionId}:`;
  return all
    .filter((n) => n.kind === 'ACTION_DUE_SOON' || n.kind === 'ACTION_OVERDUE')
    .map((n) => {
      expect(n.subjectType).toBe('ActionItem');
      expect(n.dedupeKey.startsWith(prefix)).toBe(true);
      return {
        key: n.dedupeKey.slice(prefix.length),
        kind: n.kind,
        title: n.title,
        body: n.body,
        at: n.createdAt.getTime(),
      };
    })
    .sort((a, b) => a.at - b.at);
}

const keysOf = (sent: Sent[]) => sent.map((s) => s.key);

async function waitForKeys(code: string, actionId: string, count: number, timeoutMs = 20_000): Promise<Sent[]> {
  return eventually(
    () => remindersOf(code, actionId),
    (s) => s.length >= count,
    timeoutMs,
    100,
  );
}

/** Each key once, each no earlier than its time and at most `slack` late. */
function expectOnTime(sent: Sent[], due: number, slack: number | null = SLACK_MS): void {
  expect(new Set(keysOf(sent)).size).toBe(sent.length);
  for (const s of sent) {
    const at = scheduledAt(s.key, due);
    if (s.at < at) throw new Error(`reminder ${s.key} was sent ${at - s.at} ms early`);
    if (slack !== null && s.at - at > slack) {
      throw new Error(`reminder ${s.key} was sent ${s.at - at} ms late (allowed ${slack})`);
    }
  }
}

/** The reminders in the order of the offsets, from the first, none skipped and none repeated. */
function expectSequence(sent: Sent[]): void {
  expect(keysOf(sent)).toEqual(expectedKeys(sent.length));
}

function expectChinese(sent: Sent[], title: string, ownerName: string): void {
  for (const s of sent) {
    if (s.key === 'before') {
      expect({ kind: s.kind, title: s.title }).toEqual({ kind: 'ACTION_DUE_SOON', title: `任务即将到期：${title}` });
    } else if (s.key === 'due') {
      expect({ kind: s.kind, title: s.title }).toEqual({ kind: 'ACTION_DUE_SOON', title: `任务今日到期：${title}` });
    } else {
      expect({ kind: s.kind, title: s.title }).toEqual({ kind: 'ACTION_OVERDUE', title: `任务已逾期：${title}` });
    }
    expect(s.body).toContain(`责任单位：${ownerName}`);
  }
}

/** A meeting of the four members, held right now (so that due dates a few seconds ahead are after it). */
async function meetingNow(title: string): Promise<string> {
  const input = {
    title,
    scheduledAt: new Date(Date.now() - 1000).toISOString(),
    location: '武进区应急管理局三楼会议室',
    host: 'wujin',
    members: MEMBERS,
  };
  return data(await net.as('wujin', 'secretariat', SCHEDULE, { input })).scheduleMeeting.id;
}

async function assign(meetingId: string, owner: string, title: string, due: number): Promise<string> {
  const input = { title, owner, dueDate: new Date(due).toISOString() };
  return data(await net.as('wujin', 'secretariat', ASSIGN, { id: meetingId, input })).assignAction.id;
}

async function storedKeys(actionId: string): Promise<string[]> {
  const a = await conference().deps.store.actions.findById(actionId.split(':')[2]).lean().exec();
  return [...a!.remindersSent];
}

const sleepUntil = (t: number) => new Promise((r) => setTimeout(r, Math.max(0, t - Date.now())));

test('reminders fire at their offsets, reach the owner and the host, in Chinese, and stop once the action is done', async () => {
  const meetingId = await meetingNow('提醒测试专题会议');
  const t0 = Date.now();
  const due = t0 + 5000;
  const jintanTitle = '制定交界水域联合值守方案';
  const wujinTitle = '组织交界水域联合搜救演练';
  const jintanAction = await assign(meetingId, 'jintan', jintanTitle, due);
  const wujinAction = await assign(meetingId, 'wujin', wujinTitle, due);

  // Nothing before the first offset.
  expect(await remindersOf('jintan', jintanAction)).toEqual([]);
  expect(await remindersOf('wujin', jintanAction)).toEqual([]);

  // before (+3 s), due (+5 s), overdue-1 (+6.5 s), overdue-2 (+8 s), to Jintan and to the host Wujin.
  const jintan = await waitForKeys('jintan', jintanAction, 4);
  const host = await waitForKeys('wujin', jintanAction, 4);
  expect(Date.now()).toBeGreaterThanOrEqual(scheduledAt('overdue-2', due));
  expectSequence(jintan);
  expectSequence(host);
  expectOnTime(jintan, due);
  expectOnTime(host, due);
  expectChinese(jintan, jintanTitle, '金坛区');
  expectChinese(host, jintanTitle, '金坛区');
  // The other members hear nothing of Jintan's action.
  for (const other of ['zhonglou', 'tianning']) expect(await remindersOf(other, jintanAction)).toEqual([]);

  // Wujin owns the other action and hosts: one record per reminder, not two.
  const own = await waitForKeys('wujin', wujinAction, 4);
  expectSequence(own);
  expectOnTime(own, due);
  expectChinese(own, wujinTitle, '武进区');
  for (const other of ['jintan', 'zhonglou', 'tianning']) expect(await remindersOf(other, wujinAction)).toEqual([]);

  // Progress does not stop them; completion does.
  const progressed = data(
    await net.as('jintan', 'duty_officer', PROGRESS, { id: jintanAction, input: { note: '方案已起草', percent: 60 } }),
  ).reportProgress;
  expect(progressed).toMatchObject({ status: 'IN_PROGRESS', overdue: true });
  const done = data(
    await net.as('jintan', 'commander', COMPLETE, { id: jintanAction, note: '方案已印发' }),
  ).completeAction;
  expect(done).toMatchObject({ status: 'DONE', overdue: false, percent: 100 });
  const doneAt = Date.now();
  const atCompletion = keysOf(await remindersOf('jintan', jintanAction));

  // Two more overdue periods pass: Jintan's action gets no more reminders, Wujin's open one does.
  await sleepUntil(doneAt + 2 * SETTINGS.overdueEveryMs + 800);
  const jintanAfter = await remindersOf('jintan', jintanAction);
  expect(keysOf(jintanAfter)).toEqual(atCompletion);
  expect(keysOf(await remindersOf('wujin', jintanAction))).toEqual(atCompletion);
  expect(jintanAfter.every((s) => s.at <= doneAt)).toBe(true);
  const ownAfter = await remindersOf('wujin', wujinAction);
  expect(ownAfter.length).toBeGreaterThanOrEqual(own.length + 2);
  expectSequence(ownAfter);
  expectOnTime(ownAfter, due);

  // The action records what was sent, each key once.
  expect(await storedKeys(jintanAction)).toEqual(atCompletion);
  const stored = await storedKeys(wujinAction);
  expect(new Set(stored).size).toBe(stored.length);

  // A sweep after completion sends nothing either.
  await conference().sweep();
  expect(keysOf(await remindersOf('jintan', jintanAction))).toEqual(atCompletion);

  // The same picture through the gateway: done, not overdue; Wujin's is overdue.
  const listed = data(await net.as('wujin', 'secretariat', ACTIONS, { f: { meeting: meetingId } })).actionItems as {
    id: string;
    status: string;
    overdue: boolean;
  }[];
  expect(listed.map((a) => [a.id, a.status, a.overdue])).toEqual([
    [wujinAction, 'OPEN', true],
    [jintanAction, 'DONE', false],
  ]);
  data(await net.as('wujin', 'secretariat', COMPLETE, { id: wujinAction }));
});

test('a restarted worker, a second worker and repeated sweeps never send a reminder twice', async () => {
  const meetingId = await meetingNow('提醒重启测试会议');
  const t0 = Date.now();
  const due = t0 + 4000;
  const title = '修订危化品运输事故处置流程';
  const actionId = await assign(meetingId, 'zhonglou', title, due);

  // The sweeper runs over and over, alongside the jobs.
  let sweeping = true;
  let paused = false;
  let sweeps = 0;
  const sweeper = (async () => {
    while (sweeping) {
      if (!paused) {
        await conference().sweep();
        sweeps++;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  })();

  let extra: ConferenceService | null = null;
  try {
    await waitForKeys('zhonglou', actionId, 1);

    // The service stops (API and worker) across the due date and starts again on the same
    // database, queues and port.
    paused = true;
    await conference().stop();
    await sleepUntil(due + 300);
    net.conference = await startConference(net.conferenceConfig!);
    paused = false;
    // And a second, worker-only instance joins.
    extra = await startConference({ ...net.conferenceConfig!, port: 0, roles: { api: false, worker: true } });

    // due, overdue-1 (+5.5 s), overdue-2 (+7 s), overdue-3 (+8.5 s); then Zhonglou is done.
    await waitForKeys('zhonglou', actionId, 5);
    await waitForKeys('wujin', actionId, 5);
    expect(data(await net.as('zhonglou', 'commander', COMPLETE, { id: actionId })).completeAction.status).toBe('DONE');
  } finally {
    sweeping = false;
    await sweeper;
    await extra?.stop();
  }
  expect(sweeps).toBeGreaterThan(20);
  // Sweep a few more times after the fact, and let any duplicate job show itself.
  for (let i = 0; i < 5; i++) await conference().sweep();
  await new Promise((r) => setTimeout(r, 500));

  const owner = await remindersOf('zhonglou', actionId);
  const host = await remindersOf('wujin', actionId);
  // Each key exactly once per recipient, none skipped, none early; the due reminder went out
  // after the restart, at most a little late. (In key order: a reminder sent by the sweeper and
  // one sent by its job may be a few milliseconds apart either way.)
  const byKey = (sent: Sent[]) => [...sent].sort((a, b) => scheduledAt(a.key, due) - scheduledAt(b.key, due));
  expectSequence(byKey(owner));
  expect(owner.length).toBeGreaterThanOrEqual(5);
  expectOnTime(owner, due, SLACK_MS + 1000);
  expectOnTime(host, due, SLACK_MS + 1000);
  expect(keysOf(byKey(host))).toEqual(keysOf(byKey(owner)));
  expectChinese(owner, title, '钟楼区');
  const stored = await storedKeys(actionId);
  expect([...stored].sort()).toEqual(keysOf(owner).sort());
  // And the raw collection agrees: one document per (recipient, key).
  const raw = await conference()
    .deps.store.conn.collection('notifications')
    .find({ subjectId: actionId, kind: { $in: ['ACTION_DUE_SOON', 'ACTION_OVERDUE'] } })
    .toArray();
  expect(raw).toHaveLength(owner.length * 2);

  // The restarted service answers through the gateway as before.
  const listed = data(await net.as('zhonglou', 'duty_officer', ACTIONS, { f: { meeting: meetingId } })).actionItems as {
    id: string;
    status: string;
  }[];
  expect(listed.map((a) => [a.id, a.status])).toEqual([[actionId, 'DONE']]);
});

test('a reminder whose job was removed from the queue is sent by the sweeper, and the next is queued again', async () => {
  const connection = new IORedis(redis.url, { maxRetriesPerRequest: null });
  const queue = new Queue(REMINDER_QUEUE, { connection, prefix: net.conferenceConfig!.queuePrefix });
  try {
    const meetingId = await meetingNow('提醒丢失测试会议');
    const t0 = Date.now();
    const due = t0 + 4000;
    const actionId = await assign(meetingId, 'tianning', '梳理危化品运输车辆途经路线', due);
    const beforeJob = reminderJobId(actionId, 'before');
    expect(await queue.getJob(beforeJob)).toBeDefined();

    // The job of the first reminder is lost: nothing is sent at its time.
    expect(await queue.remove(beforeJob)).toBe(1);
    await sleepUntil(scheduledAt('before', due) + 800);
    expect(await remindersOf('tianning', actionId)).toEqual([]);
    expect(await storedKeys(actionId)).toEqual([]);

    // The sweeper sends it (late, once) and queues the due reminder, which then fires on time.
    await conference().sweep();
    const swept = await remindersOf('tianning', actionId);
    expect(keysOf(swept)).toEqual(['before']);
    expect(keysOf(await remindersOf('wujin', actionId))).toEqual(['before']);
    expect(swept[0]!.at).toBeGreaterThanOrEqual(scheduledAt('before', due));
    expect(await queue.getJob(reminderJobId(actionId, 'due'))).toBeDefined();
    await conference().sweep();
    expect(keysOf(await remindersOf('tianning', actionId))).toEqual(['before']);

    const later = await waitForKeys('tianning', actionId, 2);
    expect(keysOf(later)).toEqual(['before', 'due']);
    expectOnTime(later.slice(1), due);
    expectOnTime(later, due, null);

    // The due reminder's successor is lost too, and a sweep before its time queues it again.
    const next = reminderJobId(actionId, 'overdue-1');
    await eventually(
      async () => (await queue.getJob(next)) !== undefined,
      (v) => v,
      5000,
      50,
    );
    expect(await queue.remove(next)).toBe(1);
    await conference().sweep();
    expect(await queue.getJob(next)).toBeDefined();
    const third = await waitForKeys('tianning', actionId, 3);
    expect(keysOf(third)).toEqual(['before', 'due', 'overdue-1']);
    expectOnTime(third.slice(1), due);
    data(await net.as('tianning', 'commander', COMPLETE, { id: actionId }));
  } finally {
    await queue.close();
    connection.disconnect();
  }
});

test('after Redis crashes and comes back empty, the sweeper queues the lost reminder and it fires on time', async () => {
  const meetingId = await meetingNow('提醒Redis故障测试会议');
  const t0 = Date.now();
  const due = t0 + 6000;
  const actionId = await assign(meetingId, 'jintan', '完善汛期物资互借台账', due);

  // Redis dies with the delayed job in it and comes back with nothing.
  await redis.down();
  await redis.up();
  const probe = new IORedis(redis.url);
  try {
    expect(await probe.dbsize()).toBe(0);
  } finally {
    probe.disconnect();
  }
  // The service reconnects; a sweep before the first reminder's time queues it again.
  await eventually(
    async () => {
      await conference().sweep();
      const connection = new IORedis(redis.url, { maxRetriesPerRequest: null });
      const queue = new Queue(REMINDER_QUEUE, { connection, prefix: net.conferenceConfig!.queuePrefix });
      try {
        return (await queue.getJob(reminderJobId(actionId, 'before'))) !== undefined;
      } finally {
        await queue.close();
        connection.disconnect();
      }
    },
    (v) => v,
    3500,
    200,
  );
  expect(Date.now()).toBeLessThan(scheduledAt('before', due));

  // The reconnected worker sends it at its time, then the due reminder.
  const sent = await waitForKeys('jintan', actionId, 2);
  expectSequence(sent);
  expectOnTime(sent, due);
  expectOnTime(await waitForKeys('wujin', actionId, 2), due);
  data(await net.as('jintan', 'commander', COMPLETE, { id: actionId }));
});

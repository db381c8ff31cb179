import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import IORedis from 'ioredis';
import mongoose from 'mongoose';
import { PrivateRedis } from '../../testkit/privateRedis';
import { createLogger } from '../../../services/common/src/logger';
import { NetworkDirectory, type JurisdictionEntry } from '../../../services/common/src/network';
import {
  NotificationCenter,
  type NotificationRecord,
  type WebhookPayload,
} from '../../../services/common/src/notifications/index';

/** Real FerretDB, real Redis, a real HTTP receiver on 127.0.0.1: nothing is mocked. */

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: WebhookPayload;
  at: number;
}

/** A webhook receiver: answers each path from its script (then 200), or always `always[path]`. */
class Receiver {
  readonly received: Received[] = [];
  readonly script = new Map<string, number[]>();
  readonly always = new Map<string, number>();
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '';
        this.received.push({
          path,
          headers: req.headers,
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as WebhookPayload,
          at: Date.now(),
        });
        const status = this.always.get(path) ?? this.script.get(path)?.shift() ?? 200;
        res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'nope');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  at(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

async function waitFor<T>(
  probe: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  timeoutMs = 15_000,
  what = 'condition',
): Promise<T> {
  const giveUpAt = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > giveUpAt) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function entry(code: string, webhook?: string): JurisdictionEntry {
  return {
    code,
    name: code,
    nameEn: code,
    level: 'TOWNSHIP',
    parent: null,
    location: { lat: 31.7, lng: 119.9 },
    neighbors: [],
    ...(webhook ? { webhook } : {}),
  };
}

const logger = createLogger('notifications-test', process.env.LOG_LEVEL ?? 'silent');
const runId = `${process.pid}_${Date.now()}`;
const receiver = new Receiver();
let conn: mongoose.Connection;
let center: NotificationCenter;
let directory: NetworkDirectory;

function stateOf(id: string) {
  return async () => {
    const r = await center.get(id);
    return r && r.webhook.state !== 'PENDING' ? r : null;
  };
}

beforeAll(async () => {
  const mongoUrl = process.env.AIDNET_TEST_MONGODB_URL;
  if (!mongoUrl) throw new Error('AIDNET_TEST_MONGODB_URL is unset: run the tests through jest (globalSetup)');
  await receiver.start();
  const hook = (name: string) => `${receiver.url}/hook/${name}`;
  directory = new NetworkDirectory([
    entry('alpha', hook('alpha')),
    entry('beta'),
    entry('gamma', hook('gamma')),
    entry('delta', hook('delta')),
    entry('epsilon', hook('epsilon')),
    entry('eta'),
    entry('zeta', hook('zeta')),
  ]);
  conn = mongoose.createConnection(mongoUrl, {
    dbName: `test_notify_${process.pid}`,
    autoIndex: false,
    autoCreate: false,
    serverSelectionTimeoutMS: 5000,
  });
  await conn.asPromise();
  center = await NotificationCenter.open({
    conn,
    directory,
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    queuePrefix: 'aidnet-test',
    queueName: `notify-test-${runId}`,
    logger,
    webhookTimeoutMs: 2000,
    maxAttempts: 3,
    backoffBaseMs: 150,
    sweepIntervalMs: 300,
  });
  await center.startDelivery();
});

afterAll(async () => {
  await center?.close();
  // The queue's own keys (meta, id counter, events) on the shared Redis.
  const redis = new IORedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const keys = await redis.keys(`aidnet-test:notify-test-${runId}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  await conn?.dropDatabase().catch(() => undefined);
  await conn?.close();
  await receiver.stop();
});

describe('NotificationCenter', () => {
  test('writes one record per recipient and POSTs the JSON to the webhook, or NONE without one', async () => {
    const [a, b] = await center.notify({
      jurisdictions: ['alpha', 'beta'],
      kind: 'REQUEST_RECEIVED',
      title: '收到增援请求 WJ-2026-0001',
      body: '武进区请求防汛抢险队 2 支',
      subject: { type: 'ReinforcementRequest', id: 'wujin:ReinforcementRequest:0123456789abcdef01234567' },
    });
    expect(a!.jurisdiction).toBe('alpha');
    expect(a!.webhook).toMatchObject({ url: `${receiver.url}/hook/alpha`, state: 'PENDING', attempts: 0 });
    expect(b!.jurisdiction).toBe('beta');
    expect(b!.webhook).toEqual({ url: null, state: 'NONE', attempts: 0, lastError: null, deliveredAt: null });

    const id = a!._id.toHexString();
    const delivered = await waitFor(stateOf(id), 15_000, 'delivery');
    expect(delivered.webhook).toMatchObject({ state: 'DELIVERED', attempts: 1, lastError: null });
    expect(delivered.webhook.deliveredAt).toBeInstanceOf(Date);

    const posts = receiver.at('/hook/alpha').filter((r) => r.body.id === id);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.headers['x-aidnet-notification-id']).toBe(id);
    expect(posts[0]!.headers['content-type']).toMatch(/^application\/json/);
    expect(posts[0]!.body).toEqual({
      id,
      jurisdiction: 'alpha',
      kind: 'REQUEST_RECEIVED',
      title: '收到增援请求 WJ-2026-0001',
      body: '武进区请求防汛抢险队 2 支',
      subject: { type: 'ReinforcementRequest', id: 'wujin:ReinforcementRequest:0123456789abcdef01234567' },
      exercise: false,
      createdAt: a!.createdAt.toISOString(),
    });
    expect((await center.get(b!._id.toHexString()))!.webhook.state).toBe('NONE');
  });

  test('marks drills with 【演练】 at the start of title and body, once', async () => {
    const [r] = await center.notify({
      jurisdictions: ['alpha'],
      kind: 'REQUEST_RECEIVED',
      title: '收到增援请求',
      body: '【演练】金坛区请求增援',
      exercise: true,
    });
    expect(r!.title).toBe('【演练】收到增援请求');
    expect(r!.body).toBe('【演练】金坛区请求增援');
    expect(r!.exercise).toBe(true);
    const id = r!._id.toHexString();
    await waitFor(stateOf(id), 15_000, 'delivery');
    const post = receiver.at('/hook/alpha').find((p) => p.body.id === id);
    expect(post?.body).toMatchObject({
      title: '【演练】收到增援请求',
      body: '【演练】金坛区请求增援',
      exercise: true,
      subject: null,
    });
  });

  test('retries with backoff when the receiver fails, then delivers', async () => {
    receiver.script.set('/hook/gamma', [500, 500]);
    const [r] = await center.notify({
      jurisdictions: ['gamma'],
      kind: 'REQUEST_ESCALATED',
      title: '请求已升级',
      body: '无人响应，已通知上级',
    });
    const id = r!._id.toHexString();
    const done = await waitFor(stateOf(id), 20_000, 'delivery after retries');
    expect(done.webhook).toMatchObject({ state: 'DELIVERED', attempts: 3, lastError: null });
    const posts = receiver.at('/hook/gamma').filter((p) => p.body.id === id);
    expect(posts).toHaveLength(3);
    // Backoff 150 ms then 300 ms (a little slack for timer granularity).
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(140);
    expect(posts[2]!.at - posts[1]!.at).toBeGreaterThanOrEqual(290);
  });

  test('gives up as FAILED after maxAttempts, and the sweep does not revive it', async () => {
    receiver.always.set('/hook/delta', 503);
    const [r] = await center.notify({
      jurisdictions: ['delta'],
      kind: 'REQUEST_ESCALATED',
      title: '请求已升级',
      body: '正文',
    });
    const id = r!._id.toHexString();
    const failed = await waitFor(stateOf(id), 20_000, 'failure');
    expect(failed.webhook).toMatchObject({ state: 'FAILED', attempts: 3 });
    expect(failed.webhook.lastError).toMatch(/^HTTP 503/);
    await new Promise((resolve) => setTimeout(resolve, 1000)); // several sweep intervals
    expect(receiver.at('/hook/delta').filter((p) => p.body.id === id)).toHaveLength(3);
    expect((await center.get(id))!.webhook.state).toBe('FAILED');
  });

  test('a 4xx other than 408/429 fails at once', async () => {
    receiver.always.set('/hook/epsilon', 404);
    const [r] = await center.notify({ jurisdictions: ['epsilon'], kind: 'K', title: '标题', body: '' });
    const id = r!._id.toHexString();
    const failed = await waitFor(stateOf(id), 15_000, 'failure');
    expect(failed.webhook).toMatchObject({ state: 'FAILED', attempts: 1 });
    expect(failed.webhook.lastError).toMatch(/^HTTP 404/);
    expect(receiver.at('/hook/epsilon').filter((p) => p.body.id === id)).toHaveLength(1);
  });

  test('the same dedupeKey, even concurrently, yields one record per jurisdiction and one POST', async () => {
    const dedupeKey = `received:wujin:ReinforcementRequest:${runId}`;
    const input = {
      jurisdictions: ['alpha', 'beta'],
      kind: 'REQUEST_RECEIVED',
      title: '收到增援请求',
      body: '正文',
      dedupeKey,
    };
    const results = await Promise.all(Array.from({ length: 6 }, () => center.notify(input)));
    const ids = (rs: NotificationRecord[]) => rs.map((r) => r._id.toHexString());
    for (const rs of results) expect(ids(rs)).toEqual(ids(results[0]!));
    const again = await center.notify({ ...input, title: '改过的标题' });
    expect(ids(again)).toEqual(ids(results[0]!));
    expect(again[0]!.title).toBe('收到增援请求');
    const model = conn.model('Notification');
    expect(await model.countDocuments({ dedupeKey })).toBe(2);

    const alphaId = results[0]![0]!._id.toHexString();
    await waitFor(stateOf(alphaId), 15_000, 'delivery');
    await new Promise((resolve) => setTimeout(resolve, 700)); // let any duplicate job show itself
    expect(receiver.at('/hook/alpha').filter((p) => p.body.id === alphaId)).toHaveLength(1);
  });

  test('list (newest first, unreadOnly, subjectId, first), get and markRead', async () => {
    const made: NotificationRecord[] = [];
    for (const n of [1, 2, 3]) {
      const [r] = await center.notify({
        jurisdictions: ['eta'],
        kind: 'K',
        title: `通知 ${n}`,
        body: '',
        subject: { type: 'ReinforcementRequest', id: `req-${n % 2}` },
      });
      made.push(r!);
      await new Promise((resolve) => setTimeout(resolve, 5)); // distinct createdAt
    }
    const titles = (rs: NotificationRecord[]) => rs.map((r) => r.title);
    expect(titles(await center.list('eta'))).toEqual(['通知 3', '通知 2', '通知 1']);
    expect(titles(await center.list('eta', { first: 2 }))).toEqual(['通知 3', '通知 2']);
    expect(titles(await center.list('eta', { subjectId: 'req-1' }))).toEqual(['通知 3', '通知 1']);

    const id = made[1]!._id.toHexString();
    const read = await center.markRead(id, '张三');
    expect(read.readBy).toBe('张三');
    expect(read.readAt).toBeInstanceOf(Date);
    const again = await center.markRead(id, '李四');
    expect(again.readBy).toBe('张三');
    expect(again.readAt!.getTime()).toBe(read.readAt!.getTime());
    expect(titles(await center.list('eta', { unreadOnly: true }))).toEqual(['通知 3', '通知 1']);
    expect((await center.get(id))!.readBy).toBe('张三');

    expect(await center.get('not-an-id')).toBeNull();
    expect(await center.get('0123456789abcdef01234567')).toBeNull();
    await expect(center.markRead('0123456789abcdef01234567', '张三')).rejects.toMatchObject({
      extensions: { code: 'NOT_FOUND' },
    });
    await expect(center.markRead('nonsense', '张三')).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    await expect(center.list('eta', { first: 201 })).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    await expect(center.list('eta', { first: 0 })).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    await expect(center.list('nowhere')).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });

  test('an unknown jurisdiction is BAD_USER_INPUT and nothing is written', async () => {
    const dedupeKey = `unknown-${runId}`;
    await expect(
      center.notify({ jurisdictions: ['alpha', 'nowhere'], kind: 'K', title: '标题', body: '正文', dedupeKey }),
    ).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', fields: [{ path: 'jurisdictions[1]', message: 'unknown jurisdiction' }] },
    });
    await expect(
      center.notify({ jurisdictions: ['alpha'], kind: '', title: '标题', body: '正文', dedupeKey }),
    ).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(await conn.model('Notification').countDocuments({ dedupeKey })).toBe(0);
    expect(await center.notify({ jurisdictions: [], kind: 'K', title: '标题', body: '正文' })).toEqual([]);
  });

  test('with Redis down, notify returns at once with PENDING, and the sweep delivers once Redis is back', async () => {
    const redis = await PrivateRedis.start();
    const outageConn = conn.useDb(`test_notify_${process.pid}_outage`, { useCache: false });
    const outage = await NotificationCenter.open({
      conn: outageConn,
      directory,
      redisUrl: redis.url,
      queueName: `notify-outage-${runId}`,
      logger,
      backoffBaseMs: 100,
      sweepIntervalMs: 300,
    });
    try {
      await outage.startDelivery();
      const stateIn = (id: string) => async () => {
        const r = await outage.get(id);
        return r?.webhook.state === 'DELIVERED' ? r : null;
      };
      // The worker is up and delivering before the outage.
      const [before] = await outage.notify({ jurisdictions: ['zeta'], kind: 'K', title: '断线前', body: '正文' });
      await waitFor(stateIn(before!._id.toHexString()), 15_000, 'delivery before the outage');

      await redis.down();
      const started = Date.now();
      const [during] = await outage.notify({ jurisdictions: ['zeta'], kind: 'K', title: '断线中', body: '正文' });
      expect(Date.now() - started).toBeLessThan(1000);
      expect(during!.webhook.state).toBe('PENDING');
      const id = during!._id.toHexString();
      await new Promise((resolve) => setTimeout(resolve, 800));
      expect((await outage.get(id))!.webhook.state).toBe('PENDING');
      expect(receiver.at('/hook/zeta').filter((p) => p.body.id === id)).toHaveLength(0);

      await redis.up(); // same port, empty: only the sweep can know about the delivery
      const delivered = await waitFor(stateIn(id), 30_000, 'delivery after Redis came back');
      expect(delivered.webhook.attempts).toBe(1);
      expect(receiver.at('/hook/zeta').filter((p) => p.body.id === id)).toHaveLength(1);
    } finally {
      await outage.close();
      await redis.down();
      await outageConn.dropDatabase().catch(() => undefined);
    }
  }, 90_000);

  test('a center opened while Redis is down delivers once Redis comes up', async () => {
    const redis = await PrivateRedis.start();
    await redis.down();
    const outageConn = conn.useDb(`test_notify_${process.pid}_late`, { useCache: false });
    const late = await NotificationCenter.open({
      conn: outageConn,
      directory,
      redisUrl: redis.url,
      queueName: `notify-late-${runId}`,
      logger,
      sweepIntervalMs: 300,
    });
    try {
      await late.startDelivery();
      const started = Date.now();
      const [r] = await late.notify({ jurisdictions: ['zeta'], kind: 'K', title: '启动时断线', body: '正文' });
      expect(Date.now() - started).toBeLessThan(1000);
      expect(r!.webhook.state).toBe('PENDING');
      await redis.up();
      const id = r!._id.toHexString();
      await waitFor(
        async () => (await late.get(id))?.webhook.state === 'DELIVERED',
        30_000,
        'delivery after Redis came up',
      );
      expect(receiver.at('/hook/zeta').filter((p) => p.body.id === id)).toHaveLength(1);
    } finally {
      await late.close();
      await redis.down();
      await outageConn.dropDatabase().catch(() => undefined);
    }
  }, 90_000);
});

import { startAidNetwork, type AidNetwork } from '../../testkit/mutualAid';
import { PrivateRedis } from '../../testkit/privateRedis';
import { data, eventually, INCIDENT, inMs, SUBMIT } from '../../testkit/requests';

/**
 * Issue 4, point f: Redis is stopped for 10 s during 20 submissions. All 20 requests exist
 * afterwards and their escalation timers run. The Redis here is the test's own and is killed
 * outright, so whatever it held is lost; the request documents are what must carry the timers.
 */
jest.setTimeout(90_000);

let redis: PrivateRedis;
let net: AidNetwork;

beforeAll(async () => {
  redis = await PrivateRedis.start();
  net = await startAidNetwork(['wujin', 'tianning'], { redisUrl: redis.url, sweepIntervalMs: 300 });
});

afterAll(async () => {
  await net?.stop();
  await redis?.down();
});

test('20 submissions during a 10 s Redis outage: all kept, all timers run', async () => {
  await redis.down();
  const outageStart = Date.now();
  const ids: string[] = [];
  for (let i = 0; i < 20; i++) {
    const input = {
      requester: 'wujin',
      incident: { ...INCIDENT, title: `停电期间提交 ${i + 1}` },
      needs: [{ teamType: 'hazmat', quantity: 1 }],
      targets: ['tianning'],
      respondBy: inMs(i < 10 ? 3000 : 14_000),
    };
    const started = Date.now();
    const r = data(
      await net.as('wujin', 'commander', SUBMIT, { input, key: `redis-outage-${i}` }),
    ).submitReinforcementRequest;
    expect(Date.now() - started).toBeLessThan(3000); // Redis being down does not hold a commander up
    ids.push(r.id);
    await new Promise((resolve) => setTimeout(resolve, 350));
  }
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, 10_000 - (Date.now() - outageStart))));
  await redis.up();

  expect(await net.aid.deps.store.requests.countDocuments({})).toBe(20);
  const numbers = (await net.aid.deps.store.requests.find({}).lean().exec()).map((r) => r.number).sort();
  expect(new Set(numbers).size).toBe(20);

  // Every timer runs: each request escalates once its deadline has passed.
  const escalated = await eventually(
    async () =>
      (await net.aid.deps.store.requests.find({}).lean().exec()).filter((r) => r.escalations.length > 0).length,
    (n) => n === 20,
    30_000,
    250,
  );
  expect(escalated).toBe(20);
  for (const r of await net.aid.deps.store.requests.find({}).lean().exec()) {
    const e = r.escalations[0]!;
    expect(e.at.getTime()).toBeGreaterThanOrEqual(r.createdAt.getTime() + r.windowMs);
  }
});

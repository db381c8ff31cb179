import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Types } from 'mongoose';
import type { WebhookPayload } from '../../../services/common/src/notifications/webhookDelivery';
import { startAidNetwork, type AidNetwork } from '../../testkit/mutualAid';
import { data, eventually, INCIDENT, inMs, NOTIFICATIONS, SUBMIT } from '../../testkit/requests';

/**
 * Webhooks of the mutual-aid notifications: Tianning has one (a real HTTP receiver on 127.0.0.1
 * started here), Zhonglou has none. A request to both reaches Tianning's receiver as a JSON POST;
 * drills are marked 【演练】; a receiver that fails is retried until it takes the notification, and
 * a receiver that refuses for good is not retried. Delivery state is read from the service's own
 * notifications collection.
 */
jest.setTimeout(90_000);

interface Received {
  method: string;
  headers: IncomingHttpHeaders;
  body: WebhookPayload;
  answered: number;
}

/** Every POST the receiver got, in order, with the status it answered. */
const received: Received[] = [];
/** Failures still to answer, per notification id, for incidents whose title asks for them. */
const failuresLeft = new Map<string, number>();
let receiver: Server;
let net: AidNetwork;

function startReceiver(): Promise<string> {
  receiver = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      const body = JSON.parse(raw) as Received['body'];
      let status = 200;
      if (body.title.includes('（忙线）')) {
        // Busy twice, then takes it.
        const left = failuresLeft.get(body.id) ?? 2;
        if (left > 0) {
          failuresLeft.set(body.id, left - 1);
          status = 500;
        }
      } else if (body.title.includes('（拒收）')) {
        status = 410;
      }
      received.push({ method: req.method ?? '', headers: req.headers, body, answered: status });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'receiver busy');
    });
  });
  return new Promise((resolve) =>
    receiver.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/aidnet/hook`),
    ),
  );
}

interface StoredNotification {
  _id: Types.ObjectId;
  jurisdiction: string;
  kind: string;
  title: string;
  subjectId: string | null;
  webhook: { url: string | null; state: string; attempts: number; lastError: string | null; deliveredAt: Date | null };
}

/** The notification records of a request, from the mutual-aid database. */
async function stored(requestId: string, kind = 'REQUEST_RECEIVED'): Promise<StoredNotification[]> {
  return net.aid.deps.store.conn
    .collection<StoredNotification>('notifications')
    .find({ subjectId: requestId, kind })
    .sort({ jurisdiction: 1 })
    .toArray();
}

async function submit(title: string, key: string, exercise = false): Promise<{ id: string; number: string }> {
  const input = {
    requester: 'wujin',
    incident: { ...INCIDENT, title, exercise },
    needs: [{ teamType: 'hazmat', quantity: 2 }],
    targets: ['tianning', 'zhonglou'],
    respondBy: inMs(600_000),
  };
  return data(await net.as('wujin', 'commander', SUBMIT, { input, key })).submitReinforcementRequest;
}

const postsFor = (requestId: string) => received.filter((r) => r.body.subject?.id === requestId);

beforeAll(async () => {
  const url = await startReceiver();
  net = await startAidNetwork(['wujin', 'tianning', 'zhonglou'], { webhooks: { tianning: url } });
});

afterAll(async () => {
  await net?.stop();
  await new Promise((resolve) => receiver?.close(resolve));
});

test("a request reaches Tianning's webhook as a JSON POST; Zhonglou, without one, gets none", async () => {
  const r = await submit('高新区储罐泄漏', 'webhook-basic-0001');
  const [post] = await eventually(
    async () => postsFor(r.id),
    (posts) => posts.length >= 1,
  );
  expect(post!.method).toBe('POST');
  expect(post!.headers['content-type']).toMatch(/^application\/json/);
  expect(post!.body).toEqual({
    id: expect.stringMatching(/^[0-9a-f]{24}$/),
    jurisdiction: 'tianning',
    kind: 'REQUEST_RECEIVED',
    title: '武进区请求增援：高新区储罐泄漏',
    body: expect.stringContaining(r.number),
    subject: { type: 'ReinforcementRequest', id: r.id },
    exercise: false,
    createdAt: expect.any(String),
  });
  expect(post!.headers['x-aidnet-notification-id']).toBe(post!.body.id);

  // The POST is the notification Tianning's duty officer sees in the app.
  const inbox = data(await net.as('tianning', 'duty_officer', NOTIFICATIONS, { j: 'tianning' })).notifications as {
    id: string;
    kind: string;
    title: string;
    request: { id: string };
  }[];
  const inApp = inbox.find((n) => n.kind === 'REQUEST_RECEIVED' && n.request.id === r.id);
  expect(inApp).toMatchObject({ id: post!.body.id, title: post!.body.title });

  // Delivered once; Zhonglou has no webhook, so its notification is in the app only.
  const [tianning, zhonglou] = await eventually(
    () => stored(r.id),
    (ns) => ns.length === 2 && ns[0]!.webhook.state === 'DELIVERED',
  );
  expect(tianning!.jurisdiction).toBe('tianning');
  expect(tianning!.webhook).toMatchObject({ state: 'DELIVERED', attempts: 1, lastError: null });
  expect(tianning!.webhook.deliveredAt).toBeInstanceOf(Date);
  expect(zhonglou!.jurisdiction).toBe('zhonglou');
  expect(zhonglou!.webhook).toMatchObject({ url: null, state: 'NONE', attempts: 0 });
  const zhonglouInbox = data(await net.as('zhonglou', 'duty_officer', NOTIFICATIONS, { j: 'zhonglou' }))
    .notifications as { id: string; request: { id: string } }[];
  expect(zhonglouInbox.some((n) => n.request.id === r.id)).toBe(true);
  expect(received.some((p) => p.body.jurisdiction !== 'tianning')).toBe(false);
  expect(postsFor(r.id)).toHaveLength(1);
});

test('a drill reaches the webhook marked 【演练】', async () => {
  const r = await submit('危化品泄漏处置演练', 'webhook-drill-0001', true);
  const [post] = await eventually(
    async () => postsFor(r.id),
    (posts) => posts.length >= 1,
  );
  expect(post!.body.title.startsWith('【演练】')).toBe(true);
  expect(post!.body.title).toBe('【演练】武进区请求增援：危化品泄漏处置演练');
  expect(post!.body.body.startsWith('【演练】')).toBe(true);
  expect(post!.body.exercise).toBe(true);
  expect(post!.body.kind).toBe('REQUEST_RECEIVED');
});

test('a receiver answering 500 twice is retried and the third attempt delivers it', async () => {
  const r = await submit('储罐泄漏（忙线）', 'webhook-retry-0001');
  // After a failure the record still owes the delivery and says why.
  const failing = await eventually(
    async () => (await stored(r.id))[0]!,
    (n) => n.webhook.state === 'PENDING' && n.webhook.attempts >= 1,
    10_000,
    25,
  );
  expect(failing.webhook.lastError).toMatch(/HTTP 500/);

  const [delivered] = await eventually(
    () => stored(r.id),
    (ns) => ns[0]!.webhook.state === 'DELIVERED',
    15_000,
  );
  expect(delivered!.webhook).toMatchObject({ state: 'DELIVERED', attempts: 3, lastError: null });
  const posts = postsFor(r.id);
  expect(posts.map((p) => p.answered)).toEqual([500, 500, 200]);
  // The same notification each time: the receiver can dedupe on the header.
  expect(new Set(posts.map((p) => p.headers['x-aidnet-notification-id']))).toEqual(
    new Set([delivered!._id.toHexString()]),
  );
  expect(posts.every((p) => p.body.jurisdiction === 'tianning' && p.body.kind === 'REQUEST_RECEIVED')).toBe(true);
});

test('a receiver refusing for good (410) is not retried: the delivery is FAILED', async () => {
  const r = await submit('储罐泄漏（拒收）', 'webhook-refused-0001');
  const [failed] = await eventually(
    () => stored(r.id),
    (ns) => ns[0]!.webhook.state === 'FAILED',
  );
  expect(failed!.webhook).toMatchObject({ state: 'FAILED', attempts: 1 });
  expect(failed!.webhook.lastError).toMatch(/HTTP 410/);
  expect(postsFor(r.id).map((p) => p.answered)).toEqual([410]);
  // The in-app notification is there regardless.
  const inbox = data(await net.as('tianning', 'duty_officer', NOTIFICATIONS, { j: 'tianning' })).notifications as {
    request: { id: string };
  }[];
  expect(inbox.some((n) => n.request.id === r.id)).toBe(true);
});

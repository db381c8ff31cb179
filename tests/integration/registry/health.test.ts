import { startTestNode, stopTestNode } from '../../testkit/registry';
import type { RegistryNode } from '../../../services/registry/src/registryNode';

let node: RegistryNode;
beforeAll(async () => {
  node = await startTestNode('wujin.hutang');
});
afterAll(async () => {
  await stopTestNode(node);
});

const base = () => node.url.replace(/\/graphql$/, '');

test('/healthz answers without a token', async () => {
  const res = await fetch(`${base()}/healthz`);
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ status: 'ok' });
});

test('/readyz reports ready while the database answers, and not ready once it is closed', async () => {
  const ok = await fetch(`${base()}/readyz`);
  expect(ok.status).toBe(200);
  await node.store.conn.close();
  const down = await fetch(`${base()}/readyz`);
  expect(down.status).toBe(503);
  expect(await down.json()).toEqual({ status: 'not ready' });
  await node.store.conn.openUri(process.env.AIDNET_TEST_MONGODB_URL as string);
});

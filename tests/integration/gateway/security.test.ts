import { gzipSync } from 'node:zlib';
import { errorCodes } from '../../testkit/graphql';
import { startTestNetwork, type TestNetwork } from '../../testkit/network';
import { impostorKey, tokenFor } from '../../testkit/tokens';

let net: TestNetwork;
beforeAll(async () => {
  net = await startTestNetwork(['wujin', 'jintan']);
});
afterAll(async () => {
  await net.stop();
});

const QUERY = '{ teams(first: 1) { totalCount } }';

test.each([
  ['no token', undefined],
  ['an expired token', () => tokenFor({ jurisdiction: 'wujin', roles: ['commander'] }, { expiresIn: -10 })],
  ['a wrong signature', () => tokenFor({ jurisdiction: 'wujin', roles: ['commander'] }, { key: impostorKey() })],
  ['a wrong audience', () => tokenFor({ jurisdiction: 'wujin', roles: ['commander'] }, { audience: 'someone-else' })],
])('the gateway refuses %s with 401 UNAUTHENTICATED before asking any node', async (_label, make) => {
  const res = await net.query(QUERY, {}, make?.());
  expect(res.status).toBe(401);
  expect(errorCodes(res)).toEqual(['UNAUTHENTICATED']);
  expect(res.extensions?.coverage).toBeUndefined();
});

test('a query deeper than the limit is refused with BAD_USER_INPUT', async () => {
  const deep =
    '{ jurisdictions { parent { parent { parent { parent { parent { parent { parent { parent { parent { parent { parent { code } } } } } } } } } } } } }';
  const res = await net.query(deep, {}, tokenFor({ jurisdiction: 'wujin', roles: ['observer'] }));
  expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
  expect(res.errors?.[0]?.message).toMatch(/levels deep/);
});

test('a query whose cost exceeds the limit is refused with BAD_USER_INPUT', async () => {
  const costly =
    '{ teams(first: 500) { edges { node { equipment { name } contact { name phone } jurisdiction { neighbors { neighbors { code name } } } } } } }';
  const res = await net.query(costly, {}, tokenFor({ jurisdiction: 'wujin', roles: ['observer'] }));
  expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
  expect(res.errors?.[0]?.message).toMatch(/cost/);
});

test('a body over the limit is refused with 413 and BAD_USER_INPUT', async () => {
  const res = await fetch(net.gateway.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${tokenFor({ jurisdiction: 'wujin', roles: ['observer'] })}`,
    },
    body: JSON.stringify({ query: `{ teamTypes { code } } # ${'x'.repeat(300_000)}` }),
  });
  expect(res.status).toBe(413);
  const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
  expect(body.errors[0]?.extensions.code).toBe('BAD_USER_INPUT');
});

describe('request bodies: the fast JSON path and the Express path answer alike', () => {
  const observer = () => `Bearer ${tokenFor({ jurisdiction: 'wujin', roles: ['observer'] })}`;
  const post = (body: string | Uint8Array, contentType: string, extra: Record<string, string> = {}) =>
    fetch(net.gateway.url, {
      method: 'POST',
      headers: { 'content-type': contentType, authorization: observer(), ...extra },
      body,
    });

  test.each([
    ['malformed JSON', '{"query": '],
    ['a JSON string instead of an object', '"{ teamTypes { code } }"'],
    ['a JSON number', '42'],
  ])('%s is refused with 400 and BAD_USER_INPUT', async (_label, body) => {
    const res = await post(body, 'application/json');
    expect(res.status).toBe(400);
    const answer = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(answer.errors[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(answer.errors[0]?.message).toMatch(/not valid JSON/);
  });

  test.each([
    ['application/json', {}],
    ['application/json; charset=utf-8', {}],
    ['application/json; charset=utf-8', { 'content-encoding': 'gzip' }],
  ])('a query sent as %s %j is answered', async (contentType, extra) => {
    const json = JSON.stringify({ query: '{ teamTypes { code nameZh } }' });
    const body = extra['content-encoding' as keyof typeof extra] ? gzipSync(json) : json;
    const res = await post(body, contentType, extra);
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { data: { teamTypes: { code: string; nameZh: string }[] } };
    expect(answer.data.teamTypes.length).toBeGreaterThanOrEqual(24);
    expect(answer.data.teamTypes.map((t) => t.nameZh)).toContain('危险化学品事故应急救援队');
  });

  test('GET /graphql (the Express path) still answers a query', async () => {
    const res = await fetch(`${net.gateway.url}?query=${encodeURIComponent('{ teamTypes { code } }')}`, {
      headers: { authorization: observer(), 'apollo-require-preflight': 'true' },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: { teamTypes: unknown[] } }).data.teamTypes.length).toBeGreaterThanOrEqual(24);
  });
});

test('the gateway never exposes query plans, even when a client asks for them', async () => {
  const res = await fetch(net.gateway.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${tokenFor({ jurisdiction: 'wujin', roles: ['observer'] })}`,
      'Apollo-Query-Plan-Experimental': '1',
    },
    body: JSON.stringify({ query: QUERY }),
  });
  const body = (await res.json()) as { extensions?: Record<string, unknown> };
  expect(body.extensions?.queryPlan).toBeUndefined();
  expect(body.extensions?.coverage).toEqual({
    asked: ['jintan', 'wujin'],
    answered: ['jintan', 'wujin'],
    unavailable: [],
  });
});

test('the gateway serves no landing page that would load a CDN', async () => {
  const res = await fetch(net.gateway.url, { headers: { accept: 'text/html' } });
  const text = await res.text();
  expect(text).not.toMatch(/apollographql\.com|cdn\./i);
});

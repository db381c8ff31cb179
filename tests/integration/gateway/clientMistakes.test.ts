import { createHash } from 'node:crypto';
import { errorCodes, graphql, type GraphQLResult } from '../../testkit/graphql';
import { startTestNetwork, type TestNetwork } from '../../testkit/network';
import { tokenFor } from '../../testkit/tokens';

/**
 * Issue 11, defect 4: a client's mistake is a 4xx the client can act on, never a server fault.
 * An operationName that names no operation is BAD_USER_INPUT; automatic persisted queries work
 * end to end at the gateway (unknown hash → PERSISTED_QUERY_NOT_FOUND, the retry with the full
 * query registers it, the next hash-only request is answered); the nodes do not take APQ.
 */
let net: TestNetwork;
const TOKEN = tokenFor({ jurisdiction: 'wujin', roles: ['observer'] });

beforeAll(async () => {
  net = await startTestNetwork(['wujin', 'jintan']);
});
afterAll(async () => {
  await net?.stop();
});

async function post(url: string, body: unknown): Promise<GraphQLResult> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, ...((await res.json()) as Omit<GraphQLResult, 'status'>) };
}

describe('operationName', () => {
  const DOC = 'query A { teamTypes { code } } query B { jurisdictions { code } }';

  test('naming no operation of the document is 400 BAD_USER_INPUT naming operationName, and no node is asked', async () => {
    const res = await post(net.gateway.url, { query: DOC, operationName: 'Nope' });
    expect(res.status).toBe(400);
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors?.[0]?.message).toMatch(/operationName/);
    expect(res.errors?.[0]?.message).toMatch(/Nope/);
    expect(res.extensions?.coverage).toBeUndefined();
  });

  test('no operationName for a document with several operations is 400 BAD_USER_INPUT naming operationName', async () => {
    const res = await post(net.gateway.url, { query: DOC });
    expect(res.status).toBe(400);
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors?.[0]?.message).toMatch(/operationName/);
  });

  test('a node answers the same mistake the same way', async () => {
    const res = await post(net.nodes.get('wujin')!.url, { query: DOC, operationName: 'Nope' });
    expect(res.status).toBe(400);
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors?.[0]?.message).toMatch(/operationName/);
  });

  test('naming an operation that exists still works', async () => {
    const res = await post(net.gateway.url, { query: DOC, operationName: 'B' });
    expect(res.errors).toBeUndefined();
    expect((res.data as { jurisdictions: unknown[] }).jurisdictions).toHaveLength(2);
  });
});

describe('automatic persisted queries', () => {
  const sha256 = (q: string) => createHash('sha256').update(q).digest('hex');
  const apq = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

  test('unknown hash → PERSISTED_QUERY_NOT_FOUND; the retry with the query succeeds; then the hash alone does', async () => {
    // Unique per run, so the gateway cannot know it already.
    const query = `query Apq${Date.now()} { jurisdictions { code } teams(first: 1) { totalCount } }`;
    const hash = sha256(query);

    const miss = await post(net.gateway.url, { extensions: apq(hash) });
    expect(errorCodes(miss)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    expect(miss.status).toBeLessThan(500);
    expect(miss.extensions?.coverage).toBeUndefined();

    const register = await post(net.gateway.url, { query, extensions: apq(hash) });
    expect(register.errors).toBeUndefined();
    expect((register.data as { jurisdictions: unknown[] }).jurisdictions).toHaveLength(2);

    const hit = await post(net.gateway.url, { extensions: apq(hash) });
    expect(hit.status).toBe(200);
    expect(hit.errors).toBeUndefined();
    expect(hit.data).toEqual(register.data);

    // The same hash-only request as a GET (what an APQ client sends for queries).
    const params = new URLSearchParams({ extensions: JSON.stringify(apq(hash)) });
    const get = await fetch(`${net.gateway.url}?${params.toString()}`, {
      headers: { authorization: `Bearer ${TOKEN}`, 'apollo-require-preflight': 'true' },
    });
    expect(get.status).toBe(200);
    expect(((await get.json()) as GraphQLResult).data).toEqual(register.data);
  });

  test('a hash that does not match the query is 400 BAD_USER_INPUT, and nothing is registered', async () => {
    const query = `query Wrong${Date.now()} { teamTypes { code } }`;
    const res = await post(net.gateway.url, { query, extensions: apq('0'.repeat(64)) });
    expect(res.status).toBe(400);
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors?.[0]?.message).toMatch(/sha|hash/i);
    const after = await post(net.gateway.url, { extensions: apq('0'.repeat(64)) });
    expect(errorCodes(after)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  });

  test('an unsupported persisted-query version is 400 BAD_USER_INPUT', async () => {
    const res = await post(net.gateway.url, {
      query: '{ teamTypes { code } }',
      extensions: { persistedQuery: { version: 2, sha256Hash: sha256('{ teamTypes { code } }') } },
    });
    expect(res.status).toBe(400);
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
  });

  test('a query the limits refuse is refused with its hash too, and not stored', async () => {
    const deep =
      '{ jurisdictions { parent { parent { parent { parent { parent { parent { parent { parent { parent { parent { parent { code } } } } } } } } } } } } }';
    const res = await post(net.gateway.url, { query: deep, extensions: apq(sha256(deep)) });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await post(net.gateway.url, { extensions: apq(sha256(deep)) }))).toEqual([
      'PERSISTED_QUERY_NOT_FOUND',
    ]);
  });

  test('a node does not take persisted queries (the gateway never sends them): 400 BAD_USER_INPUT', async () => {
    const query = '{ teamTypes { code } }';
    const node = net.nodes.get('jintan')!.url;
    for (const body of [{ extensions: apq(sha256(query)) }, { query, extensions: apq(sha256(query)) }]) {
      const res = await post(node, body);
      expect(res.status).toBe(400);
      expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
      expect(res.errors?.[0]?.message).toMatch(/persisted/i);
    }
    // An ordinary request to the node still works.
    expect((await graphql(node, query, {}, TOKEN)).errors).toBeUndefined();
  });
});

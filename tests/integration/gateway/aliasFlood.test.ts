import { errorCodes } from '../../testkit/graphql';
import { startTestNetwork, type TestNetwork } from '../../testkit/network';
import { tokenFor } from '../../testkit/tokens';
import { DEFAULT_QUERY_LIMITS } from '../../../gateway/src/plugins/queryLimits';

/**
 * Issue 11, defect 5: alias floods are refused at validation with BAD_USER_INPUT, before any node
 * is called (counted by a real proxy in front of every node). Each alias of a root field is a
 * root field of its own in the cost; root fields and aliases per operation are capped.
 */
let net: TestNetwork;
const TOKEN = tokenFor({ jurisdiction: 'wujin', roles: ['observer'] });
const { maxRootFields, maxAliases } = DEFAULT_QUERY_LIMITS;

beforeAll(async () => {
  net = await startTestNetwork(['wujin', 'jintan', 'tianning'], { countNodeRequests: true });
});
afterAll(async () => {
  await net?.stop();
});

const aliased = (n: number, field: string) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

/** @returns the answer and how many requests the nodes received meanwhile. */
async function counted(query: string) {
  const before = net.nodeRequests();
  const res = await net.query(query, {}, TOKEN);
  return { res, nodeCalls: net.nodeRequests() - before };
}

test('the proxy counts: an ordinary fan-out reaches each of the three nodes once', async () => {
  const { res, nodeCalls } = await counted(aliased(3, 'teams(first: 1) { totalCount }'));
  expect(res.errors).toBeUndefined();
  expect(nodeCalls).toBe(3);
});

test('1,000 aliases of teams(first: 1) { totalCount } are refused with 400 BAD_USER_INPUT; no node is called', async () => {
  const { res, nodeCalls } = await counted(aliased(1000, 'teams(first: 1) { totalCount }'));
  expect(res.status).toBe(400);
  expect(new Set(errorCodes(res))).toEqual(new Set(['BAD_USER_INPUT']));
  const messages = (res.errors ?? []).map((e) => e.message).join('\n');
  expect(messages).toMatch(/1000 root fields; the limit is 32/);
  expect(messages).toMatch(/1000 aliases; the limit is 64/);
  expect(messages).toMatch(/would cost/);
  expect(res.data).toBeUndefined();
  expect(res.extensions?.coverage).toBeUndefined();
  expect(nodeCalls).toBe(0);
});

test(`more than ${maxRootFields} root fields are refused, ${maxRootFields} pass`, async () => {
  const over = await counted(aliased(maxRootFields + 1, 'jurisdictions { code }'));
  expect(errorCodes(over.res)).toEqual(['BAD_USER_INPUT']);
  expect(over.res.errors?.[0]?.message).toMatch(/root fields/);
  expect(over.nodeCalls).toBe(0);
  const at = await counted(aliased(maxRootFields, 'jurisdictions { code }'));
  expect(at.res.errors).toBeUndefined();
  expect(Object.keys(at.res.data ?? {})).toHaveLength(maxRootFields);
});

test(`more than ${maxAliases} aliases anywhere in the operation are refused, fragment spreads counted where spread`, async () => {
  const names = (n: number) => Array.from({ length: n }, (_, i) => `n${i}: name`).join(' ');
  const nested = await counted(`{ teams(first: 1) { edges { node { ${names(maxAliases + 1)} } } } }`);
  expect(errorCodes(nested.res)).toEqual(['BAD_USER_INPUT']);
  expect(nested.res.errors?.[0]?.message).toMatch(/aliases/);
  expect(nested.nodeCalls).toBe(0);
  // 40 aliases in a fragment spread twice are 80.
  const spread = await counted(
    `{ a: teams(first: 1) { edges { node { ...F } } } b: teams(first: 1) { edges { node { ...F } } } } fragment F on Team { ${names(40)} }`,
  );
  expect(spread.res.errors?.[0]?.message).toMatch(/82 aliases/);
  expect(spread.nodeCalls).toBe(0);
});

test('the cost counts every alias of a root field: 31 × teams(first: 500) pass, 32 are refused by cost', async () => {
  // Each costs rootFieldCost 100 + 500 × (edges 1 + node 1 + id 1) = 1,600; the limit is 50,000.
  const field = 'teams(first: 500) { edges { node { id } } }';
  const pass = await counted(aliased(31, field));
  expect(pass.res.errors).toBeUndefined();
  const refused = await counted(aliased(32, field));
  expect(errorCodes(refused.res)).toEqual(['BAD_USER_INPUT']);
  expect(refused.res.errors?.[0]?.message).toMatch(/would cost 51200; the limit is 50000/);
  expect(refused.nodeCalls).toBe(0);
});

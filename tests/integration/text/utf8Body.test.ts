import { gzipSync } from 'node:zlib';
import type { RegistryNode } from '../../../services/registry/src/registryNode';
import { startTestNetwork, type TestNetwork } from '../../testkit/network';
import { databaseSnapshot } from '../../testkit/registry';
import { tokenFor } from '../../testkit/tokens';

/**
 * Issue 11, defect 1: a request body that is not valid UTF-8 is refused with HTTP 400 and
 * BAD_USER_INPUT before GraphQL runs, at the gateway and at a node directly, on the fast JSON path
 * and on the Express path (a gzip body goes there), and nothing is written. Before the fix the
 * bytes were decoded into U+FFFD and stored as if they had been sent.
 */

let net: TestNetwork;
let node: RegistryNode;
beforeAll(async () => {
  net = await startTestNetwork(['wujin']);
  node = net.nodes.get('wujin')!;
});
afterAll(async () => {
  await net.stop();
});

const staff = () => `Bearer ${tokenFor({ jurisdiction: 'wujin', roles: ['registrar', 'commander'] })}`;

/** A createTeam whose name holds `bad` as raw bytes; everything else is valid. */
function createTeamBody(bad: Buffer): Buffer {
  const marker = 'BAD_BYTES_HERE';
  const json = JSON.stringify({
    query: 'mutation($input: TeamInput!) { createTeam(jurisdiction: "wujin", input: $input) { id name } }',
    variables: {
      input: {
        name: `武进区救援队${marker}`,
        type: 'hazmat',
        kind: 'SPECIALIST',
        tier: 2,
        headcount: 30,
        base: { lat: 31.71, lng: 119.95 },
        readinessMinutes: 15,
        contact: { name: '张队长', phone: '13812345678' },
      },
    },
  });
  const [before, after] = json.split(marker) as [string, string];
  return Buffer.concat([Buffer.from(before, 'utf8'), bad, Buffer.from(after, 'utf8')]);
}

/** Byte sequences that are not UTF-8. */
const INVALID: [string, Buffer][] = [
  ['a lone continuation byte 0x80', Buffer.from([0x80])],
  ['0xFF', Buffer.from([0xff])],
  ['a truncated sequence (E6 AD then a quote)', Buffer.from([0xe6, 0xad])],
  ['an overlong "/" (C0 AF)', Buffer.from([0xc0, 0xaf])],
  ['a surrogate encoded as UTF-8 (ED A0 80, CESU-8)', Buffer.from([0xed, 0xa0, 0x80])],
  ['a code point above U+10FFFF (F4 90 80 80)', Buffer.from([0xf4, 0x90, 0x80, 0x80])],
  ['Latin-1 é (E9) in GBK-like text', Buffer.from([0xe9, 0x41])],
];

const paths: [string, (body: Buffer) => { body: Buffer; headers: Record<string, string> }][] = [
  ['the fast JSON path', (body) => ({ body, headers: { 'content-type': 'application/json' } })],
  [
    'the Express path (gzip)',
    (body) => ({ body: gzipSync(body), headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } }),
  ],
];

describe.each([
  ['the gateway', () => net.gateway.url],
  ['a node directly', () => node.url],
])('%s', (_label, url) => {
  describe.each(paths)('%s', (_path, encode) => {
    test.each(INVALID)('%s: HTTP 400 BAD_USER_INPUT, nothing written', async (_what, bytes) => {
      const before = await databaseSnapshot(node.store);
      const { body, headers } = encode(createTeamBody(bytes));
      const res = await fetch(url(), { method: 'POST', headers: { ...headers, authorization: staff() }, body });
      const answer = (await res.json()) as {
        data?: unknown;
        errors: { message: string; extensions: { code: string } }[];
      };
      expect({ status: res.status, code: answer.errors?.[0]?.extensions.code, data: answer.data }).toEqual({
        status: 400,
        code: 'BAD_USER_INPUT',
        data: undefined,
      });
      expect(answer.errors[0]!.message).toMatch(/not valid UTF-8/);
      expect(await databaseSnapshot(node.store)).toEqual(before);
    });

    test('the same body with valid UTF-8 (and a byte order mark) is answered and stores the name exactly', async () => {
      const { body, headers } = encode(
        Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), createTeamBody(Buffer.from('𠀀队', 'utf8'))]),
      );
      const res = await fetch(url(), { method: 'POST', headers: { ...headers, authorization: staff() }, body });
      const answer = (await res.json()) as { data: { createTeam: { name: string } } };
      expect(res.status).toBe(200);
      expect(answer.data.createTeam.name).toBe('武进区救援队𠀀队');
    });
  });

  test('a body in another charset (UTF-16) is refused with 415 BAD_USER_INPUT', async () => {
    const json = JSON.stringify({ query: '{ teamTypes { code } }' });
    const res = await fetch(url(), {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-16le', authorization: staff() },
      body: Buffer.from(json, 'utf16le'),
    });
    const answer = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect({ status: res.status, code: answer.errors[0]?.extensions.code }).toEqual({
      status: 415,
      code: 'BAD_USER_INPUT',
    });
    expect(answer.errors[0]!.message).toMatch(/UTF-8/);
  });
});

import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { startAidNetwork, type AidNetwork } from '../../testkit/mutualAid';
import { startTestNetwork, type TestNetwork } from '../../testkit/network';
import { tokenFor } from '../../testkit/tokens';

/**
 * Issue 11, defect 7: a whole subgraph that is down or silent is SERVICE_UNAVAILABLE naming it in
 * `extensions.service`, not an internal error, and the rest of the operation still answers.
 */
jest.setTimeout(120_000);

const UNKNOWN_REQUEST = `wujin:ReinforcementRequest:${'0'.repeat(24)}`;
const UNKNOWN_MEETING = `wujin:JointMeeting:${'0'.repeat(24)}`;

const unavailable = (service: string) => ({
  message: expect.stringMatching(new RegExp(`^The ${service} service did not answer`)) as unknown,
  extensions: expect.objectContaining({ code: 'SERVICE_UNAVAILABLE', service }) as unknown,
});

describe('mutual-aid and conference stopped', () => {
  let aid: AidNetwork;

  beforeAll(async () => {
    aid = await startAidNetwork(['wujin', 'jintan'], { conference: {} });
  });
  afterAll(async () => {
    await aid?.stop();
  });

  test('while they run, the mixed operations answer in full', async () => {
    const res = await aid.as(
      'wujin',
      'commander',
      `{ teams(first: 1) { totalCount } reinforcementRequest(id: "${UNKNOWN_REQUEST}") { id } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ teams: { totalCount: 0 }, reinforcementRequest: null });
  });

  test('mutual-aid stopped: registry fields still answer, its field is null with SERVICE_UNAVAILABLE naming it', async () => {
    await aid.aid.stop();
    const res = await aid.as(
      'wujin',
      'commander',
      `{ teams(first: 1) { totalCount } jurisdictions { code } reinforcementRequest(id: "${UNKNOWN_REQUEST}") { id number } }`,
    );
    expect(res.status).toBe(200);
    expect(res.data).toEqual({
      teams: { totalCount: 0 },
      jurisdictions: [{ code: 'jintan' }, { code: 'wujin' }],
      reinforcementRequest: null,
    });
    expect(res.errors).toEqual([unavailable('mutual-aid')]);
    expect(res.extensions?.coverage).toEqual({
      asked: ['jintan', 'wujin'],
      answered: ['jintan', 'wujin'],
      unavailable: [],
    });
  });

  test('mutual-aid stopped: a non-null field of it takes the data with it, but the error still names the service', async () => {
    const res = await aid.as(
      'wujin',
      'duty_officer',
      '{ jurisdictions { code } reinforcementRequests(first: 5) { edges { node { id } } } }',
    );
    expect(res.status).toBe(200);
    expect(res.errors).toEqual([unavailable('mutual-aid')]);
    expect(JSON.stringify(res)).not.toMatch(/INTERNAL_SERVER_ERROR|logged/);
  });

  test('conference stopped too: each missing service is named once', async () => {
    await aid.conference!.stop();
    const res = await aid.as(
      'wujin',
      'secretariat',
      `{ jurisdictions { code } meeting(id: "${UNKNOWN_MEETING}") { id } reinforcementRequest(id: "${UNKNOWN_REQUEST}") { id } }`,
    );
    expect(res.data).toEqual({
      jurisdictions: [{ code: 'jintan' }, { code: 'wujin' }],
      meeting: null,
      reinforcementRequest: null,
    });
    expect(res.errors).toHaveLength(2);
    expect(res.errors).toEqual(expect.arrayContaining([unavailable('mutual-aid'), unavailable('conference')]));
  });

  test('a report download with conference stopped is 503 SERVICE_UNAVAILABLE naming conference', async () => {
    const res = await fetch(new URL(`/reports/meetings/${UNKNOWN_MEETING}.docx`, aid.gateway.url), {
      headers: { authorization: `Bearer ${tokenFor({ jurisdiction: 'wujin', roles: ['secretariat'] })}` },
    });
    expect(res.status).toBe(503);
    expect(((await res.json()) as { errors: unknown[] }).errors).toEqual([unavailable('conference')]);
  });

  test('a mutation of a stopped service is SERVICE_UNAVAILABLE as well', async () => {
    const res = await aid.as(
      'wujin',
      'commander',
      `mutation { acknowledgeRequest(requestId: "${UNKNOWN_REQUEST}") { id } }`,
    );
    expect(res.data).toBeNull();
    expect(res.errors).toEqual([unavailable('mutual-aid')]);
  });

  test('mutual-aid started again answers again', async () => {
    await aid.restartAid();
    const res = await aid.as('wujin', 'commander', `{ reinforcementRequest(id: "${UNKNOWN_REQUEST}") { id } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ reinforcementRequest: null });
  });
});

describe('a silent subgraph (accepts connections, never answers)', () => {
  const DEADLINE_MS = 800;
  let tn: TestNetwork;
  let hole: net.Server;
  const held = new Set<net.Socket>();

  beforeAll(async () => {
    hole = net.createServer((socket) => {
      held.add(socket);
      socket.on('close', () => held.delete(socket));
    });
    await new Promise<void>((resolve) => hole.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(hole.address() as AddressInfo).port}/graphql`;
    tn = await startTestNetwork(['wujin'], {
      subgraphDeadlineMs: DEADLINE_MS,
      subgraphs: () => Promise.resolve([{ name: 'mutual-aid', file: 'schema/mutual-aid.graphql', url }]),
    });
  });
  afterAll(async () => {
    await tn?.stop();
    for (const s of held) s.destroy();
    await new Promise((resolve) => hole.close(resolve));
  });

  test('its fields are SERVICE_UNAVAILABLE within the deadline, the registry fields answer', async () => {
    const started = performance.now();
    const res = await tn.query(
      `{ jurisdictions { code } reinforcementRequest(id: "${UNKNOWN_REQUEST}") { id } }`,
      {},
      tokenFor({ jurisdiction: 'wujin', roles: ['commander'] }),
    );
    const ms = performance.now() - started;
    expect(res.data).toEqual({ jurisdictions: [{ code: 'wujin' }], reinforcementRequest: null });
    expect(res.errors).toEqual([unavailable('mutual-aid')]);
    expect(res.errors?.[0]?.message).toMatch(`no answer within ${DEADLINE_MS} ms`);
    expect(ms).toBeGreaterThanOrEqual(DEADLINE_MS - 50);
    expect(ms).toBeLessThan(DEADLINE_MS + 1500);
  });
});

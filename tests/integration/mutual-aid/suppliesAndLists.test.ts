import { startAidNetwork, type AidNetwork } from '../../testkit/mutualAid';
import { ACCEPT, CANCEL, data, GET, INCIDENT, inMs, RELEASE, REPORT, RESPOND, SUBMIT } from '../../testkit/requests';

/**
 * Supplies through a request (a PHYSICAL stock line held, delivered and released on its node),
 * and the incoming/outgoing request lists with their filters and paging.
 */
jest.setTimeout(90_000);

let net: AidNetwork;
let stockLine: string;

const STOCK = 'query { depots { id stock { id item { code } quantity reserved available } } }';

async function bags(): Promise<{ quantity: number; reserved: number; available: number }> {
  const depots = data(await net.as('tianning', 'commander', STOCK, {})).depots as {
    stock: { id: string; quantity: number; reserved: number; available: number }[];
  }[];
  return depots.flatMap((d) => d.stock).find((s) => s.id === stockLine)!;
}

beforeAll(async () => {
  net = await startAidNetwork(['wujin', 'tianning', 'zhonglou']);
  const depot = data(
    await net.as(
      'tianning',
      'commander',
      'mutation($input: DepotInput!) { createDepot(jurisdiction: "tianning", input: $input) { id } }',
      {
        input: {
          name: '天宁区防汛物资仓库',
          location: { lat: 31.78, lng: 119.99 },
          contact: { name: '仓库管理员', phone: '13900000000' },
        },
      },
    ),
  ).createDepot;
  stockLine = data(
    await net.as(
      'tianning',
      'commander',
      'mutation($d: ID!) { setStock(depotId: $d, item: "woven_bag", quantity: 2000) { id } }',
      { d: depot.id },
    ),
  ).setStock.id;
});

afterAll(async () => {
  await net?.stop();
});

test('flood bags: offered (held on the node), accepted, delivered and released', async () => {
  const input = {
    requester: 'wujin',
    incident: INCIDENT,
    needs: [{ supplyItem: 'woven_bag', quantity: 500 }],
    targets: ['tianning'],
    respondBy: inMs(600_000),
  };
  const r = data(
    await net.as('wujin', 'commander', SUBMIT, { input, key: 'supplies-bags-1' }),
  ).submitReinforcementRequest;
  const offered = data(
    await net.as('tianning', 'commander', RESPOND, {
      id: r.id,
      input: { kind: 'OFFER', offers: [{ needId: r.needs[0]!.id, resourceId: stockLine, quantity: 300 }] },
    }),
  ).respondToRequest;
  expect(offered.needs[0]).toMatchObject({ offeredQuantity: 300, acceptedQuantity: 0, fill: 'NONE' });
  expect(await bags()).toMatchObject({ quantity: 2000, reserved: 300, available: 1700 });

  // More than the depot has available is refused, and nothing changes.
  const tooMany = await net.as('tianning', 'commander', RESPOND, {
    id: r.id,
    input: { kind: 'OFFER', offers: [{ needId: r.needs[0]!.id, resourceId: stockLine, quantity: 5000 }] },
  });
  expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

  const accepted = data(await net.as('wujin', 'commander', ACCEPT, { id: r.id, ids: [stockLine] })).acceptOffer;
  expect(accepted.needs[0]).toMatchObject({ acceptedQuantity: 300, fill: 'PARTIAL' });
  expect(accepted.status).toBe('PARTIALLY_FILLED');
  const a = accepted.assignments[0]!;
  expect(a).toMatchObject({ resourceId: stockLine, status: 'DISPATCHED' });
  data(await net.as('wujin', 'commander', REPORT, { a: a.id, s: 'ON_SCENE', note: '已送达' }));
  expect((await bags()).reserved).toBe(300);
  const released = data(await net.as('wujin', 'commander', RELEASE, { a: a.id })).releaseAssignment;
  expect(released.needs[0]!.fulfilledQuantity).toBe(300);
  expect(await bags()).toMatchObject({ reserved: 0, available: 2000 });
});

test('a cancelled request gives its held stock back', async () => {
  const input = {
    requester: 'zhonglou',
    incident: INCIDENT,
    needs: [{ supplyItem: 'woven_bag', quantity: 100 }],
    targets: ['tianning'],
    respondBy: inMs(600_000),
  };
  const r = data(
    await net.as('zhonglou', 'commander', SUBMIT, { input, key: 'supplies-bags-2' }),
  ).submitReinforcementRequest;
  data(
    await net.as('tianning', 'commander', RESPOND, {
      id: r.id,
      input: { kind: 'OFFER', offers: [{ needId: r.needs[0]!.id, resourceId: stockLine, quantity: 100 }] },
    }),
  );
  expect((await bags()).reserved).toBe(100);
  const cancelled = data(await net.as('zhonglou', 'commander', CANCEL, { id: r.id, reason: '险情解除' })).cancelRequest;
  expect(cancelled.responses[0]!.offered[0]!.state).toBe('REJECTED');
  expect(cancelled.pendingActions).toEqual([]);
  expect((await bags()).reserved).toBe(0);
});

test('incoming and outgoing lists, filters and paging', async () => {
  const LIST = `query($f: ReinforcementRequestFilter, $first: Int, $after: String) { reinforcementRequests(filter: $f, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id number status requester { code } } } } }`;
  for (let i = 0; i < 3; i++) {
    const input = {
      requester: 'wujin',
      incident: { ...INCIDENT, title: `列表 ${i}` },
      needs: [{ teamType: 'hazmat', quantity: 1 }],
      targets: ['zhonglou'],
      respondBy: inMs(600_000),
    };
    data(await net.as('wujin', 'commander', SUBMIT, { input, key: `list-request-${i}` }));
  }
  const outgoing = data(
    await net.as('wujin', 'observer', LIST, { f: { direction: 'OUTGOING' }, first: 2 }),
  ).reinforcementRequests;
  expect(outgoing.totalCount).toBe(4); // the flood-bag request and these three
  expect(outgoing.edges).toHaveLength(2);
  expect(outgoing.pageInfo.hasNextPage).toBe(true);
  const rest = data(
    await net.as('wujin', 'observer', LIST, {
      f: { direction: 'OUTGOING' },
      first: 10,
      after: outgoing.pageInfo.endCursor,
    }),
  ).reinforcementRequests;
  const all = [...outgoing.edges, ...rest.edges].map((e: { node: { number: string } }) => e.node.number);
  expect(new Set(all).size).toBe(4);
  expect(all).toEqual([...all].sort().reverse()); // newest first
  expect(rest.pageInfo.hasNextPage).toBe(false);

  const incoming = data(
    await net.as('zhonglou', 'duty_officer', LIST, { f: { direction: 'INCOMING' } }),
  ).reinforcementRequests;
  expect(incoming.totalCount).toBe(3);
  const zlOut = data(
    await net.as('zhonglou', 'commander', LIST, { f: { direction: 'OUTGOING', statuses: ['CANCELLED'] } }),
  ).reinforcementRequests;
  expect(zlOut.totalCount).toBe(1);
  const tianning = data(
    await net.as('tianning', 'commander', LIST, { f: { statuses: ['OPEN', 'PARTIALLY_FILLED'] } }),
  ).reinforcementRequests;
  expect(tianning.edges.map((e: { node: { status: string } }) => e.node.status)).toEqual(['PARTIALLY_FILLED']);
  // Another jurisdiction's list is not readable.
  const foreign = await net.as('tianning', 'commander', LIST, { f: { jurisdiction: 'zhonglou' } });
  expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  // A request of its own is readable in full by the requester's observer.
  const one = data(await net.as('wujin', 'observer', GET, { id: outgoing.edges[0].node.id })).reinforcementRequest!;
  expect(one.requester.code).toBe('wujin');
});

import { newObjectId } from '../../../common/src/store/objectIds';
import type { OfferRecord, RequestRecord } from '../domain/records';
import { rank } from '../queries/suggestReinforcements';
import { applyOutcomes } from './outcomes';
import { mayHold, newOp, releaseEverything, retryDelayMs } from './outbox';

const actor = { name: '王指挥', jurisdiction: 'wujin' };
const now = new Date('2026-07-01T00:00:00Z');
const offer = (resourceId: string, state: OfferRecord['state'], provisional = false): OfferRecord => ({
  resourceId,
  kind: 'TEAM',
  needId: 'N1',
  responseId: 'R1',
  jurisdiction: 'tianning',
  name: resourceId,
  quantity: 1,
  etaMinutes: 20,
  tier: 1,
  provisional,
  state,
  reason: null,
  stock: null,
});

function request(offers: OfferRecord[], outbox = [] as ReturnType<typeof newOp>[]): RequestRecord {
  return {
    _id: newObjectId(),
    requester: 'wujin',
    requestedBy: 'x',
    requestedBySub: 'x',
    number: 'WJ-2026-0001',
    idempotencyKey: 'k',
    inputHash: 'h',
    incident: {
      kind: 'k',
      title: 't',
      location: { lat: 31, lng: 119 },
      address: null,
      severity: 'MAJOR',
      exercise: false,
    },
    needs: [
      {
        id: 'N1',
        kind: 'TEAM',
        teamType: 'hazmat',
        supplyItem: null,
        socialCapability: null,
        quantity: 2,
        maxTier: null,
        neededBy: null,
        note: null,
      },
    ],
    targets: ['tianning'],
    status: 'OPEN',
    respondBy: now,
    windowMs: 1000,
    acknowledgements: [],
    responses: [],
    offers,
    assignments: [],
    escalations: [],
    timeline: [],
    outbox,
    timer: null,
    note: null,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
}

describe('saga outcomes', () => {
  const retry = { baseMs: 100, maxMs: 1000 };

  test('a confirmed deployment leaves the outbox and creates the assignment, once', () => {
    const o = offer('T1', 'ACCEPTED');
    const op = newOp('DEPLOY', o, now, actor);
    const r = request([o], [op]);
    const applied = applyOutcomes(
      r,
      [{ opId: op.id, outcome: { kind: 'ok', data: { preemptedRequestId: null } } }],
      now,
      retry,
    );
    expect(applied.change!.outbox).toEqual([]);
    expect(applied.change!.assignments).toMatchObject([
      { resourceId: 'T1', status: 'DISPATCHED', history: [{ status: 'DISPATCHED', by: '王指挥' }] },
    ]);
    // The same answer again (a second run) finds nothing to do.
    const again = applyOutcomes(
      { ...r, ...applied.change },
      [{ opId: op.id, outcome: { kind: 'ok', data: { preemptedRequestId: null } } }],
      now,
      retry,
    );
    expect(again.change).toBeNull();
  });

  test('a refusal withdraws the offer; an unreachable node is retried with backoff', () => {
    const a = offer('T1', 'ACCEPTED');
    const b = offer('T2', 'ACCEPTED');
    const opA = newOp('DEPLOY', a, now, actor);
    const opB = newOp('DEPLOY', b, now, actor);
    const applied = applyOutcomes(
      request([a, b], [opA, opB]),
      [
        { opId: opA.id, outcome: { kind: 'refused', code: 'CONFLICT', message: 'held by another request' } },
        { opId: opB.id, outcome: { kind: 'unavailable', message: 'timeout' } },
      ],
      now,
      retry,
    );
    expect(applied.withdrawn.map((o) => o.resourceId)).toEqual(['T1']);
    expect(applied.change!.offers!.map((o) => o.state)).toEqual(['WITHDRAWN', 'ACCEPTED']);
    expect(applied.change!.outbox).toMatchObject([{ id: opB.id, attempts: 1, lastError: 'timeout' }]);
    expect(new Date(applied.change!.outbox![0]!.nextAttemptAt).getTime() - now.getTime()).toBe(100);
    expect(applied.change!.timeline!.map((e) => e.type)).toEqual(['OFFER_WITHDRAWN', 'NODE_UNREACHABLE']);
  });

  test('a release the node no longer holds counts as done', () => {
    const o = offer('T1', 'ACCEPTED');
    const op = newOp('RELEASE', o, now, actor);
    const applied = applyOutcomes(
      request([o], [op]),
      [{ opId: op.id, outcome: { kind: 'refused', code: 'CONFLICT', message: 'does not hold' } }],
      now,
      retry,
    );
    expect(applied.change!.outbox).toEqual([]);
    expect(applied.withdrawn).toEqual([]);
  });

  test('a reservation that took a drill’s resource is reported', () => {
    const o = offer('T1', 'OFFERED');
    const op = newOp('RESERVE', o, now, actor);
    const applied = applyOutcomes(
      request([o], [op]),
      [
        {
          opId: op.id,
          outcome: { kind: 'ok', data: { preemptedRequestId: 'wujin:ReinforcementRequest:' + 'a'.repeat(24) } },
        },
      ],
      now,
      retry,
    );
    expect(applied.preempted).toEqual([
      { resourceId: 'T1', drillRequestId: 'wujin:ReinforcementRequest:' + 'a'.repeat(24) },
    ]);
  });
});

describe('the outbox', () => {
  test('retry delays double up to the cap', () => {
    expect([1, 2, 3, 4, 5, 10].map((n) => retryDelayMs(n, 500, 5000))).toEqual([500, 1000, 2000, 4000, 5000, 5000]);
  });

  test('ending a request releases what it may hold and drops pending reservations', () => {
    const firm = offer('T1', 'OFFERED');
    const provisional = offer('T2', 'OFFERED', true);
    const accepted = offer('T3', 'ACCEPTED');
    const withdrawn = offer('T4', 'WITHDRAWN');
    const pending = newOp('DEPLOY', accepted, now, actor);
    const r = request([firm, provisional, accepted, withdrawn], [pending]);
    expect([firm, provisional, accepted, withdrawn].map((o) => mayHold(r, o))).toEqual([true, false, true, false]);
    const ops = releaseEverything(r, now, actor);
    expect(ops.map((o) => [o.kind, o.resourceId])).toEqual([
      ['RELEASE', 'T1'],
      ['RELEASE', 'T3'],
    ]);
  });
});

describe('suggestion ranking', () => {
  test('ETA first, then tier, then id', () => {
    const c = (resourceId: string, etaMinutes: number | null, tier: number | null) => ({
      needId: null,
      kind: 'TEAM' as const,
      resourceId,
      name: resourceId,
      jurisdiction: 'x',
      etaMinutes,
      distanceKm: null,
      tier,
      available: 1,
    });
    expect(
      rank([c('d', null, 1), c('c', 20, 2), c('b', 20, 1), c('a', 15, 3), c('e', 20, 1)]).map((x) => x.resourceId),
    ).toEqual(['a', 'b', 'e', 'c', 'd']);
  });
});

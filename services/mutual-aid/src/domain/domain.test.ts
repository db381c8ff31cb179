import { newObjectId } from '../../../common/src/store/objectIds';
import { loadNetwork } from '../../../common/src/network';
import { checkAssignmentStep, isActive } from './assignmentFlow';
import { escalationAudience, nextRing, silentTargets } from './escalationRing';
import { markExercise } from './exercise';
import { deriveStatus, needTotals } from './fill';
import type { AssignmentRecord, NeedRecord, OfferRecord } from './records';
import { expectAssignmentId, parseRequestId, toRequestId } from './requestIds';
import { counterKey, formatRequestNumber } from './requestNumber';

const need = (id: string, quantity: number): NeedRecord => ({
  id,
  kind: 'TEAM',
  teamType: 'hazmat',
  supplyItem: null,
  socialCapability: null,
  quantity,
  maxTier: null,
  neededBy: null,
  note: null,
});
const offer = (
  needId: string,
  state: OfferRecord['state'],
  quantity = 1,
  resourceId = `r-${Math.random()}`,
): OfferRecord => ({
  resourceId,
  kind: 'TEAM',
  needId,
  responseId: 'R1',
  jurisdiction: 'tianning',
  name: 'x',
  quantity,
  etaMinutes: null,
  tier: null,
  provisional: false,
  state,
  reason: null,
  stock: null,
});
const assignment = (needId: string, status: AssignmentRecord['status'], quantity = 1): AssignmentRecord => ({
  id: 'a',
  needId,
  resourceId: 'r',
  kind: 'TEAM',
  jurisdiction: 'tianning',
  name: 'x',
  quantity,
  status,
  history: [],
});

describe('need fills (one EDXL-RM line each)', () => {
  test('offered counts open and accepted offers; accepted decides the fill; on scene is fulfilled', () => {
    const n = need('N1', 2);
    expect(needTotals(n, [], [])).toEqual({
      offeredQuantity: 0,
      acceptedQuantity: 0,
      fulfilledQuantity: 0,
      fill: 'NONE',
    });
    const offers = [
      offer('N1', 'OFFERED'),
      offer('N1', 'ACCEPTED'),
      offer('N1', 'WITHDRAWN'),
      offer('N1', 'REJECTED'),
      offer('N2', 'ACCEPTED'),
    ];
    expect(
      needTotals(n, offers, [assignment('N1', 'ON_SCENE'), assignment('N1', 'EN_ROUTE'), assignment('N2', 'RETURNED')]),
    ).toEqual({ offeredQuantity: 2, acceptedQuantity: 1, fulfilledQuantity: 1, fill: 'PARTIAL' });
    expect(needTotals(n, [offer('N1', 'ACCEPTED'), offer('N1', 'ACCEPTED')], []).fill).toBe('COMPLETE');
    expect(needTotals(need('B', 500), [offer('B', 'ACCEPTED', 300)], []).fill).toBe('PARTIAL');
    expect(needTotals(need('B', 500), [offer('B', 'ACCEPTED', 300), offer('B', 'ACCEPTED', 200)], []).fill).toBe(
      'COMPLETE',
    );
  });

  test('the request status follows the lines unless it has ended', () => {
    const needs = [need('N1', 1), need('N2', 1)];
    expect(deriveStatus({ status: 'OPEN', needs, offers: [offer('N1', 'OFFERED')], assignments: [] })).toBe('OPEN');
    expect(deriveStatus({ status: 'OPEN', needs, offers: [offer('N1', 'ACCEPTED')], assignments: [] })).toBe(
      'PARTIALLY_FILLED',
    );
    expect(
      deriveStatus({
        status: 'PARTIALLY_FILLED',
        needs,
        offers: [offer('N1', 'ACCEPTED'), offer('N2', 'ACCEPTED')],
        assignments: [],
      }),
    ).toBe('FILLED');
    expect(
      deriveStatus({
        status: 'FILLED',
        needs,
        offers: [offer('N1', 'ACCEPTED'), offer('N2', 'WITHDRAWN')],
        assignments: [],
      }),
    ).toBe('PARTIALLY_FILLED');
    for (const ended of ['CLOSED', 'CANCELLED', 'EXPIRED'] as const) {
      expect(deriveStatus({ status: ended, needs, offers: [offer('N1', 'ACCEPTED')], assignments: [] })).toBe(ended);
    }
  });
});

describe('assignment statuses', () => {
  test('forward only, steps may be skipped, replays change nothing', () => {
    expect(checkAssignmentStep('DISPATCHED', 'EN_ROUTE')).toBe(true);
    expect(checkAssignmentStep('DISPATCHED', 'ON_SCENE')).toBe(true);
    expect(checkAssignmentStep('ON_SCENE', 'ON_SCENE')).toBe(false);
    expect(checkAssignmentStep('RELEASED', 'RETURNED')).toBe(true);
    expect(() => checkAssignmentStep('ON_SCENE', 'EN_ROUTE')).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'CONFLICT' }) }),
    );
    expect(() => checkAssignmentStep('ON_SCENE', 'RETURNED')).toThrow(/Release the assignment/);
    expect([isActive('DISPATCHED'), isActive('ON_SCENE'), isActive('RELEASED'), isActive('RETURNED')]).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
});

describe('escalation rings', () => {
  const directory = loadNetwork();
  const incident = { lat: 31.69, lng: 119.96 };

  test('silent targets are those with neither acknowledgement nor response', () => {
    const at = new Date();
    expect(
      silentTargets({
        targets: ['a', 'b', 'c'],
        acknowledgements: [{ jurisdiction: 'a', by: 'x', at }],
        responses: [{ id: 'R1', responder: 'c', kind: 'DECLINE', reason: null, by: 'y', at }],
      }),
    ).toEqual(['b']);
  });

  test('the next ring is the targets’ neighbours not yet asked, nearest to the incident first', () => {
    const ring = nextRing(directory, 'wujin', ['tianning'], incident);
    expect(ring.sort()).toEqual(['wujin.hengshanqiao', 'wujin.hutang', 'wujin.yaoguan', 'zhonglou'].sort());
    const unsorted = nextRing(directory, 'wujin', ['tianning'], incident);
    const km = (c: string) =>
      Math.hypot(directory.get(c)!.location.lat - incident.lat, directory.get(c)!.location.lng - incident.lng);
    for (let i = 1; i < unsorted.length; i++) expect(km(unsorted[i - 1]!)).toBeLessThanOrEqual(km(unsorted[i]!) + 1e-3);
    expect(
      nextRing(
        directory,
        'wujin',
        ['tianning', 'zhonglou', 'wujin.hengshanqiao', 'wujin.hutang', 'wujin.yaoguan'],
        incident,
      ),
    ).not.toContain('tianning');
  });

  test('parents of silent targets and the requester hear of it, once each', () => {
    expect(escalationAudience(directory, 'wujin', ['tianning', 'zhonglou']).sort()).toEqual(['changzhou', 'wujin']);
    expect(escalationAudience(directory, 'wujin.hutang', ['wujin.niutang']).sort()).toEqual(['wujin', 'wujin.hutang']);
  });
});

describe('ids, numbers and the drill mark', () => {
  test('request and assignment ids round-trip; others are refused', () => {
    const oid = newObjectId();
    const id = toRequestId('wujin.hutang', oid);
    expect(parseRequestId(id)).toEqual({ requester: 'wujin.hutang', objectId: oid });
    expect(parseRequestId('wujin:Team:' + oid.toHexString())).toBeNull();
    expect(expectAssignmentId(`${id}:A3`).requestId).toBe(id);
    expect(() => expectAssignmentId(`${id}:B3`)).toThrow(/not an assignment id/);
  });

  test('numbers count per requester and year in China Standard Time', () => {
    expect(formatRequestNumber('WJ', 2026, 1)).toBe('WJ-2026-0001');
    expect(formatRequestNumber('WJHT', 2026, 12345)).toBe('WJHT-2026-12345');
    expect(counterKey('wujin', new Date('2026-12-31T16:30:00Z'))).toEqual({ key: 'wujin/2027', year: 2027 });
    expect(counterKey('wujin', new Date('2026-12-31T15:30:00Z'))).toEqual({ key: 'wujin/2026', year: 2026 });
  });

  test('【演练】 is put in front once, and only for drills', () => {
    expect(markExercise('防汛演练', true)).toBe('【演练】防汛演练');
    expect(markExercise('【演练】防汛演练', true)).toBe('【演练】防汛演练');
    expect(markExercise('真实险情', false)).toBe('真实险情');
  });
});

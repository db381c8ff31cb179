import { GraphQLError } from 'graphql';
import type { HoldableRecord, ReservationRecord, ResourceStatus } from '../models/fragments';
import {
  decideManualStatus,
  decideReservation,
  expectVersion,
  MANUAL_STATUSES,
  RELEASED_MEMORY,
  type ReservationAction,
} from './reservation';

/**
 * The reservation protocol as a pure state machine: every action × status × holder, with the
 * expected outcome derived independently from the contract (schema/registry.graphql):
 *   reserve  AVAILABLE|STANDBY → RESERVED; replay by the holder is a noop; anyone else CONFLICT;
 *            a request that has already released the resource may not take it again.
 *   deploy   RESERVED → DEPLOYED by the holder; replay (already DEPLOYED) is a noop; else CONFLICT.
 *   release  RESERVED|DEPLOYED → AVAILABLE by the holder; replay after release is a noop; else CONFLICT.
 */

type Holdable = Pick<HoldableRecord, 'status' | 'reservation' | 'released'>;

const ME = 'req-me';
const OTHER = 'req-other';
const NOW = new Date('2025-07-01T02:00:00.000Z');
const EARLIER = new Date('2025-06-30T02:00:00.000Z');

const STATUSES: readonly ResourceStatus[] = ['AVAILABLE', 'STANDBY', 'RESERVED', 'DEPLOYED', 'OUT_OF_SERVICE'];
const ACTIONS: readonly ReservationAction[] = ['reserve', 'deploy', 'release'];

/** Who holds the resource, and whether this request has released it before. */
type Holder = 'none' | 'this' | 'other' | 'released-by-this' | 'released-by-this-now-other';
const HOLDERS: readonly Holder[] = ['none', 'this', 'other', 'released-by-this', 'released-by-this-now-other'];

/** A holder is only consistent with the statuses the protocol produces it in. */
function consistent(status: ResourceStatus, holder: Holder): boolean {
  const held = status === 'RESERVED' || status === 'DEPLOYED';
  const hasReservation = holder === 'this' || holder === 'other' || holder === 'released-by-this-now-other';
  return held === hasReservation;
}

function hold(requestId: string): ReservationRecord {
  return { requestId, exercise: false, at: EARLIER };
}

function stateOf(status: ResourceStatus, holder: Holder): Holdable {
  switch (holder) {
    case 'none':
      return { status, reservation: null, released: ['req-older'] };
    case 'this':
      return { status, reservation: hold(ME), released: ['req-older'] };
    case 'other':
      return { status, reservation: hold(OTHER), released: ['req-older'] };
    case 'released-by-this':
      return { status, reservation: null, released: ['req-older', ME] };
    case 'released-by-this-now-other':
      return { status, reservation: hold(OTHER), released: ['req-older', ME] };
  }
}

type Expected = { kind: 'noop' } | { kind: 'set'; set: Partial<Holdable> } | { kind: 'conflict' };

/** The contract, written out case by case. */
function expected(action: ReservationAction, status: ResourceStatus, holder: Holder): Expected {
  const heldByMe = holder === 'this';
  const iReleased = holder === 'released-by-this' || holder === 'released-by-this-now-other';
  switch (action) {
    case 'reserve':
      if (heldByMe) return { kind: 'noop' };
      if (iReleased) return { kind: 'conflict' };
      if (status === 'AVAILABLE' || status === 'STANDBY') {
        return { kind: 'set', set: { status: 'RESERVED', reservation: { requestId: ME, exercise: false, at: NOW } } };
      }
      return { kind: 'conflict' };
    case 'deploy':
      if (heldByMe && status === 'RESERVED') return { kind: 'set', set: { status: 'DEPLOYED' } };
      if (heldByMe && status === 'DEPLOYED') return { kind: 'noop' };
      return { kind: 'conflict' };
    case 'release':
      if (heldByMe) {
        return { kind: 'set', set: { status: 'AVAILABLE', reservation: null, released: ['req-older', ME] } };
      }
      if (iReleased) return { kind: 'noop' };
      return { kind: 'conflict' };
  }
}

function outcome(run: () => unknown): Expected | { kind: 'error'; error: unknown } {
  try {
    return run() as Expected;
  } catch (e) {
    if (e instanceof GraphQLError && e.extensions.code === 'CONFLICT') return { kind: 'conflict' };
    return { kind: 'error', error: e };
  }
}

const TABLE: [ReservationAction, ResourceStatus, Holder][] = [];
for (const action of ACTIONS) {
  for (const status of STATUSES) {
    for (const holder of HOLDERS) {
      if (consistent(status, holder)) TABLE.push([action, status, holder]);
    }
  }
}

describe('decideReservation: the full transition table', () => {
  test('the table covers every action × status × holder that the protocol can produce', () => {
    // 3 actions × (3 unheld statuses × 2 unheld holders + 2 held statuses × 3 held holders)
    expect(TABLE).toHaveLength(3 * (3 * 2 + 2 * 3));
  });

  test.each(TABLE)('%s on %s held by %s', (action, status, holder) => {
    const current = stateOf(status, holder);
    const before = structuredClone(current);
    const got = outcome(() => decideReservation(current, action, ME, NOW));
    expect(got).toEqual(expected(action, status, holder));
    // Pure: the current record is never mutated.
    expect(current).toEqual(before);
  });
});

describe('decideReservation: details', () => {
  const available = (): Holdable => ({ status: 'AVAILABLE', reservation: null, released: [] });

  test('reserve records the request, the exercise flag and the time', () => {
    const d = decideReservation(available(), 'reserve', ME, NOW, true);
    expect(d).toEqual({
      kind: 'set',
      set: { status: 'RESERVED', reservation: { requestId: ME, exercise: true, at: NOW } },
    });
  });

  test('the exercise flag defaults to false', () => {
    const d = decideReservation(available(), 'reserve', ME, NOW);
    expect(d.kind === 'set' && d.set.reservation?.exercise).toBe(false);
  });

  test('a CONFLICT carries reason RESOURCE_UNAVAILABLE and names the holding request', () => {
    const current: Holdable = { status: 'RESERVED', reservation: hold(OTHER), released: [] };
    let error: unknown;
    try {
      decideReservation(current, 'reserve', ME, NOW);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GraphQLError);
    const g = error as GraphQLError;
    expect(g.extensions).toMatchObject({ code: 'CONFLICT', reason: 'RESOURCE_UNAVAILABLE' });
    expect(g.message).toContain(OTHER);
    expect(g.message).toContain('RESERVED');
  });

  test('a request that released may not reserve again, even when the resource is AVAILABLE', () => {
    const current: Holdable = { status: 'AVAILABLE', reservation: null, released: [ME] };
    expect(() => decideReservation(current, 'reserve', ME, NOW)).toThrow(/already released/);
  });

  test('release remembers the releasing request, at most RELEASED_MEMORY of them, newest kept', () => {
    const older = Array.from({ length: RELEASED_MEMORY }, (_, i) => `old-${i}`);
    const current: Holdable = { status: 'DEPLOYED', reservation: hold(ME), released: older };
    const d = decideReservation(current, 'release', ME, NOW);
    expect(d.kind).toBe('set');
    const released = d.kind === 'set' ? (d.set.released as string[]) : [];
    expect(released).toHaveLength(RELEASED_MEMORY);
    expect(released.at(-1)).toBe(ME);
    expect(released[0]).toBe('old-1');
    expect(current.released).toHaveLength(RELEASED_MEMORY);
  });

  test('a full cycle: reserve → replay → deploy → replay → release → replay, then a new request reserves', () => {
    let state: Holdable = available();
    const apply = (action: ReservationAction, requestId: string) => {
      const d = decideReservation(state, action, requestId, NOW);
      if (d.kind === 'set') state = { ...state, ...d.set };
      return d.kind;
    };
    expect(apply('reserve', ME)).toBe('set');
    expect(apply('reserve', ME)).toBe('noop');
    expect(() => apply('reserve', OTHER)).toThrow();
    expect(() => apply('deploy', OTHER)).toThrow();
    expect(apply('deploy', ME)).toBe('set');
    expect(state.status).toBe('DEPLOYED');
    expect(apply('deploy', ME)).toBe('noop');
    expect(() => apply('release', OTHER)).toThrow();
    expect(apply('release', ME)).toBe('set');
    expect(state).toEqual({ status: 'AVAILABLE', reservation: null, released: [ME] });
    expect(apply('release', ME)).toBe('noop');
    expect(() => apply('reserve', ME)).toThrow();
    expect(apply('reserve', OTHER)).toBe('set');
    expect(state.reservation?.requestId).toBe(OTHER);
  });

  test('a real request may take over a resource held by a drill (schema: Reservation.exercise)', () => {
    // "Held by a drill (演练): a real request may take it over."
    const drill: Holdable = {
      status: 'RESERVED',
      reservation: { requestId: 'drill-1', exercise: true, at: EARLIER },
      released: [],
    };
    const d = decideReservation(drill, 'reserve', ME, NOW, false);
    expect(d).toMatchObject({
      kind: 'set',
      set: { status: 'RESERVED', reservation: { requestId: ME, exercise: false } },
    });
  });

  test('another drill may not take over a drill, nor anyone a real request', () => {
    const drill: Holdable = {
      status: 'RESERVED',
      reservation: { requestId: 'drill-1', exercise: true, at: EARLIER },
      released: [],
    };
    expect(() => decideReservation(drill, 'reserve', 'drill-2', NOW, true)).toThrow(GraphQLError);
    const real: Holdable = { status: 'RESERVED', reservation: hold(OTHER), released: [] };
    expect(() => decideReservation(real, 'reserve', ME, NOW, false)).toThrow(GraphQLError);
    expect(() => decideReservation(real, 'reserve', ME, NOW, true)).toThrow(GraphQLError);
  });
});

describe('decideManualStatus', () => {
  const unheld = (status: ResourceStatus, version = 3) => ({ status, reservation: null, released: [], version });

  test('MANUAL_STATUSES are exactly AVAILABLE, STANDBY and OUT_OF_SERVICE', () => {
    expect([...MANUAL_STATUSES].sort()).toEqual(['AVAILABLE', 'OUT_OF_SERVICE', 'STANDBY']);
  });

  const UNHELD: ResourceStatus[] = ['AVAILABLE', 'STANDBY', 'OUT_OF_SERVICE'];
  const pairs = UNHELD.flatMap((from) => (MANUAL_STATUSES as ResourceStatus[]).map((to) => [from, to] as const));

  test.each(pairs)('%s → %s with the right version', (from, to) => {
    const d = decideManualStatus(unheld(from), to, 3);
    expect(d).toEqual(from === to ? { kind: 'noop' } : { kind: 'set', set: { status: to } });
  });

  test.each(['RESERVED', 'DEPLOYED'] as const)(
    '%s cannot be set by hand: BAD_USER_INPUT, before the version check',
    (to) => {
      for (const version of [3, 99]) {
        try {
          decideManualStatus(unheld('AVAILABLE'), to, version);
          throw new Error('expected a throw');
        } catch (e) {
          expect((e as GraphQLError).extensions?.code).toBe('BAD_USER_INPUT');
        }
      }
    },
  );

  test('a stale version is a CONFLICT with reason STALE_VERSION and the current version', () => {
    try {
      decideManualStatus(unheld('AVAILABLE', 5), 'STANDBY', 4);
      throw new Error('expected a throw');
    } catch (e) {
      expect((e as GraphQLError).extensions).toMatchObject({
        code: 'CONFLICT',
        reason: 'STALE_VERSION',
        currentVersion: 5,
      });
    }
  });

  test.each(['RESERVED', 'DEPLOYED'] as const)(
    'while a request holds it (%s) every manual status is a CONFLICT',
    (status) => {
      const held = { status, reservation: hold(OTHER), released: [], version: 7 };
      for (const to of MANUAL_STATUSES) {
        try {
          decideManualStatus(held, to, 7);
          throw new Error('expected a throw');
        } catch (e) {
          expect((e as GraphQLError).extensions).toMatchObject({ code: 'CONFLICT', reason: 'RESOURCE_UNAVAILABLE' });
          expect((e as GraphQLError).message).toContain(OTHER);
        }
      }
    },
  );

  test('expectVersion accepts the same version only', () => {
    expect(() => expectVersion(2, 2)).not.toThrow();
    expect(() => expectVersion(2, 1)).toThrow(GraphQLError);
    expect(() => expectVersion(2, 3)).toThrow(GraphQLError);
  });
});

describe('drill pre-emption (a real request takes a resource a drill holds)', () => {
  const now = new Date('2026-07-01T02:00:00Z');
  const drillHold = { requestId: 'drill-1', exercise: true, at: new Date('2026-07-01T01:00:00Z') };

  test.each(['RESERVED', 'DEPLOYED'] as const)(
    'from %s by a drill: RESERVED for the real request, the drill recorded as preempted',
    (status) => {
      const decision = decideReservation(
        { status, reservation: drillHold, released: [], preempted: null },
        'reserve',
        'real-1',
        now,
        false,
      );
      expect(decision).toEqual({
        kind: 'set',
        set: {
          status: 'RESERVED',
          reservation: { requestId: 'real-1', exercise: false, at: now },
          released: ['drill-1'],
          preempted: { ...drillHold, at: now },
        },
      });
    },
  );

  test("another drill cannot take a drill's hold", () => {
    expect(() =>
      decideReservation(
        { status: 'RESERVED', reservation: drillHold, released: [], preempted: null },
        'reserve',
        'drill-2',
        now,
        true,
      ),
    ).toThrow(/Not available/);
  });

  test("the preempted drill's later release is a noop and its deploy a conflict", () => {
    const afterTakeover = {
      status: 'RESERVED' as const,
      reservation: { requestId: 'real-1', exercise: false, at: now },
      released: ['drill-1'],
      preempted: drillHold,
    };
    expect(decideReservation(afterTakeover, 'release', 'drill-1', now)).toEqual({ kind: 'noop' });
    expect(() => decideReservation(afterTakeover, 'deploy', 'drill-1', now)).toThrow(/does not hold/);
  });
});

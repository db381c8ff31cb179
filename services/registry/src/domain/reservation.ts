import { ERRORS } from '../../../common/src/errors';
import type { HoldableRecord, ReservationRecord, ResourceStatus } from '../models/fragments';
import type { WriteDecision } from '../../../common/src/store/versionedUpdate';

/**
 * The reservation protocol of DESIGN.md section 4.1 as a pure state machine, idempotent per
 * requestId:  AVAILABLE|STANDBY --reserve--> RESERVED --deploy--> DEPLOYED --release--> AVAILABLE
 * (release also from RESERVED). Replaying a step that already happened changes nothing; a step by a
 * request that does not hold the resource is a CONFLICT. A real request may take a resource that a
 * drill (演练) holds: the drill's hold moves to `preempted` and its own later release is a noop.
 */
export type ReservationAction = 'reserve' | 'deploy' | 'release';

type Holdable = Pick<HoldableRecord, 'status' | 'reservation' | 'released' | 'preempted'>;

/** How many releasing request ids a resource remembers, for idempotent replays. */
export const RELEASED_MEMORY = 50;

const RESERVABLE: readonly ResourceStatus[] = ['AVAILABLE', 'STANDBY'];

/**
 * @returns what the action does to `current`: a noop for a replay, or the fields to set.
 * @throws CONFLICT when the resource is not available to this request.
 */
export function decideReservation(
  current: Holdable,
  action: ReservationAction,
  requestId: string,
  now: Date,
  exercise = false,
): WriteDecision<Holdable> {
  const heldByThis = current.reservation?.requestId === requestId;
  const alreadyReleased = current.released.includes(requestId);
  switch (action) {
    case 'reserve': {
      if (heldByThis) return { kind: 'noop' };
      if (alreadyReleased) throw conflict(`request ${requestId} has already released this resource`);
      const reservation: ReservationRecord = { requestId, exercise, at: now };
      const drill = current.reservation;
      if (drill?.exercise && !exercise) {
        const released = [...current.released, drill.requestId].slice(-RELEASED_MEMORY);
        return { kind: 'set', set: { status: 'RESERVED', reservation, released, preempted: { ...drill, at: now } } };
      }
      if (!RESERVABLE.includes(current.status)) throw conflict(unavailableReason(current));
      return { kind: 'set', set: { status: 'RESERVED', reservation } };
    }
    case 'deploy': {
      if (heldByThis && current.status === 'DEPLOYED') return { kind: 'noop' };
      if (heldByThis && current.status === 'RESERVED') return { kind: 'set', set: { status: 'DEPLOYED' } };
      throw conflict(`request ${requestId} does not hold this resource (${unavailableReason(current)})`);
    }
    case 'release': {
      if (!heldByThis) {
        if (alreadyReleased) return { kind: 'noop' };
        throw conflict(`request ${requestId} does not hold this resource`);
      }
      const released = [...current.released, requestId].slice(-RELEASED_MEMORY);
      return { kind: 'set', set: { status: 'AVAILABLE', reservation: null, released } };
    }
  }
}

function unavailableReason(current: Holdable): string {
  if (current.reservation) return `it is ${current.status} for request ${current.reservation.requestId}`;
  return `it is ${current.status}`;
}

function conflict(reason: string) {
  return ERRORS.CONFLICT.err(`Not available: ${reason}`, { reason: 'RESOURCE_UNAVAILABLE' });
}

/** Statuses a person may set directly; RESERVED and DEPLOYED follow the protocol only. */
export const MANUAL_STATUSES: readonly ResourceStatus[] = ['AVAILABLE', 'STANDBY', 'OUT_OF_SERVICE'];

/**
 * @returns the decision for a manual status change with optimistic concurrency.
 * @throws CONFLICT on a stale version or while a request holds the resource; BAD_USER_INPUT for
 * RESERVED or DEPLOYED.
 */
export function decideManualStatus(
  current: Holdable & { version: number },
  status: ResourceStatus,
  expectedVersion: number,
): WriteDecision<Holdable> {
  if (!MANUAL_STATUSES.includes(status)) {
    throw ERRORS.BAD_USER_INPUT.err(`${status} is set only through a reinforcement request (reservation protocol)`);
  }
  expectVersion(current.version, expectedVersion);
  if (current.reservation) {
    throw conflict(`request ${current.reservation.requestId} holds it; release it through that request first`);
  }
  if (current.status === status) return { kind: 'noop' };
  return { kind: 'set', set: { status } };
}

/** @throws CONFLICT when the client's `expectedVersion` is stale. */
export function expectVersion(actual: number, expected: number): void {
  if (actual !== expected) {
    throw ERRORS.CONFLICT.err(
      `The record has changed since you read it (version ${actual}, you had ${expected}); reload and try again`,
      {
        reason: 'STALE_VERSION',
        currentVersion: actual,
      },
    );
  }
}

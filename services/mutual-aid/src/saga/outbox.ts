import { randomUUID } from 'node:crypto';
import type { Actor } from '../commands/deps';
import type { OfferRecord, OutboxKind, OutboxOp, RequestRecord } from '../domain/records';

/**
 * The saga's outbox: node calls a request owes, written on the request before they are made,
 * removed when the node confirms, retried with backoff while the node is unreachable.
 */
export interface PendingOp extends OutboxOp {
  actor: Actor;
}

export function newOp(
  kind: OutboxKind,
  offer: Pick<OfferRecord, 'resourceId' | 'kind' | 'quantity' | 'stock' | 'jurisdiction'>,
  now: Date,
  actor: Actor,
): PendingOp {
  return {
    id: randomUUID(),
    kind,
    resourceId: offer.resourceId,
    resourceKind: offer.kind,
    quantity: offer.quantity,
    stock: offer.stock,
    jurisdiction: offer.jurisdiction,
    attempts: 0,
    lastError: null,
    nextAttemptAt: now,
    createdAt: now,
    actor,
  };
}

/** Delay before attempt `attempts + 1`: doubling from `base`, at most `max`. */
export function retryDelayMs(attempts: number, base: number, max: number): number {
  return Math.min(max, base * 2 ** Math.max(0, attempts - 1));
}

/** Does the request (maybe) hold this resource on its node: a firm offer, or an accepted one not released. */
export function mayHold(
  request: Pick<RequestRecord, 'offers' | 'assignments' | 'outbox'>,
  offer: OfferRecord,
): boolean {
  if (request.outbox.some((o) => o.resourceId === offer.resourceId && o.kind !== 'RELEASE')) return true;
  if (offer.state === 'OFFERED') return !offer.provisional;
  if (offer.state !== 'ACCEPTED') return false;
  const a = request.assignments.find((x) => x.resourceId === offer.resourceId);
  return !a || a.status === 'DISPATCHED' || a.status === 'EN_ROUTE' || a.status === 'ON_SCENE';
}

/**
 * Ends the request's hold on every resource: pending reservations are dropped in favour of a
 * release (idempotent on the node, and harmless when nothing was reserved).
 */
export function releaseEverything(request: RequestRecord, now: Date, actor: Actor): PendingOp[] {
  const kept = (request.outbox as PendingOp[]).filter((o) => o.kind === 'RELEASE');
  const releasing = new Set(kept.map((o) => o.resourceId));
  const ops = [...kept];
  for (const offer of request.offers) {
    if (releasing.has(offer.resourceId) || !mayHold(request, offer)) continue;
    releasing.add(offer.resourceId);
    ops.push(newOp('RELEASE', offer, now, actor));
  }
  return ops;
}

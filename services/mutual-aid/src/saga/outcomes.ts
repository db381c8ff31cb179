import { SYSTEM } from '../commands/deps';
import { toRequestId } from '../domain/requestIds';
import { event } from '../domain/timeline';
import type { AssignmentRecord, EventRecord, OfferRecord, RequestRecord } from '../domain/records';
import type { RequestChange } from '../models/requestWriter';
import type { PendingOp } from './outbox';
import { retryDelayMs } from './outbox';
import type { HoldResult, NodeOutcome } from './registryNodes';

export interface OpResult {
  opId: string;
  outcome: NodeOutcome<HoldResult>;
}

/** What applying node answers to a request did, for the notifications that follow. */
export interface AppliedOutcomes {
  change: RequestChange;
  withdrawn: OfferRecord[];
  /** Drill requests whose resources this request took over: resource → drill request id. */
  preempted: { resourceId: string; drillRequestId: string }[];
}

const VERB = { RESERVE: '预留', DEPLOY: '调派', RELEASE: '释放' } as const;
const DONE_EVENT = { RESERVE: 'NODE_RESERVED', DEPLOY: 'NODE_DEPLOYED', RELEASE: 'NODE_RELEASED' } as const;

/**
 * Records the nodes' answers on the request (pure): confirmed calls leave the outbox (a
 * deployment creates its assignment), refused reservations withdraw the offer, and unreachable
 * nodes are retried later with backoff. Answers to calls no longer in the outbox are ignored.
 */
export function applyOutcomes(
  current: RequestRecord,
  results: readonly OpResult[],
  now: Date,
  retry: { baseMs: number; maxMs: number },
): AppliedOutcomes {
  const outbox = [...(current.outbox as PendingOp[])];
  const offers = current.offers.map((o) => ({ ...o }));
  const assignments = [...current.assignments];
  const timeline: EventRecord[] = [];
  const withdrawn: OfferRecord[] = [];
  const preempted: AppliedOutcomes['preempted'] = [];
  let changed = false;
  for (const { opId, outcome } of results) {
    const index = outbox.findIndex((o) => o.id === opId);
    if (index < 0) continue;
    const op = outbox[index]!;
    const offer = offers.find((o) => o.resourceId === op.resourceId);
    changed = true;
    if (outcome.kind === 'unavailable') {
      const attempts = op.attempts + 1;
      outbox[index] = {
        ...op,
        attempts,
        lastError: outcome.message,
        nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts, retry.baseMs, retry.maxMs)),
      };
      if (op.attempts === 0) {
        timeline.push(
          event(
            now,
            SYSTEM,
            'NODE_UNREACHABLE',
            `「${offer?.name ?? op.resourceId}」所属辖区节点暂不可达，${VERB[op.kind]}将自动重试`,
          ),
        );
      }
      continue;
    }
    outbox.splice(index, 1);
    if (outcome.kind === 'refused') {
      if (op.kind === 'RELEASE') {
        timeline.push(
          event(
            now,
            SYSTEM,
            'RELEASE_NOT_HELD',
            `「${offer?.name ?? op.resourceId}」在其节点上已不由本请求占用（${outcome.message}）`,
          ),
        );
        continue;
      }
      if (offer && (offer.state === 'OFFERED' || offer.state === 'ACCEPTED')) {
        offer.state = 'WITHDRAWN';
        offer.reason = outcome.message;
        withdrawn.push(offer);
      }
      timeline.push(
        event(
          now,
          SYSTEM,
          'OFFER_WITHDRAWN',
          `「${offer?.name ?? op.resourceId}」无法${VERB[op.kind]}，已撤回：${outcome.message}`,
        ),
      );
      continue;
    }
    if (outcome.data.preemptedRequestId && outcome.data.preemptedRequestId !== requestIdOf(current)) {
      preempted.push({ resourceId: op.resourceId, drillRequestId: outcome.data.preemptedRequestId });
    }
    if (
      op.kind === 'DEPLOY' &&
      offer &&
      offer.state === 'ACCEPTED' &&
      !assignments.some((a) => a.resourceId === op.resourceId)
    ) {
      assignments.push(newAssignment(assignments.length + 1, current, offer, op, now));
      timeline.push(event(now, op.actor, 'DISPATCHED', `「${offer.name}」已在所属辖区节点调派，任务状态：已派出`));
    } else if (op.kind !== 'DEPLOY' || offer?.state !== 'ACCEPTED') {
      timeline.push(
        event(now, SYSTEM, DONE_EVENT[op.kind], `「${offer?.name ?? op.resourceId}」已在其节点${VERB[op.kind]}`),
      );
    }
  }
  if (!changed) return { change: null, withdrawn, preempted };
  return {
    change: { outbox, offers, assignments, timeline: [...current.timeline, ...timeline] },
    withdrawn,
    preempted,
  };
}

function requestIdOf(r: RequestRecord): string {
  return toRequestId(r.requester, r._id);
}

function newAssignment(n: number, r: RequestRecord, offer: OfferRecord, op: PendingOp, now: Date): AssignmentRecord {
  return {
    id: `${requestIdOf(r)}:A${n}`,
    needId: offer.needId,
    resourceId: offer.resourceId,
    kind: offer.kind,
    jurisdiction: offer.jurisdiction,
    name: offer.name,
    quantity: offer.quantity,
    status: 'DISPATCHED',
    history: [
      {
        status: 'DISPATCHED',
        at: now,
        by: op.actor.name,
        jurisdiction: op.actor.jurisdiction ?? r.requester,
        note: null,
      },
    ],
  };
}

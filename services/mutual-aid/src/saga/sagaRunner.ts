import type { Types } from 'mongoose';
import type { MutualAidDeps } from '../commands/deps';
import { markExercise } from '../domain/exercise';
import type { OfferRecord, RequestRecord } from '../domain/records';
import { toRequestId } from '../domain/requestIds';
import { changeRequest, loadRequest } from '../models/requestWriter';

import { applyOutcomes, type AppliedOutcomes, type OpResult } from './outcomes';
import type { PendingOp } from './outbox';

export interface DriveResult {
  request: RequestRecord;
  /** Offers withdrawn because their node refused (held by another request …). */
  withdrawn: OfferRecord[];
  /** Node calls still owed, and when the next is due. */
  remaining: number;
  nextAttemptAt: Date | null;
}

/**
 * Makes the node calls a request owes (its outbox) and records the answers. Run inline right
 * after a command for a quick answer, and by the saga queue's worker until nothing is owed.
 * Every call is idempotent on the node, so two runs at once do no harm.
 */
export class SagaRunner {
  /** Called when a real request took a resource from a drill; wired to the preemption notice. */
  onPreempted: (drillRequestId: string, resourceId: string, by: RequestRecord) => Promise<void> = async () => undefined;

  constructor(private readonly deps: MutualAidDeps) {}

  async drive(objectId: Types.ObjectId, options: { dueOnly?: boolean } = {}): Promise<DriveResult | null> {
    const { deps } = this;
    const request = await loadRequest(deps.store, objectId);
    if (!request) return null;
    const now = deps.now();
    const ops = (request.outbox as PendingOp[]).filter((o) => !options.dueOnly || new Date(o.nextAttemptAt) <= now);
    if (ops.length === 0) return summarize(request, []);
    const requestId = toRequestId(request.requester, request._id);
    const results: OpResult[] = await Promise.all(
      ops.map(async (op) => ({
        opId: op.id,
        outcome: await deps.nodes.hold({
          kind: op.kind,
          resourceKind: op.resourceKind,
          resourceId: op.resourceId,
          requestId,
          exercise: request.incident.exercise,
          quantity: op.quantity,
          stock: op.stock,
        }),
      })),
    );
    let applied: AppliedOutcomes = { change: null, withdrawn: [], preempted: [] };
    const after = await changeRequest(deps.store, objectId, (current) => {
      applied = applyOutcomes(current, results, deps.now(), {
        baseMs: deps.settings.sagaRetryBaseMs,
        maxMs: deps.settings.sagaRetryMaxMs,
      });
      return applied.change;
    });
    const { withdrawn, preempted } = applied;
    if (withdrawn.length > 0) await this.noticeWithdrawals(after, withdrawn);
    for (const p of preempted) {
      await this.onPreempted(p.drillRequestId, p.resourceId, after).catch((e: Error) =>
        deps.logger.error({ err: e }, 'preemption notice failed'),
      );
    }
    const result = summarize(after, withdrawn);
    if (result.remaining > 0) {
      const delay = Math.max(0, (result.nextAttemptAt?.getTime() ?? now.getTime()) - deps.now().getTime());
      await deps.jobs.enqueueSaga(requestId, delay);
    }
    return result;
  }

  private async noticeWithdrawals(r: RequestRecord, withdrawn: OfferRecord[]): Promise<void> {
    const id = toRequestId(r.requester, r._id);
    const owners = [...new Set(withdrawn.map((o) => o.jurisdiction))];
    await this.deps.notifier
      .notify({
        jurisdictions: [...new Set([r.requester, ...owners])],
        kind: 'OFFER_WITHDRAWN',
        title: markExercise(`增援请求 ${r.number} 的部分资源已撤回`, r.incident.exercise),
        body: withdrawn
          .map((o) => `${this.deps.directory.nameOf(o.jurisdiction)}「${o.name}」：${o.reason ?? ''}`)
          .join('；'),
        subject: { type: 'ReinforcementRequest', id },
        exercise: r.incident.exercise,
        dedupeKey: `withdrawn:${id}:${withdrawn.map((o) => o.resourceId).join(',')}:${r.version}`,
      })
      .catch((e: Error) => this.deps.logger.error({ err: e, request: id }, 'notification failed'));
  }
}

function summarize(request: RequestRecord, withdrawn: OfferRecord[]): DriveResult {
  const due = request.outbox.map((o) => new Date(o.nextAttemptAt).getTime());
  return {
    request,
    withdrawn,
    remaining: request.outbox.length,
    nextAttemptAt: due.length ? new Date(Math.min(...due)) : null,
  };
}

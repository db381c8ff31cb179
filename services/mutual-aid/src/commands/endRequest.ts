import type { Principal } from '../../../common/src/auth';
import { ERRORS } from '../../../common/src/errors';
import { parseInput } from '../../../common/src/inputs';
import { isActive } from '../domain/assignmentFlow';
import { ReasonModel } from '../domain/inputs';
import { authorizeRequester } from '../domain/policy';
import type { RequestRecord } from '../domain/records';
import { event } from '../domain/timeline';
import { changeRequest } from '../models/requestWriter';
import { releaseEverything } from '../saga/outbox';
import type { SagaRunner } from '../saga/sagaRunner';
import { tell } from './answerRequest';
import { actorOf, type MutualAidDeps } from './deps';
import { ensureActive, requireRequest } from './requestAccess';

/**
 * Cancel releases every reservation and assignment; close ends a request whose assignments are
 * all released. Either way the releases are in the outbox before any node is called, so a node
 * that is down gets them when it returns (and the reconciler catches anything missed).
 */
export async function cancelRequest(
  deps: MutualAidDeps,
  saga: SagaRunner,
  principal: Principal,
  requestId: string,
  rawReason: unknown,
): Promise<RequestRecord> {
  const reason = parseInput(ReasonModel, rawReason, 'reason');
  return endRequest(deps, saga, principal, requestId, 'CANCELLED', reason);
}

export async function closeRequest(
  deps: MutualAidDeps,
  saga: SagaRunner,
  principal: Principal,
  requestId: string,
): Promise<RequestRecord> {
  return endRequest(deps, saga, principal, requestId, 'CLOSED', null);
}

async function endRequest(
  deps: MutualAidDeps,
  saga: SagaRunner,
  principal: Principal,
  requestId: string,
  status: 'CANCELLED' | 'CLOSED',
  reason: string | null,
): Promise<RequestRecord> {
  const { request, id } = await requireRequest(deps, requestId);
  authorizeRequester(principal, request, status === 'CANCELLED' ? 'cancel this request' : 'close this request');
  const now = deps.now();
  const actor = actorOf(principal);
  await changeRequest(deps.store, id.objectId, (current) => {
    ensureActive(current);
    const active = current.assignments.filter((a) => isActive(a.status));
    if (status === 'CLOSED' && active.length > 0) {
      throw ERRORS.CONFLICT.err(
        `Release the assignments still under way first: ${active.map((a) => `「${a.name}」`).join('、')}`,
        { reason: 'ASSIGNMENTS_ACTIVE' },
      );
    }
    const why = status === 'CANCELLED' ? `请求已取消：${reason}` : '请求已结束';
    return {
      status,
      outbox: releaseEverything(current, now, actor),
      offers: current.offers.map((o) =>
        o.state === 'OFFERED' ? { ...o, state: 'REJECTED' as const, reason: why } : o,
      ),
      assignments: current.assignments.map((a) =>
        isActive(a.status)
          ? {
              ...a,
              status: 'RELEASED' as const,
              history: [
                ...a.history,
                {
                  status: 'RELEASED' as const,
                  at: now,
                  by: principal.name,
                  jurisdiction: principal.jurisdiction,
                  note: why,
                },
              ],
            }
          : a,
      ),
      timer: null,
      timeline: [...current.timeline, event(now, actor, status, why)],
    };
  });
  const driven = (await saga.drive(id.objectId))!;
  const word = status === 'CANCELLED' ? `已取消：${reason}` : '已结束';
  await tell(
    deps,
    driven.request,
    driven.request.targets,
    `REQUEST_${status}`,
    `增援请求 ${request.number} ${word}`,
    '已预留或调派的资源将自动释放。',
    `end:${status}`,
  );
  return driven.request;
}

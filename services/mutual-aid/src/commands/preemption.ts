import { isActive } from '../domain/assignmentFlow';
import type { RequestRecord } from '../domain/records';
import { parseRequestId } from '../domain/requestIds';
import { event } from '../domain/timeline';
import { changeRequest, loadRequest } from '../models/requestWriter';
import { tell } from './answerRequest';
import { SYSTEM, type MutualAidDeps } from './deps';

/**
 * A real request took a resource that a drill (演练) held. The node has already moved the drill's
 * hold aside; here the drill request learns it: its offer is withdrawn, its assignment released,
 * and its requester and the resource's jurisdiction are told (marked 【演练】).
 */
export async function noticePreemption(
  deps: MutualAidDeps,
  drillRequestId: string,
  resourceId: string,
  by: RequestRecord,
): Promise<void> {
  const parsed = parseRequestId(drillRequestId);
  if (!parsed || !(await loadRequest(deps.store, parsed.objectId))) return;
  const now = deps.now();
  const why = `被真实增援请求 ${by.number}（${deps.directory.nameOf(by.requester)}）征用`;
  let name: string | null = null;
  let owner: string | null = null;
  const drill = await changeRequest(deps.store, parsed.objectId, (current) => {
    const offer = current.offers.find(
      (o) => o.resourceId === resourceId && (o.state === 'OFFERED' || o.state === 'ACCEPTED'),
    );
    if (!offer) return null;
    name = offer.name;
    owner = offer.jurisdiction;
    return {
      offers: current.offers.map((o) => (o === offer ? { ...o, state: 'WITHDRAWN' as const, reason: why } : o)),
      assignments: current.assignments.map((a) =>
        a.resourceId === resourceId && isActive(a.status)
          ? {
              ...a,
              status: 'RELEASED' as const,
              history: [
                ...a.history,
                { status: 'RELEASED' as const, at: now, by: SYSTEM.name, jurisdiction: a.jurisdiction, note: why },
              ],
            }
          : a,
      ),
      outbox: current.outbox.filter((o) => o.resourceId !== resourceId),
      timeline: [...current.timeline, event(now, SYSTEM, 'PREEMPTED', `「${offer.name}」${why}`)],
    };
  });
  if (!name) return;
  await tell(
    deps,
    drill,
    [...new Set([drill.requester, owner!])],
    'EXERCISE_PREEMPTED',
    `演练请求 ${drill.number} 的「${name}」已被征用`,
    `「${name}」${why}，演练中不再可用。`,
    `preempted:${resourceId}:${by.number}`,
  );
}

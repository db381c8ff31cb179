import type { Principal } from '../../../common/src/auth';
import { ERRORS } from '../../../common/src/errors';
import { parseInput } from '../../../common/src/inputs';
import { checkAssignmentStep, isActive } from '../domain/assignmentFlow';
import { NoteModel } from '../domain/inputs';
import { authorizeAssignmentReport } from '../domain/policy';
import type { AssignmentRecord, AssignmentStatus, RequestRecord } from '../domain/records';
import { expectAssignmentId } from '../domain/requestIds';
import { event } from '../domain/timeline';
import { changeRequest } from '../models/requestWriter';
import { newOp } from '../saga/outbox';
import type { SagaRunner } from '../saga/sagaRunner';
import { tell } from './answerRequest';
import { actorOf, type MutualAidDeps } from './deps';
import { requireRequest } from './requestAccess';

const STATUS_WORDS: Record<AssignmentStatus, string> = {
  DISPATCHED: '已派出',
  EN_ROUTE: '途中',
  ON_SCENE: '已到达现场',
  RELEASED: '已解除任务',
  RETURNED: '已归建',
};

/**
 * Assignment statuses go DISPATCHED → EN_ROUTE → ON_SCENE → RELEASED → RETURNED, each with time
 * and reporter. RELEASED frees the resource on its node (AVAILABLE again) through the saga.
 */
export async function reportAssignmentStatus(
  deps: MutualAidDeps,
  saga: SagaRunner,
  principal: Principal,
  assignmentId: string,
  status: AssignmentStatus,
  rawNote: unknown,
): Promise<RequestRecord> {
  const note = parseInput(NoteModel, rawNote, 'note') ?? null;
  const { request: parsed, requestId } = expectAssignmentId(assignmentId);
  const { request } = await requireRequest(deps, requestId);
  const assignment = findAssignment(request, assignmentId);
  authorizeAssignmentReport(principal, request, assignment, deps.directory);
  const now = deps.now();
  const actor = actorOf(principal);
  let changed = false;
  await changeRequest(deps.store, parsed.objectId, (current) => {
    const a = findAssignment(current, assignmentId);
    if (!checkAssignmentStep(a.status, status)) return null;
    changed = true;
    const next: AssignmentRecord = {
      ...a,
      status,
      history: [...a.history, { status, at: now, by: principal.name, jurisdiction: principal.jurisdiction, note }],
    };
    const offer = current.offers.find((o) => o.resourceId === a.resourceId)!;
    const releasing = status === 'RELEASED' || (status === 'RETURNED' && isActive(a.status));
    return {
      assignments: current.assignments.map((x) => (x.id === a.id ? next : x)),
      outbox: releasing ? [...current.outbox, newOp('RELEASE', offer, now, actor)] : current.outbox,
      timeline: [
        ...current.timeline,
        event(now, actor, `ASSIGNMENT_${status}`, `「${a.name}」${STATUS_WORDS[status]}${note ? `：${note}` : ''}`),
      ],
    };
  });
  const driven = (await saga.drive(parsed.objectId))!;
  if (changed) {
    const other = principal.jurisdiction === request.requester ? assignment.jurisdiction : request.requester;
    await tell(
      deps,
      driven.request,
      [other],
      'ASSIGNMENT_STATUS',
      `增援请求 ${request.number}：「${assignment.name}」${STATUS_WORDS[status]}`,
      note ?? STATUS_WORDS[status],
      `assign:${assignmentId}:${status}`,
    );
  }
  return driven.request;
}

export async function releaseAssignment(
  deps: MutualAidDeps,
  saga: SagaRunner,
  principal: Principal,
  assignmentId: string,
  rawNote: unknown,
): Promise<RequestRecord> {
  return reportAssignmentStatus(deps, saga, principal, assignmentId, 'RELEASED', rawNote);
}

function findAssignment(request: RequestRecord, assignmentId: string): AssignmentRecord {
  const a = request.assignments.find((x) => x.id === assignmentId);
  if (!a) throw ERRORS.NOT_FOUND.err(`No assignment ${assignmentId}`);
  return a;
}

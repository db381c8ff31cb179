import { ERRORS } from '../../../common/src/errors';
import { TERMINAL_STATUSES, type RequestRecord } from '../domain/records';
import { expectRequestId, type ParsedRequestId } from '../domain/requestIds';
import { loadRequest } from '../models/requestWriter';
import type { MutualAidDeps } from './deps';

/** @returns the request and its parsed id. @throws BAD_USER_INPUT, NOT_FOUND. */
export async function requireRequest(
  deps: MutualAidDeps,
  requestId: string,
): Promise<{ request: RequestRecord; id: ParsedRequestId }> {
  const id = expectRequestId(requestId);
  const request = await loadRequest(deps.store, id.objectId);
  if (!request) throw ERRORS.NOT_FOUND.err(`No reinforcement request ${requestId}`);
  return { request, id };
}

/** @throws CONFLICT when the request has ended (closed, cancelled or expired). */
export function ensureActive(request: Pick<RequestRecord, 'status' | 'number'>): void {
  if (TERMINAL_STATUSES.includes(request.status)) {
    throw ERRORS.CONFLICT.err(`Request ${request.number} is ${request.status}; nothing more can be done with it`, {
      reason: 'REQUEST_ENDED',
      status: request.status,
    });
  }
}

/** Ends a command whose node calls refused some resources: those are WITHDRAWN on the request. */
export function conflictIfWithdrawn(
  requestId: string,
  asked: readonly string[],
  withdrawn: readonly { resourceId: string; name: string; reason: string | null }[],
): void {
  const lost = withdrawn.filter((o) => asked.includes(o.resourceId));
  if (lost.length === 0) return;
  throw ERRORS.CONFLICT.err(
    `Not available any more: ${lost.map((o) => `「${o.name}」(${o.reason ?? ''})`).join('; ')}. Those offers are WITHDRAWN; reload the request and choose again.`,
    {
      reason: 'RESOURCE_UNAVAILABLE',
      requestId,
      withdrawn: lost.map((o) => o.resourceId),
    },
  );
}

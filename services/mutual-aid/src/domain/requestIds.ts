import type { Types } from 'mongoose';
import { ERRORS } from '../../../common/src/errors';
import { parseTypedId } from '../../../common/src/ids';
import { objectIdOf } from '../../../common/src/store/objectIds';

/**
 * Request ids follow DESIGN.md section 2: `<requester>:ReinforcementRequest:<24 hex>`. The same id is
 * the `requestId` the nodes record on the resources a request holds. Assignment ids append
 * `:A<n>` so an assignment leads back to its request.
 */
const TYPE = 'ReinforcementRequest';

export function toRequestId(requester: string, id: Types.ObjectId): string {
  return `${requester}:${TYPE}:${id.toHexString()}`;
}

export interface ParsedRequestId {
  requester: string;
  objectId: Types.ObjectId;
}

/** @returns the parts of a request id, or null when it is not one. */
export function parseRequestId(id: string): ParsedRequestId | null {
  const parsed = parseTypedId(id, TYPE);
  return parsed && { requester: parsed.jurisdiction, objectId: objectIdOf(parsed.localId) };
}

/** @throws BAD_USER_INPUT when `id` is not a request id. */
export function expectRequestId(id: string): ParsedRequestId {
  const parsed = parseRequestId(id);
  if (!parsed) {
    throw ERRORS.BAD_USER_INPUT.err(
      `"${id.slice(0, 80)}" is not a reinforcement request id (expected <jurisdiction>:ReinforcementRequest:<24 hex digits>)`,
    );
  }
  return parsed;
}

/** @returns `{ requestId, assignmentId }` parts of an assignment id. */
export function expectAssignmentId(id: string): { request: ParsedRequestId; requestId: string } {
  const cut = id.lastIndexOf(':');
  const request = cut > 0 && /^A\d+$/.test(id.slice(cut + 1)) ? parseRequestId(id.slice(0, cut)) : null;
  if (!request) {
    throw ERRORS.BAD_USER_INPUT.err(`"${id.slice(0, 80)}" is not an assignment id (expected <request id>:A<n>)`);
  }
  return { request, requestId: id.slice(0, cut) };
}

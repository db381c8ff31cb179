import type { AssignmentRecord, NeedRecord, OfferRecord, RequestRecord, RequestStatus } from './records';
import { TERMINAL_STATUSES } from './records';

export type FillState = 'NONE' | 'PARTIAL' | 'COMPLETE';

export interface NeedTotals {
  offeredQuantity: number;
  acceptedQuantity: number;
  fulfilledQuantity: number;
  fill: FillState;
}

const FULFILLED: ReadonlySet<string> = new Set(['ON_SCENE', 'RELEASED', 'RETURNED']);

/** Each need line is filled on its own (EDXL-RM): what is offered, accepted and on scene. */
export function needTotals(
  need: NeedRecord,
  offers: readonly OfferRecord[],
  assignments: readonly AssignmentRecord[],
): NeedTotals {
  let offered = 0;
  let accepted = 0;
  for (const o of offers) {
    if (o.needId !== need.id) continue;
    if (o.state === 'OFFERED' || o.state === 'ACCEPTED') offered += o.quantity;
    if (o.state === 'ACCEPTED') accepted += o.quantity;
  }
  const fulfilled = assignments
    .filter((a) => a.needId === need.id && FULFILLED.has(a.status))
    .reduce((n, a) => n + a.quantity, 0);
  const fill: FillState = accepted >= need.quantity ? 'COMPLETE' : accepted > 0 ? 'PARTIAL' : 'NONE';
  return { offeredQuantity: offered, acceptedQuantity: accepted, fulfilledQuantity: fulfilled, fill };
}

/** @returns the status that follows from the fills, unless the request has ended. */
export function deriveStatus(
  request: Pick<RequestRecord, 'status' | 'needs' | 'offers' | 'assignments'>,
): RequestStatus {
  if (TERMINAL_STATUSES.includes(request.status)) return request.status;
  const fills = request.needs.map((n) => needTotals(n, request.offers, request.assignments).fill);
  if (fills.length > 0 && fills.every((f) => f === 'COMPLETE')) return 'FILLED';
  if (fills.some((f) => f !== 'NONE')) return 'PARTIALLY_FILLED';
  return 'OPEN';
}

import { ERRORS } from '../../../common/src/errors';
import type { AssignmentStatus } from './records';

/** DISPATCHED → EN_ROUTE → ON_SCENE → RELEASED → RETURNED; steps may be skipped, never reversed. */
export const ASSIGNMENT_ORDER: readonly AssignmentStatus[] = [
  'DISPATCHED',
  'EN_ROUTE',
  'ON_SCENE',
  'RELEASED',
  'RETURNED',
];

/** Statuses the resource still holds for the request (not released on its node yet). */
export function isActive(status: AssignmentStatus): boolean {
  return ASSIGNMENT_ORDER.indexOf(status) < ASSIGNMENT_ORDER.indexOf('RELEASED');
}

/**
 * @returns whether moving `from` → `to` changes anything (false for a replay of the same status).
 * @throws CONFLICT for a step backwards, or RETURNED before the release.
 */
export function checkAssignmentStep(from: AssignmentStatus, to: AssignmentStatus): boolean {
  if (from === to) return false;
  const a = ASSIGNMENT_ORDER.indexOf(from);
  const b = ASSIGNMENT_ORDER.indexOf(to);
  if (b < a) {
    throw ERRORS.CONFLICT.err(`The assignment is already ${from}; it cannot go back to ${to}`, {
      reason: 'STATUS_ORDER',
      current: from,
    });
  }
  if (to === 'RETURNED' && from !== 'RELEASED') {
    throw ERRORS.CONFLICT.err('Release the assignment before reporting it RETURNED', {
      reason: 'STATUS_ORDER',
      current: from,
    });
  }
  return true;
}

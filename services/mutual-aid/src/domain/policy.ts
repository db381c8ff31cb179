import { ERRORS } from '../../../common/src/errors';
import { hasAnyRole, type Principal, type Role } from '../../../common/src/auth';
import type { NetworkDirectory } from '../../../common/src/network';
import type { AssignmentRecord, RequestRecord } from './records';

/**
 * Who may do what with a reinforcement request (issue 4, point g): the requester's commander
 * submits, accepts, releases, cancels and closes; a target's commander or duty officer answers;
 * anyone of a jurisdiction involved (or above it) reads, observers included.
 */
const COMMAND: readonly Role[] = ['commander'];
const ANSWER: readonly Role[] = ['commander', 'duty_officer'];

export function authorizeRequester(
  principal: Principal,
  request: Pick<RequestRecord, 'requester'>,
  action: string,
): void {
  if (principal.jurisdiction !== request.requester || !hasAnyRole(principal, COMMAND)) {
    throw ERRORS.FORBIDDEN.err(`Only a commander of ${request.requester} may ${action}`);
  }
}

export function authorizeSubmit(principal: Principal, requester: string): void {
  authorizeRequester(principal, { requester }, 'send reinforcement requests on its behalf');
}

export function authorizeTarget(principal: Principal, request: Pick<RequestRecord, 'targets'>, action: string): void {
  if (!request.targets.includes(principal.jurisdiction)) {
    throw ERRORS.FORBIDDEN.err(`${principal.jurisdiction} is not asked by this request, so it may not ${action}`);
  }
  if (!hasAnyRole(principal, ANSWER)) throw ERRORS.FORBIDDEN.err(`Only a commander or duty officer may ${action}`);
}

/** The requester's commanders and duty officers, and those of the jurisdiction providing the resource. */
export function authorizeAssignmentReport(
  principal: Principal,
  request: Pick<RequestRecord, 'requester'>,
  assignment: AssignmentRecord,
  directory: NetworkDirectory,
): void {
  const side =
    principal.jurisdiction === request.requester ||
    directory.isSelfOrAncestor(principal.jurisdiction, assignment.jurisdiction);
  if (!side || !hasAnyRole(principal, ANSWER)) {
    throw ERRORS.FORBIDDEN.err(
      `Only commanders or duty officers of ${request.requester} or ${assignment.jurisdiction} may report on this assignment`,
    );
  }
}

export function canRead(
  principal: Principal,
  request: Pick<RequestRecord, 'requester' | 'targets'>,
  directory: NetworkDirectory,
): boolean {
  if (principal.roles.includes('service')) return true;
  return [request.requester, ...request.targets].some((j) => directory.isSelfOrAncestor(principal.jurisdiction, j));
}

/** @throws FORBIDDEN unless the caller is of `jurisdiction` or above it. */
export function authorizeJurisdictionView(
  principal: Principal,
  jurisdiction: string,
  directory: NetworkDirectory,
  what: string,
): void {
  if (!directory.isSelfOrAncestor(principal.jurisdiction, jurisdiction)) {
    throw ERRORS.FORBIDDEN.err(`${principal.jurisdiction} may not read ${jurisdiction}'s ${what}`);
  }
}

import { hasAnyRole, type Principal, type Role } from '../../../common/src/auth';
import { ERRORS } from '../../../common/src/errors';
import type { NetworkDirectory } from '../../../common/src/network';
import type { ActionRecord, MeetingRecord } from './records';

/**
 * Who may do what (issue 5, point d): the host's secretariat schedules, runs and concludes
 * meetings and assigns actions; members propose agenda items; an action's owner reports its
 * progress; anyone of a member jurisdiction (or above) reads.
 */
const MEMBER_ROLES: readonly Role[] = ['secretariat', 'commander', 'duty_officer'];

export function authorizeSecretariat(principal: Principal, host: string, action: string): void {
  if (principal.jurisdiction !== host || !hasAnyRole(principal, ['secretariat'])) {
    throw ERRORS.FORBIDDEN.err(`Only the secretariat of ${host} may ${action}`);
  }
}

export function authorizeMember(principal: Principal, meeting: Pick<MeetingRecord, 'members'>, action: string): void {
  if (!meeting.members.includes(principal.jurisdiction) || !hasAnyRole(principal, MEMBER_ROLES)) {
    throw ERRORS.FORBIDDEN.err(`Only a member jurisdiction's secretariat, commander or duty officer may ${action}`);
  }
}

export function authorizeOwner(principal: Principal, action: Pick<ActionRecord, 'owner'>, what: string): void {
  if (principal.jurisdiction !== action.owner || !hasAnyRole(principal, MEMBER_ROLES)) {
    throw ERRORS.FORBIDDEN.err(`Only ${action.owner}, which owns this action, may ${what}`);
  }
}

export function canReadMeeting(
  principal: Principal,
  meeting: Pick<MeetingRecord, 'members' | 'host'>,
  directory: NetworkDirectory,
): boolean {
  if (principal.roles.includes('service')) return true;
  return [meeting.host, ...meeting.members].some((j) => directory.isSelfOrAncestor(principal.jurisdiction, j));
}

import { hasAnyRole, type Principal, type Role } from '../../../common/src/auth';
import { ERRORS } from '../../../common/src/errors';
import type { NetworkDirectory } from '../../../common/src/network';
import type { OwnerRecord } from '../models/SocialForce';

/**
 * Who may do what at a node (DESIGN.md section 5). A jurisdiction writes only its own records;
 * the reservation protocol is for the `service` role only.
 */
export const WRITERS = {
  resources: ['registrar', 'commander'],
  resourceStatus: ['registrar', 'commander', 'duty_officer'],
  duty: ['duty_officer', 'commander'],
  review: ['registrar', 'commander'],
  registerSocialForce: ['social_org', 'registrar'],
  reservation: ['service'],
} as const satisfies Record<string, readonly Role[]>;

/**
 * @throws FORBIDDEN unless the principal holds one of `roles` in the node's own jurisdiction.
 */
export function authorizeWrite(
  principal: Principal,
  nodeJurisdiction: string,
  roles: readonly Role[],
  action: string,
): void {
  if (!hasAnyRole(principal, roles)) {
    throw ERRORS.FORBIDDEN.err(`Only ${roles.join(' or ')} may ${action}; ask a colleague with that role`);
  }
  if (principal.jurisdiction !== nodeJurisdiction) {
    throw ERRORS.FORBIDDEN.err(
      `${principal.jurisdiction} may not ${action} in ${nodeJurisdiction}: a jurisdiction writes only its own records`,
    );
  }
}

/** @throws FORBIDDEN unless the principal has the `service` role (any jurisdiction). */
export function authorizeService(principal: Principal, action: string): void {
  if (!hasAnyRole(principal, WRITERS.reservation)) {
    throw ERRORS.FORBIDDEN.err(`Only the mutual-aid service may ${action}; use a reinforcement request`);
  }
}

/**
 * Commanders and duty officers see phone numbers whole; everyone else masked. The `service` role
 * (mutual aid) only reserves, deploys and releases resources and reads no contact at all, so it gets
 * masked numbers too: a leaked service token must not be a phone book of the whole network.
 */
export function seesPhones(principal: Principal): boolean {
  return hasAnyRole(principal, ['commander', 'duty_officer']);
}

/** @returns true when the principal is the social group that registered a force. */
export function ownsSocialForce(principal: Principal, owner: OwnerRecord): boolean {
  if (!hasAnyRole(principal, ['social_org'])) return false;
  return owner.sub === principal.sub || (principal.org !== undefined && owner.org === principal.org);
}

/**
 * Staff of the node's jurisdiction or of a jurisdiction above it see social forces in every
 * verification state; everyone else sees only VERIFIED ones (plus, for a group, its own).
 */
export function seesUnverifiedSocialForces(
  principal: Principal,
  nodeJurisdiction: string,
  network: NetworkDirectory,
): boolean {
  if (!hasAnyRole(principal, ['registrar', 'commander', 'duty_officer', 'observer', 'service'])) return false;
  return hasAnyRole(principal, ['service']) || network.isSelfOrAncestor(principal.jurisdiction, nodeJurisdiction);
}

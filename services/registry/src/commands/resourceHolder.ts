import { ERRORS } from '../../../common/src/errors';
import type { RegistryContext } from '../context';
import { parseInput, RequestIdModel } from '../domain/inputs';
import { authorizeService } from '../domain/policy';
import { decideReservation, type ReservationAction } from '../domain/reservation';
import type { SocialForceRecord } from '../models/SocialForce';
import type { TeamRecord } from '../models/Team';
import { ownLocalId } from '../routing';
import { updateRecord } from '../models/registryRecords';

/**
 * The reservation protocol for teams and social forces (service role only): reserve, deploy and
 * release, idempotent per requestId, exactly one winner when requests race for one resource.
 */

export async function holdTeam(
  ctx: RegistryContext,
  id: string,
  requestId: string,
  action: ReservationAction,
  exercise = false,
): Promise<TeamRecord> {
  authorizeService(ctx.principal, `${action} teams`);
  const localId = ownLocalId(ctx, id, 'Team');
  const rid = parseInput(RequestIdModel, requestId, 'requestId');
  const now = new Date();
  return updateRecord(ctx.store, 'teams', localId, (current) => decideReservation(current, action, rid, now, exercise));
}

export async function holdSocialForce(
  ctx: RegistryContext,
  id: string,
  requestId: string,
  action: ReservationAction,
  exercise = false,
): Promise<SocialForceRecord> {
  authorizeService(ctx.principal, `${action} social forces`);
  const localId = ownLocalId(ctx, id, 'SocialForce');
  const rid = parseInput(RequestIdModel, requestId, 'requestId');
  const now = new Date();
  return updateRecord(ctx.store, 'socialForces', localId, (current) => {
    // Only verified forces are offered to others; a suspended one cannot be newly reserved.
    if (action === 'reserve' && current.verification !== 'VERIFIED' && current.reservation?.requestId !== rid) {
      throw ERRORS.CONFLICT.err(`Not available: the social force is ${current.verification}, not VERIFIED`, {
        reason: 'NOT_VERIFIED',
      });
    }
    return decideReservation(current, action, rid, now, exercise);
  });
}

import type { RegistryContext } from '../context';
import { parseInput, TeamInputModel, TeamUpdateModel } from '../domain/inputs';
import { authorizeWrite, WRITERS } from '../domain/policy';
import { decideManualStatus, expectVersion } from '../domain/reservation';
import type { ResourceStatus } from '../models/fragments';
import type { TeamRecord } from '../models/Team';
import { expectOwnJurisdiction, ownLocalId } from '../routing';
import { creationStamp, unheld } from './creationStamp';
import { insertRecord, updateRecord } from '../models/registryRecords';

/** Creating and editing a jurisdiction's own teams. */

/** @returns the new team, AVAILABLE unless the input says otherwise. */
export async function createTeam(ctx: RegistryContext, jurisdiction: string, input: unknown): Promise<TeamRecord> {
  expectOwnJurisdiction(ctx, jurisdiction);
  authorizeWrite(ctx.principal, jurisdiction, WRITERS.resources, 'register teams');
  const v = parseInput(TeamInputModel, input, 'input');
  return insertRecord(ctx.store, 'teams', {
    ...v,
    equipment: v.equipment ?? [],
    status: v.status ?? 'AVAILABLE',
    ...unheld(),
    ...creationStamp(ctx),
  });
}

/**
 * Changes the given fields, if `expectedVersion` is still current.
 * @throws CONFLICT on a stale version.
 */
export async function updateTeam(
  ctx: RegistryContext,
  id: string,
  input: unknown,
  expectedVersion: number,
): Promise<TeamRecord> {
  const localId = ownLocalId(ctx, id, 'Team');
  authorizeWrite(ctx.principal, ctx.node.jurisdiction.code, WRITERS.resources, 'edit teams');
  const v = parseInput(TeamUpdateModel, input, 'input');
  const set = Object.fromEntries(
    Object.entries(v).filter(([, value]) => value !== undefined && value !== null),
  ) as Partial<TeamRecord>;
  return updateRecord(ctx.store, 'teams', localId, (current) => {
    expectVersion(current.version, expectedVersion);
    return { kind: 'set', set };
  });
}

/** Sets AVAILABLE, STANDBY or OUT_OF_SERVICE while no request holds the team. */
export async function setTeamStatus(
  ctx: RegistryContext,
  id: string,
  status: ResourceStatus,
  expectedVersion: number,
): Promise<TeamRecord> {
  const localId = ownLocalId(ctx, id, 'Team');
  authorizeWrite(ctx.principal, ctx.node.jurisdiction.code, WRITERS.resourceStatus, 'change team status');
  return updateRecord(ctx.store, 'teams', localId, (current) => decideManualStatus(current, status, expectedVersion));
}

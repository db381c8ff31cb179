import type { RegistryContext } from '../context';
import { ExpertInputModel, parseInput } from '../domain/inputs';
import { authorizeWrite, WRITERS } from '../domain/policy';
import { expectVersion } from '../domain/reservation';
import type { ExpertRecord } from '../models/Expert';
import { expectOwnJurisdiction, ownLocalId } from '../routing';
import { creationStamp } from './creationStamp';
import { insertRecord, updateRecord } from '../models/registryRecords';

/** The jurisdiction's expert pool (应急专家). */

export async function createExpert(ctx: RegistryContext, jurisdiction: string, input: unknown): Promise<ExpertRecord> {
  expectOwnJurisdiction(ctx, jurisdiction);
  authorizeWrite(ctx.principal, jurisdiction, WRITERS.resources, 'register experts');
  const v = parseInput(ExpertInputModel, input, 'input');
  return insertRecord(ctx.store, 'experts', { ...v, available: v.available ?? true, ...creationStamp(ctx) });
}

export async function setExpertAvailability(
  ctx: RegistryContext,
  id: string,
  available: boolean,
  expectedVersion: number,
): Promise<ExpertRecord> {
  const localId = ownLocalId(ctx, id, 'Expert');
  authorizeWrite(ctx.principal, ctx.node.jurisdiction.code, WRITERS.resourceStatus, 'change expert availability');
  return updateRecord(ctx.store, 'experts', localId, (current) => {
    expectVersion(current.version, expectedVersion);
    return current.available === available ? { kind: 'noop' } : { kind: 'set', set: { available } };
  });
}

import type { RegistryContext } from '../context';
import { DEFAULT_RECALL_MINUTES } from '../domain/duty';
import { DutyShiftInputModel, parseInput } from '../domain/inputs';
import { authorizeWrite, WRITERS } from '../domain/policy';
import type { DutyShiftRecord } from '../models/DutyShift';
import type { DutyRegime } from '../models/Profile';
import { insertRecord, saveDutyRegime, storedDutyRegime } from '../models/registryRecords';
import { expectOwnJurisdiction } from '../routing';
import { creationStamp } from './creationStamp';

/** The duty roster (值班表) and the jurisdiction's duty regime (常态 / 三三制). */

export async function scheduleDuty(
  ctx: RegistryContext,
  jurisdiction: string,
  input: unknown,
): Promise<DutyShiftRecord> {
  expectOwnJurisdiction(ctx, jurisdiction);
  authorizeWrite(ctx.principal, jurisdiction, WRITERS.duty, 'schedule duty');
  const v = parseInput(DutyShiftInputModel, input, 'input');
  return insertRecord(ctx.store, 'dutyShifts', {
    ...v,
    recallMinutes: v.recallMinutes ?? DEFAULT_RECALL_MINUTES[v.posture],
    ...creationStamp(ctx),
  });
}

/** @returns the regime in force: NORMAL until someone switches it. */
export async function dutyRegimeOf(ctx: RegistryContext): Promise<DutyRegime> {
  return (await storedDutyRegime(ctx.store, ctx.node.jurisdiction.code)) ?? 'NORMAL';
}

export async function setDutyRegime(ctx: RegistryContext, jurisdiction: string, regime: DutyRegime): Promise<void> {
  expectOwnJurisdiction(ctx, jurisdiction);
  authorizeWrite(ctx.principal, jurisdiction, WRITERS.duty, 'switch the duty regime');
  await saveDutyRegime(ctx.store, jurisdiction, regime, ctx.principal.sub);
}

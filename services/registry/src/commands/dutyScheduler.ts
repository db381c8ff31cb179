import type { RegistryContext } from '../context';
import { DEFAULT_RECALL_MINUTES } from '../domain/duty';
import { DutyShiftInputModel, parseInput } from '../domain/inputs';
import { authorizeWrite, WRITERS } from '../domain/policy';
import type { DutyShiftRecord } from '../models/DutyShift';
import type { DutyRegime, ProfileRecord } from '../models/Profile';
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
  const created = await ctx.store.dutyShifts.create({
    ...v,
    recallMinutes: v.recallMinutes ?? DEFAULT_RECALL_MINUTES[v.posture],
    ...creationStamp(ctx),
  });
  return created.toObject();
}

/** @returns the regime in force: NORMAL until someone switches it. */
export async function dutyRegimeOf(ctx: RegistryContext): Promise<DutyRegime> {
  const profile = await ctx.store.profile.findById(ctx.node.jurisdiction.code).lean<ProfileRecord>().exec();
  return profile?.dutyRegime ?? 'NORMAL';
}

export async function setDutyRegime(ctx: RegistryContext, jurisdiction: string, regime: DutyRegime): Promise<void> {
  expectOwnJurisdiction(ctx, jurisdiction);
  authorizeWrite(ctx.principal, jurisdiction, WRITERS.duty, 'switch the duty regime');
  await ctx.store.profile
    .updateOne(
      { _id: jurisdiction },
      { $set: { dutyRegime: regime, updatedAt: new Date(), updatedBy: ctx.principal.sub } },
      { upsert: true },
    )
    .exec();
}

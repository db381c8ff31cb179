import { badInput } from '../../../common/src/errors';
import type { RegistryContext } from '../context';
import { compareOnDuty } from '../domain/duty';
import type { DutyShiftRecord } from '../models/DutyShift';
import { shiftsCovering, shiftsOverlapping } from '../models/registryRecords';
import { expectOwnJurisdiction, globalIdOf, isAsked } from '../routing';

const MAX_ROSTER_DAYS = 62;

/** @returns the shifts covering `at`: ON_POST first, then STANDBY, then REST. */
export async function shiftsAt(ctx: RegistryContext, at: Date): Promise<DutyShiftRecord[]> {
  const rows = await shiftsCovering(ctx.store, at);
  const code = ctx.node.jurisdiction.code;
  return rows
    .map((r) => ({
      r,
      key: { id: globalIdOf(ctx, 'DutyShift', r), jurisdiction: code, posture: r.posture, startsAt: r.startsAt },
    }))
    .sort((a, b) => compareOnDuty(a.key, b.key))
    .map((x) => x.r);
}

export async function onDuty(
  ctx: RegistryContext,
  jurisdictions: readonly string[] | null | undefined,
): Promise<DutyShiftRecord[]> {
  if (!isAsked(ctx, jurisdictions)) return [];
  return shiftsAt(ctx, new Date());
}

/** @returns shifts overlapping [from, to), by start time then id. */
export async function dutyRoster(
  ctx: RegistryContext,
  jurisdiction: string,
  from: Date,
  to: Date,
): Promise<DutyShiftRecord[]> {
  expectOwnJurisdiction(ctx, jurisdiction);
  if (!(to > from)) throw badInput('`to` must be after `from`', [{ path: 'to', message: 'before from' }]);
  if (to.getTime() - from.getTime() > MAX_ROSTER_DAYS * 86_400_000) {
    throw badInput(`A roster spans at most ${MAX_ROSTER_DAYS} days`, [{ path: 'to', message: 'range too long' }]);
  }
  const rows = await shiftsOverlapping(ctx.store, from, to);
  return rows.sort(
    (a, b) => a.startsAt.getTime() - b.startsAt.getTime() || (a._id.toHexString() < b._id.toHexString() ? -1 : 1),
  );
}

import { ERRORS } from '../../../common/src/errors';
import type { ContactResolvers, DutyShiftResolvers, JurisdictionResolvers } from '../__generated__/resolvers-types';
import { dutyRegimeOf } from '../commands/dutyScheduler';
import type { RegistryContext } from '../context';
import { maskPhone } from '../domain/phone';
import { seesPhones } from '../domain/policy';
import { shiftsAt } from '../queries/dutyFinder';
import { globalIdOf } from '../routing';

/** Resolvers for Jurisdiction, Contact and DutyShift: types every other resolver returns. */

function entry(ctx: RegistryContext, code: string) {
  const e = ctx.node.network.get(code);
  if (!e) throw ERRORS.NOT_FOUND.err(`Unknown jurisdiction ${code}`);
  return e;
}

/** Duty data lives on each jurisdiction's own node. */
function expectSelf(ctx: RegistryContext, code: string, field: string): void {
  if (code !== ctx.node.jurisdiction.code) {
    throw ERRORS.BAD_USER_INPUT.err(
      `${field} of ${code} is published by its own node: ask jurisdiction(jurisdiction: "${code}") or onDuty(jurisdictions: ["${code}"])`,
    );
  }
}

export const Jurisdiction: JurisdictionResolvers<RegistryContext> = {
  __resolveReference: (ref, ctx) => (ctx.node.network.has(ref.code) ? { code: ref.code } : null),
  name: (j, _, ctx) => entry(ctx, j.code).name,
  nameEn: (j, _, ctx) => entry(ctx, j.code).nameEn,
  level: (j, _, ctx) => entry(ctx, j.code).level,
  parent: (j, _, ctx) => {
    const parent = entry(ctx, j.code).parent;
    return parent ? { code: parent } : null;
  },
  location: (j, _, ctx) => entry(ctx, j.code).location,
  neighbors: (j, _, ctx) =>
    entry(ctx, j.code)
      .neighbors.filter((c) => ctx.node.network.has(c))
      .map((code) => ({ code })),
  dutyRegime: async (j, _, ctx) => {
    expectSelf(ctx, j.code, 'dutyRegime');
    return dutyRegimeOf(ctx);
  },
  dutyNow: async (j, _, ctx) => {
    expectSelf(ctx, j.code, 'dutyNow');
    return shiftsAt(ctx, new Date());
  },
};

export const Contact: ContactResolvers<RegistryContext> = {
  phone: (c, _, ctx) => (c.phone && !seesPhones(ctx.principal) ? maskPhone(c.phone) : (c.phone ?? null)),
};

export const DutyShift: DutyShiftResolvers<RegistryContext> = {
  id: (s, _, ctx) => globalIdOf(ctx, 'DutyShift', s),
  jurisdiction: (_s, _, ctx) => ({ code: ctx.node.jurisdiction.code }),
  phone: (s, _, ctx) => (seesPhones(ctx.principal) ? s.phone : maskPhone(s.phone)),
};

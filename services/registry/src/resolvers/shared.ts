import { ERRORS } from '../../../common/src/errors';
import { jurisdictionFacts } from '../../../common/src/jurisdictionFacts';
import type { ContactResolvers, DutyShiftResolvers, JurisdictionResolvers } from '../__generated__/resolvers-types';
import { dutyRegimeOf } from '../commands/dutyScheduler';
import type { RegistryContext } from '../context';
import { maskPhone } from '../domain/phone';
import { seesPhones } from '../domain/policy';
import { shiftsAt } from '../queries/dutyFinder';
import { globalIdOf } from '../routing';

/** Resolvers for Jurisdiction, Contact and DutyShift: types every other resolver returns. */

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
  ...jurisdictionFacts<RegistryContext>((ctx) => ctx.node.network),
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

import type { Resolvers } from '../__generated__/resolvers-types';
import { socialCapabilities, supplyCategories, supplyItems, teamTypes } from '../catalogue';
import { dutyRoster, onDuty } from '../queries/dutyFinder';
import { scheduleDuty, setDutyRegime } from '../commands/dutyScheduler';
import type { RegistryContext } from '../context';
import { expectOwnJurisdiction, globalIdOf, isAsked } from '../routing';
import { onDutySortKey } from '../domain/duty';
import { recordList } from './shardKeys';
import { Expert, expertMutations, expertQueries } from './experts';
import { DateTime } from '../../../common/src/scalars';
import { Contact, DutyShift, Jurisdiction } from './shared';
import { CapabilityAssessment, SocialForce, socialForceMutations, socialForceQueries } from './socialForces';
import { Depot, StockLine, supplyCatalogueTypes, supplyMutations, supplyQueries } from './supplies';
import { Team, teamMutations, teamQueries } from './teams';

/** Every resolver of the registry subgraph. */
export const resolvers: Resolvers<RegistryContext> = {
  DateTime,
  Query: {
    jurisdictions: (_, { jurisdictions }, ctx, info) =>
      recordList(ctx, info, isAsked(ctx, jurisdictions) ? [{ code: ctx.node.jurisdiction.code }] : [], (j) => ({
        primary: j.code,
        id: j.code,
      })),
    jurisdiction: (_, { jurisdiction }, ctx) => {
      expectOwnJurisdiction(ctx, jurisdiction);
      return { code: jurisdiction };
    },
    teamTypes: () => [...teamTypes],
    socialCapabilities: () => [...socialCapabilities],
    supplyCategories: () => [...supplyCategories],
    supplyItems: () => [...supplyItems],
    ...teamQueries,
    ...socialForceQueries,
    ...supplyQueries,
    ...expertQueries,
    onDuty: async (_, { jurisdictions }, ctx, info) =>
      recordList(ctx, info, await onDuty(ctx, jurisdictions), (s) =>
        onDutySortKey(ctx.node.jurisdiction.code, s, globalIdOf(ctx, 'DutyShift', s)),
      ),
    dutyRoster: (_, { jurisdiction, from, to }, ctx) => dutyRoster(ctx, jurisdiction, from, to),
  },
  Mutation: {
    ...teamMutations,
    ...socialForceMutations,
    ...supplyMutations,
    ...expertMutations,
    scheduleDuty: (_, { jurisdiction, input }, ctx) => scheduleDuty(ctx, jurisdiction, input),
    setDutyRegime: async (_, { jurisdiction, regime }, ctx) => {
      await setDutyRegime(ctx, jurisdiction, regime);
      return { code: jurisdiction };
    },
  },
  Jurisdiction,
  Contact,
  DutyShift,
  Team,
  SocialForce,
  CapabilityAssessment,
  Depot,
  StockLine,
  Expert,
  ...supplyCatalogueTypes,
};

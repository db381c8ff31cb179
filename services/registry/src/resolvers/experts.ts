import type { ExpertResolvers, MutationResolvers, QueryResolvers } from '../__generated__/resolvers-types';
import { createExpert, setExpertAvailability } from '../commands/expertWriter';
import type { RegistryContext } from '../context';
import { findExperts } from '../queries/expertFinder';
import { globalIdOf, ownLocalId } from '../routing';
import { recordList } from './shardKeys';

export const expertQueries: Pick<QueryResolvers<RegistryContext>, 'experts' | 'expert'> = {
  experts: async (_, { filter, jurisdictions }, ctx, info) =>
    recordList(ctx, info, await findExperts(ctx, filter, jurisdictions), (e) => ({
      primary: e.name,
      id: globalIdOf(ctx, 'Expert', e),
    })),
  expert: (_, { id }, ctx) => ctx.loaders.expert.load(ownLocalId(ctx, id, 'Expert')),
};

export const expertMutations: Pick<MutationResolvers<RegistryContext>, 'createExpert' | 'setExpertAvailability'> = {
  createExpert: (_, { jurisdiction, input }, ctx) => createExpert(ctx, jurisdiction, input),
  setExpertAvailability: (_, { id, available, expectedVersion }, ctx) =>
    setExpertAvailability(ctx, id, available, expectedVersion),
};

export const Expert: ExpertResolvers<RegistryContext> = {
  __resolveReference: async (ref, ctx) => ctx.loaders.expert.load(ownLocalId(ctx, ref.id, 'Expert')),
  id: (e, _, ctx) => globalIdOf(ctx, 'Expert', e),
  jurisdiction: (_e, _, ctx) => ({ code: ctx.node.jurisdiction.code }),
};

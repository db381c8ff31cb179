import type {
  CapabilityAssessmentResolvers,
  MutationResolvers,
  QueryResolvers,
  SocialForceResolvers,
} from '../__generated__/resolvers-types';
import { socialCapabilityByCode } from '../catalogue';
import { holdSocialForce } from '../commands/resourceHolder';
import {
  registerSocialForce,
  reviewSocialForce,
  setSocialForceStatus,
  updateSocialForce,
} from '../commands/socialForceRegistrar';
import type { RegistryContext } from '../context';
import { canSeeSocialForce, findSocialForces } from '../queries/socialForceFinder';
import { globalIdOf, ownLocalId } from '../routing';
import { withDefaultFirst } from './pageSize';
import { recordConnection } from './shardKeys';

async function visibleForce(ctx: RegistryContext, id: string) {
  const force = await ctx.loaders.socialForce.load(ownLocalId(ctx, id, 'SocialForce'));
  return force && canSeeSocialForce(ctx, force) ? force : null;
}

export const socialForceQueries: Pick<QueryResolvers<RegistryContext>, 'socialForces' | 'socialForce'> = {
  socialForces: async (_, args, ctx, info) =>
    recordConnection(ctx, info, await findSocialForces(ctx, withDefaultFirst(args, info))),
  socialForce: (_, { id }, ctx) => visibleForce(ctx, id),
};

export const socialForceMutations: Pick<
  MutationResolvers<RegistryContext>,
  | 'registerSocialForce'
  | 'updateSocialForce'
  | 'reviewSocialForce'
  | 'setSocialForceStatus'
  | 'reserveSocialForce'
  | 'deploySocialForce'
  | 'releaseSocialForce'
> = {
  registerSocialForce: (_, { jurisdiction, input }, ctx) => registerSocialForce(ctx, jurisdiction, input),
  updateSocialForce: (_, { id, input, expectedVersion }, ctx) => updateSocialForce(ctx, id, input, expectedVersion),
  reviewSocialForce: (_, { id, decision, note, grades }, ctx) => reviewSocialForce(ctx, id, decision, note, grades),
  setSocialForceStatus: (_, { id, status, expectedVersion }, ctx) =>
    setSocialForceStatus(ctx, id, status, expectedVersion),
  reserveSocialForce: (_, { id, requestId, exercise }, ctx) =>
    holdSocialForce(ctx, id, requestId, 'reserve', exercise ?? false),
  deploySocialForce: (_, { id, requestId }, ctx) => holdSocialForce(ctx, id, requestId, 'deploy'),
  releaseSocialForce: (_, { id, requestId }, ctx) => holdSocialForce(ctx, id, requestId, 'release'),
};

export const SocialForce: SocialForceResolvers<RegistryContext> = {
  __resolveReference: (ref, ctx) => visibleForce(ctx, ref.id),
  id: (s, _, ctx) => globalIdOf(ctx, 'SocialForce', s),
  jurisdiction: (_s, _, ctx) => ({ code: ctx.node.jurisdiction.code }),
  reservedFor: (s) => s.reservation?.requestId ?? null,
};

export const CapabilityAssessment: CapabilityAssessmentResolvers<RegistryContext> = {
  capability: (c) =>
    socialCapabilityByCode.get(c.capability) ?? { code: c.capability, nameZh: c.capability, nameEn: c.capability },
};

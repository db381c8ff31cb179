import type { MutationResolvers, QueryResolvers, TeamResolvers } from '../__generated__/resolvers-types';
import { teamTypeByCode } from '../catalogue';
import { holdTeam } from '../commands/resourceHolder';
import { createTeam, setTeamStatus, updateTeam } from '../commands/teamWriter';
import type { RegistryContext } from '../context';
import { findTeams } from '../queries/teamFinder';
import { globalIdOf, ownLocalId } from '../routing';
import { withDefaultFirst } from './pageSize';
import { recordConnection } from './shardKeys';

export const teamQueries: Pick<QueryResolvers<RegistryContext>, 'teams' | 'team'> = {
  teams: async (_, args, ctx, info) => recordConnection(ctx, info, await findTeams(ctx, withDefaultFirst(args, info))),
  team: (_, { id }, ctx) => ctx.loaders.team.load(ownLocalId(ctx, id, 'Team')),
};

export const teamMutations: Pick<
  MutationResolvers<RegistryContext>,
  'createTeam' | 'updateTeam' | 'setTeamStatus' | 'reserveTeam' | 'deployTeam' | 'releaseTeam'
> = {
  createTeam: (_, { jurisdiction, input }, ctx) => createTeam(ctx, jurisdiction, input),
  updateTeam: (_, { id, input, expectedVersion }, ctx) => updateTeam(ctx, id, input, expectedVersion),
  setTeamStatus: (_, { id, status, expectedVersion }, ctx) => setTeamStatus(ctx, id, status, expectedVersion),
  reserveTeam: (_, { id, requestId, exercise }, ctx) => holdTeam(ctx, id, requestId, 'reserve', exercise ?? false),
  deployTeam: (_, { id, requestId }, ctx) => holdTeam(ctx, id, requestId, 'deploy'),
  releaseTeam: (_, { id, requestId }, ctx) => holdTeam(ctx, id, requestId, 'release'),
};

export const Team: TeamResolvers<RegistryContext> = {
  // async: a bad id rejects only its own entity, not the node's whole _entities batch.
  __resolveReference: async (ref, ctx) => ctx.loaders.team.load(ownLocalId(ctx, ref.id, 'Team')),
  id: (t, _, ctx) => globalIdOf(ctx, 'Team', t),
  jurisdiction: (_t, _, ctx) => ({ code: ctx.node.jurisdiction.code }),
  type: (t) => teamTypeByCode.get(t.type) ?? { code: t.type, nameZh: t.type, nameEn: t.type },
  reservedFor: (t) => t.reservation?.requestId ?? null,
};

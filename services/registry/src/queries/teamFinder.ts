import type { RegistryContext } from '../context';
import { parseInput, TeamFilterModel } from '../domain/inputs';
import {
  emptyResult,
  searchResources,
  validateSearchArgs,
  type ResourceOrder,
  type SearchResult,
} from '../domain/resourceSearch';
import type { ResourceStatus } from '../models/fragments';
import type { TeamKind, TeamRecord } from '../models/Team';
import { globalIdOf, isAsked } from '../routing';

export interface TeamFilterArgs {
  types?: readonly string[] | null;
  kinds?: readonly TeamKind[] | null;
  statuses?: readonly ResourceStatus[] | null;
  maxTier?: number | null;
  minHeadcount?: number | null;
  near?: { lat: number; lng: number } | null;
  withinKm?: number | null;
}

export interface TeamSearchArgs {
  filter?: TeamFilterArgs | null;
  orderBy?: ResourceOrder | null;
  /** With the SDL default filled in (resolvers/pageSize.ts). */
  first: number;
  after?: string | null;
  jurisdictions?: readonly string[] | null;
}

/** @returns true when a team passes the filter's plain conditions (all but distance). */
export function matchesTeamFilter(t: TeamRecord, f: TeamFilterArgs): boolean {
  return (
    (!f.types || f.types.includes(t.type)) &&
    (!f.kinds || f.kinds.includes(t.kind)) &&
    (!f.statuses || f.statuses.includes(t.status)) &&
    (f.maxTier == null || t.tier <= f.maxTier) &&
    (f.minHeadcount == null || t.headcount >= f.minHeadcount)
  );
}

/**
 * The node's part of `teams`, over the node's in-memory copy of its teams: the plain filters, then
 * distance, radius, order and the keyset page (distance is computed in code: FerretDB has no geo).
 */
export async function findTeams(ctx: RegistryContext, args: TeamSearchArgs): Promise<SearchResult<TeamRecord>> {
  const f = args.filter ?? {};
  parseInput(TeamFilterModel, f, 'filter');
  const search = { orderBy: args.orderBy, near: f.near, withinKm: f.withinKm, first: args.first, after: args.after };
  validateSearchArgs(search);
  if (!isAsked(ctx, args.jurisdictions)) return emptyResult();

  const rows = (await ctx.store.snapshots.teams.rows()).filter((t) => matchesTeamFilter(t, f));
  return searchResources(
    rows,
    (t) => ({
      id: globalIdOf(ctx, 'Team', t),
      name: t.name,
      updatedAt: t.updatedAt,
      base: t.base,
      leadMinutes: t.readinessMinutes,
    }),
    search,
    ctx.node.travel,
  );
}

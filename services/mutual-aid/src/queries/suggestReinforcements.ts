import { travelMinutes, type TravelModel } from '../../../common/src/geo';
import { parseInput, PointModel } from '../../../common/src/inputs';
import type { NetworkDirectory } from '../../../common/src/network';
import { jurisdictionListModel, SuggestionCountModel, SuggestionNeedsModel } from '../domain/inputs';
import {
  SocialForceCandidatesDocument,
  SupplyCandidatesDocument,
  TeamCandidatesDocument,
  type SocialForceCandidatesQuery,
  type TeamCandidatesQuery,
} from '../__generated__/gateway-operations';
import type { Point, ResourceKind } from '../domain/records';
import type { RegistryRead } from './registryThroughGateway';

/**
 * Candidates across the network for each need, asked of the registry through the gateway (the
 * sharded, merged view with the caller's own token) and ranked by ETA, then tier.
 */
export interface SuggestionNeed {
  needId?: string | null;
  teamType?: string | null;
  supplyItem?: string | null;
  socialCapability?: string | null;
  quantity?: number | null;
  maxTier?: number | null;
}

export interface Candidate {
  needId: string | null;
  kind: ResourceKind;
  resourceId: string;
  name: string;
  jurisdiction: string;
  etaMinutes: number | null;
  distanceKm: number | null;
  tier: number | null;
  available: number;
}

export interface Suggestion {
  needId: string | null;
  candidates: Candidate[];
}

export interface SuggestArgs {
  needs: SuggestionNeed[];
  near: Point;
  jurisdictions?: string[] | null;
  first?: number | null;
}

/** One page of an ETA-ordered candidate list; teams and social forces answer alike (`list`). */
type EtaPage = (TeamCandidatesQuery | SocialForceCandidatesQuery)['list'];
type Edge = EtaPage['edges'][number];

export interface SuggestDeps {
  /** The registry, read through the gateway (see registryThroughGateway). */
  read: RegistryRead;
  directory: NetworkDirectory;
  travel: TravelModel;
}

/**
 * @returns per need, the candidates ranked by ETA then tier. Jurisdictions that did not answer are
 * missing from them and recorded in the read's coverage (the caller is told, never silently).
 * @throws BAD_USER_INPUT naming the argument for unknown codes, impossible points or counts.
 */
export async function suggestReinforcements(deps: SuggestDeps, rawArgs: SuggestArgs): Promise<Suggestion[]> {
  const args = {
    needs: parseInput(SuggestionNeedsModel, rawArgs.needs, 'needs'),
    near: parseInput(PointModel, rawArgs.near, 'near'),
    jurisdictions: parseInput(jurisdictionListModel(deps.directory), rawArgs.jurisdictions, 'jurisdictions') ?? null,
  };
  const first = parseInput(SuggestionCountModel, rawArgs.first ?? 10, 'first');
  const { travel } = deps;
  // Sent with every candidate query (suggestReinforcements.graphql), after its own variables.
  const shared = { near: args.near, jurisdictions: args.jurisdictions, first };
  return Promise.all(
    args.needs.map(async (need): Promise<Suggestion> => {
      const needId = need.needId ?? null;
      let candidates: Candidate[];
      if (need.teamType) {
        const t = need.teamType;
        const tier = need.maxTier ?? null;
        const edges = await etaPages(
          async (after) => (await deps.read(TeamCandidatesDocument, { t, tier, after, ...shared })).list,
          first,
        );
        candidates = edges.map((e) => fromEdge(needId, 'TEAM', e));
      } else if (need.socialCapability) {
        const c = need.socialCapability;
        const edges = await etaPages(
          async (after) => (await deps.read(SocialForceCandidatesDocument, { c, after, ...shared })).list,
          first,
        );
        candidates = edges.map((e) => fromEdge(needId, 'SOCIAL_FORCE', e));
      } else {
        // The input model admits exactly one of teamType, socialCapability and supplyItem.
        const data = await deps.read(SupplyCandidatesDocument, { i: need.supplyItem!, ...shared });
        candidates = data.supplies
          .filter((s) => s.mode === 'PHYSICAL')
          .map((s) => ({
            needId,
            kind: 'SUPPLY' as const,
            resourceId: s.id,
            name: `${s.depot.name} · ${s.item.nameZh}`,
            jurisdiction: s.depot.jurisdiction.code,
            etaMinutes: s.distanceKm == null ? null : Math.round(travelMinutes(s.distanceKm, travel)),
            distanceKm: s.distanceKm,
            tier: null,
            available: s.available,
          }));
      }
      return { needId, candidates: rank(candidates).slice(0, first) };
    }),
  );
}

/**
 * The first `first` by ETA from the registry, plus every further row tied with the last ETA: the
 * registry breaks ETA ties by id, and the tier decides among them here (a better tier must not
 * fall off at the cut).
 */
async function etaPages(pageAfter: (after: string | null) => Promise<EtaPage>, first: number): Promise<Edge[]> {
  let page = await pageAfter(null);
  const edges: Edge[] = [...page.edges];
  const cutEta = edges[first - 1]?.etaMinutes;
  while (cutEta !== undefined && page.pageInfo.hasNextPage && edges.at(-1)?.etaMinutes === cutEta) {
    page = await pageAfter(page.pageInfo.endCursor);
    edges.push(...page.edges);
  }
  return edges;
}

/** ETA first, then tier (1 best), then id for a stable order. */
export function rank(candidates: readonly Candidate[]): Candidate[] {
  const big = Number.MAX_SAFE_INTEGER;
  return [...candidates].sort(
    (a, b) =>
      (a.etaMinutes ?? big) - (b.etaMinutes ?? big) ||
      (a.tier ?? big) - (b.tier ?? big) ||
      (a.resourceId < b.resourceId ? -1 : 1),
  );
}

function fromEdge(needId: string | null, kind: ResourceKind, e: Edge): Candidate {
  return {
    needId,
    kind,
    resourceId: e.node.id,
    name: e.node.name,
    jurisdiction: e.node.jurisdiction.code,
    etaMinutes: e.etaMinutes,
    distanceKm: e.distanceKm,
    tier: 'tier' in e.node ? e.node.tier : null,
    available: 1,
  };
}

import type { RegistryContext } from '../context';
import { parseInput, SocialForceFilterModel } from '../domain/inputs';
import { ownsSocialForce, seesUnverifiedSocialForces } from '../domain/policy';
import {
  emptyResult,
  searchResources,
  validateSearchArgs,
  type ResourceOrder,
  type SearchResult,
} from '../domain/resourceSearch';
import type { ResourceStatus } from '../models/fragments';
import type { CapabilityGrade, CapabilityRecord, SocialForceRecord, VerificationStatus } from '../models/SocialForce';
import { globalIdOf, isAsked } from '../routing';

export interface SocialForceSearchArgs {
  filter?: {
    capabilities?: readonly string[] | null;
    minGrade?: CapabilityGrade | null;
    verifications?: readonly VerificationStatus[] | null;
    statuses?: readonly ResourceStatus[] | null;
    near?: { lat: number; lng: number } | null;
    withinKm?: number | null;
  } | null;
  orderBy?: ResourceOrder | null;
  /** With the SDL default filled in (resolvers/pageSize.ts). */
  first: number;
  after?: string | null;
  jurisdictions?: readonly string[] | null;
}

const GRADE_RANK: Record<CapabilityGrade, number> = { GRADE_1: 1, GRADE_2: 2, GRADE_3: 3, UNGRADED: 4 };

/** @returns the grade in force at `now`: an assessment past its validUntil counts as UNGRADED. */
export function gradeInForce(c: CapabilityRecord, now: Date): CapabilityGrade {
  return c.validUntil && c.validUntil < now ? 'UNGRADED' : c.grade;
}

/** @returns true when the force offers any wanted capability at `minGrade` or better. */
export function matchesCapabilities(
  force: SocialForceRecord,
  wanted: readonly string[] | null | undefined,
  minGrade: CapabilityGrade | null | undefined,
  now: Date,
): boolean {
  if (!wanted && !minGrade) return true;
  const limit = GRADE_RANK[minGrade ?? 'UNGRADED'];
  return force.capabilities.some(
    (c) => (!wanted || wanted.includes(c.capability)) && GRADE_RANK[gradeInForce(c, now)] <= limit,
  );
}

/**
 * The node's part of `socialForces`. Outsiders see VERIFIED forces only; a group also sees its own.
 */
export async function findSocialForces(
  ctx: RegistryContext,
  args: SocialForceSearchArgs,
): Promise<SearchResult<SocialForceRecord>> {
  const f = args.filter ?? {};
  parseInput(SocialForceFilterModel, f, 'filter');
  const search = { orderBy: args.orderBy, near: f.near, withinKm: f.withinKm, first: args.first, after: args.after };
  validateSearchArgs(search);
  if (!isAsked(ctx, args.jurisdictions)) return emptyResult();

  const rows = (await ctx.store.snapshots.socialForces.rows()).filter(
    (s) =>
      (!f.verifications || f.verifications.includes(s.verification)) && (!f.statuses || f.statuses.includes(s.status)),
  );
  const seesAll = seesUnverifiedSocialForces(ctx.principal, ctx.node.jurisdiction.code, ctx.node.network);
  const now = new Date();
  const visible = rows.filter(
    (s) =>
      (seesAll || s.verification === 'VERIFIED' || ownsSocialForce(ctx.principal, s.owner)) &&
      matchesCapabilities(s, f.capabilities, f.minGrade, now),
  );
  return searchResources(
    visible,
    (s) => ({
      id: globalIdOf(ctx, 'SocialForce', s),
      name: s.name,
      updatedAt: s.updatedAt,
      base: s.base,
      leadMinutes: s.assemblyMinutes,
    }),
    search,
    ctx.node.travel,
  );
}

/** @returns whether the caller may see this force at all. */
export function canSeeSocialForce(ctx: RegistryContext, s: SocialForceRecord): boolean {
  return (
    s.verification === 'VERIFIED' ||
    ownsSocialForce(ctx.principal, s.owner) ||
    seesUnverifiedSocialForces(ctx.principal, ctx.node.jurisdiction.code, ctx.node.network)
  );
}

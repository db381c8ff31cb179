import type { RegistryContext } from '../context';
import { ExpertFilterModel, parseInput } from '../domain/inputs';
import type { ExpertRecord } from '../models/Expert';
import { findExpertsMatching } from '../models/registryRecords';
import { globalIdOf, isAsked } from '../routing';

/** @returns experts matching any of the specialties, by name then id. */
export async function findExperts(
  ctx: RegistryContext,
  filter: { specialties?: readonly string[] | null; availableOnly?: boolean | null } | null | undefined,
  jurisdictions: readonly string[] | null | undefined,
): Promise<ExpertRecord[]> {
  const { specialties } = parseInput(ExpertFilterModel, filter ?? {}, 'filter');
  if (!isAsked(ctx, jurisdictions)) return [];
  // The trimmed specialties, as they were stored.
  const rows = await findExpertsMatching(ctx.store, { specialties, availableOnly: filter?.availableOnly });
  const keyed = rows.map((r) => ({ r, id: globalIdOf(ctx, 'Expert', r) }));
  keyed.sort((a, b) => (a.r.name < b.r.name ? -1 : a.r.name > b.r.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return keyed.map((k) => k.r);
}

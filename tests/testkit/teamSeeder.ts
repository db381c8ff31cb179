import type { TeamKind, TeamRecord } from '../../services/registry/src/models/Team';
import type { ResourceStatus } from '../../services/registry/src/models/fragments';
import type { RegistryNode } from '../../services/registry/src/registryNode';
import { teamTypes } from '../../services/registry/src/catalogue';
import { mulberry32 } from '../../ops/seed/random';

/**
 * Fast, reproducible team data for gateway tests: a seeded random source, a `buildTeam(overrides)`
 * factory and `seedTeams`, which writes straight into a node's own database (no GraphQL round
 * trips) and returns the global ids the node will report.
 */

/** A small deterministic random source (mulberry32), so a failing combination can be replayed. */
export interface Rng {
  /** @returns a float in [0, 1). */
  next(): number;
  /** @returns an integer in [lo, hi] (both inclusive). */
  int(lo: number, hi: number): number;
  /** @returns one element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** @returns true with probability `p`. */
  chance(p: number): boolean;
  /** @returns a random subset of `items` (possibly empty), keeping their order. */
  subset<T>(items: readonly T[], p?: number): T[];
}

/** @returns a deterministic random source for `seed`. */
export function seededRandom(seed: number): Rng {
  const next = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  return {
    next,
    int,
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T,
    chance: (p: number) => next() < p,
    subset: <T>(items: readonly T[], p = 0.5) => items.filter(() => next() < p),
  };
}

export type TeamSeed = Omit<TeamRecord, '_id'>;

export const TEAM_KINDS: readonly TeamKind[] = ['SPECIALIST', 'TOWNSHIP_COMPREHENSIVE', 'ENTERPRISE'];
export const TEAM_STATUSES: readonly ResourceStatus[] = [
  'AVAILABLE',
  'STANDBY',
  'RESERVED',
  'DEPLOYED',
  'OUT_OF_SERVICE',
];
/** The first few catalogue codes: few enough that type filters match many rows. */
export const SEED_TEAM_TYPES: readonly string[] = teamTypes.slice(0, 6).map((t) => t.code);

/** @returns a valid team record; every field can be overridden. */
export function buildTeam(overrides: Partial<TeamSeed> = {}): TeamSeed {
  const updatedAt = overrides.updatedAt ?? new Date('2025-06-01T08:00:00.000Z');
  const status = overrides.status ?? 'AVAILABLE';
  const held = status === 'RESERVED' || status === 'DEPLOYED';
  return {
    name: '武进区防汛抢险队',
    type: SEED_TEAM_TYPES[0] as string,
    kind: 'SPECIALIST',
    tier: 2,
    headcount: 20,
    equipment: [{ name: '冲锋舟', quantity: 2 }],
    base: { lat: 31.715, lng: 119.943 },
    readinessMinutes: 15,
    contact: { name: '王队长', role: '队长', phone: '13800001234' },
    status,
    reservation: held ? { requestId: 'seed-request', exercise: false, at: updatedAt } : null,
    released: [],
    version: 1,
    createdAt: new Date(updatedAt.getTime() - 86_400_000),
    updatedAt,
    createdBy: 'seeder@test',
    ...overrides,
  };
}

/**
 * Inserts the teams into the node's database.
 * @returns their global ids (`<jurisdiction>:Team:<localId>`), in the order given.
 */
export async function seedTeams(node: RegistryNode, teams: readonly TeamSeed[]): Promise<string[]> {
  if (teams.length === 0) return [];
  const docs = await node.store.teams.insertMany(teams);
  return docs.map((d) => `${node.jurisdiction}:Team:${d._id.toHexString()}`);
}

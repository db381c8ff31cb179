import { socialCapabilities, supplyItems } from '../../services/registry/src/catalogue';
import type { RegistryNode } from '../../services/registry/src/registryNode';
import { buildTeam, SEED_TEAM_TYPES, seedTeams, TEAM_KINDS, TEAM_STATUSES, type Rng } from './teamSeeder';

/**
 * Every kind of registry record for one node, written straight into its database from a seeded
 * random source: teams, social forces, depots with stock, experts and duty shifts (some covering
 * now, some inside ROSTER_WINDOW). @returns the global ids the node will report, by type.
 */
export interface SeededIds {
  teams: string[];
  socialForces: string[];
  depots: string[];
  experts: string[];
}

const T0 = new Date('2025-05-01T00:00:00.000Z');
/** A window the seeded roster shifts fall into (and some straddle), for dutyRoster(from, to). */
export const ROSTER_WINDOW = { from: '2025-06-01T00:00:00.000Z', to: '2025-06-08T00:00:00.000Z' };
export const SEED_CAPABILITIES = socialCapabilities.slice(0, 5).map((c) => c.code);
export const SEED_ITEMS = supplyItems.slice(0, 8).map((i) => i.code);
export const SEED_SPECIALTIES = ['hydrology', 'chemistry', 'structures'];
const POINTS = [
  { lat: 31.715, lng: 119.943 },
  { lat: 31.73, lng: 119.59 },
  { lat: 31.778, lng: 119.925 },
  { lat: 31.65, lng: 119.945 },
];

const audit = { version: 1, createdAt: T0, updatedAt: T0, createdBy: 'seeder@test' };

function some<T>(rng: Rng, items: readonly T[], p = 0.4): T[] {
  const s = rng.subset(items, p);
  return s.length > 0 ? s : [rng.pick(items)];
}

export async function seedRegistryData(node: RegistryNode, rng: Rng): Promise<SeededIds> {
  const code = node.jurisdiction;
  const id = (type: string, d: { _id: { toHexString(): string } }) => `${code}:${type}:${d._id.toHexString()}`;
  const teams = await seedTeams(
    node,
    Array.from({ length: rng.int(8, 20) }, (_, i) =>
      buildTeam({
        name: `${rng.pick(['防汛抢险队', '综合应急救援队', 'Alpha'])} ${i % 4}`,
        type: rng.pick(SEED_TEAM_TYPES),
        kind: rng.pick(TEAM_KINDS),
        tier: rng.int(1, 4),
        headcount: rng.int(5, 80),
        base: { ...rng.pick(POINTS) },
        readinessMinutes: rng.pick([5, 10, 20]),
        status: rng.pick(TEAM_STATUSES),
        updatedAt: new Date(T0.getTime() + rng.int(0, 30) * 3_600_000),
      }),
    ),
  );
  const forces = await node.store.socialForces.insertMany(
    Array.from({ length: rng.int(3, 8) }, (_, i) => ({
      name: `${rng.pick(['蓝天救援队', '志愿者协会', 'Bravo'])} ${i}`,
      creditCode: `91320412MA${code.length}${String(rng.int(0, 9_999_999)).padStart(7, '0')}`,
      capabilities: some(rng, SEED_CAPABILITIES).map((capability) => ({
        capability,
        grade: rng.pick(['GRADE_1', 'GRADE_2', 'GRADE_3', 'UNGRADED'] as const),
        assessedAt: null,
        validUntil: null,
      })),
      members: rng.int(5, 60),
      equipment: [],
      base: { ...rng.pick(POINTS) },
      range: 'CITY' as const,
      assemblyMinutes: rng.pick([10, 30]),
      contact: { name: '联络员', phone: '13900001111' },
      verification: rng.pick(['VERIFIED', 'VERIFIED', 'PENDING'] as const),
      status: rng.pick(['AVAILABLE', 'STANDBY', 'OUT_OF_SERVICE'] as const),
      reservation: null,
      released: [],
      owner: { sub: 'social@test', org: 'seed-org' },
      ...audit,
    })),
  );
  const depots = await node.store.depots.insertMany(
    Array.from({ length: rng.int(1, 3) }, (_, i) => ({
      name: `物资储备库 ${i}`,
      location: { ...rng.pick(POINTS) },
      contact: { name: '库管员' },
      ...audit,
    })),
  );
  await node.store.stockLines.insertMany(
    depots.flatMap((d) =>
      some(rng, SEED_ITEMS).map((item) => {
        const quantity = rng.int(0, 300);
        const reserved = rng.int(0, Math.floor(quantity / 3));
        return {
          depotId: d._id,
          item,
          mode: rng.pick(['PHYSICAL', 'AGREEMENT'] as const),
          quantity,
          reserved,
          available: quantity - reserved,
          reservations: [],
          released: [],
          ...audit,
        };
      }),
    ),
  );
  const experts = await node.store.experts.insertMany(
    Array.from({ length: rng.int(1, 4) }, () => ({
      name: rng.pick(['张工', '李教授', 'Dr. Wang']),
      specialties: some(rng, SEED_SPECIALTIES, 0.5),
      contact: { name: 'expert' },
      available: rng.chance(0.7),
      ...audit,
    })),
  );
  const now = Date.now();
  const windowStart = Date.parse(ROSTER_WINDOW.from);
  await node.store.dutyShifts.insertMany(
    Array.from({ length: rng.int(2, 6) }, (_, i) => {
      // Half cover now (onDuty), half fall into or straddle the roster window.
      const startsAt = i % 2 === 0 ? now - rng.int(1, 6) * 3_600_000 : windowStart + rng.int(-1, 7 * 24) * 3_600_000;
      return {
        startsAt: new Date(startsAt),
        endsAt: new Date(startsAt + rng.pick([8, 12, 24]) * 3_600_000 + (i % 2 === 0 ? 12 * 3_600_000 : 0)),
        posture: rng.pick(['ON_POST', 'STANDBY', 'REST'] as const),
        recallMinutes: rng.pick([0, 30, 120]),
        leader: '带班领导',
        officer: `值班员${i}`,
        phone: '13700001234',
        ...audit,
      };
    }),
  );
  return {
    teams,
    socialForces: forces.map((d) => id('SocialForce', d)),
    depots: depots.map((d) => id('Depot', d)),
    experts: experts.map((d) => id('Expert', d)),
  };
}

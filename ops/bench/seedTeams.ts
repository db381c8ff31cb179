import mongoose from 'mongoose';
import type { JurisdictionEntry } from '../../services/common/src/network';
import { teamTypes } from '../../services/registry/src/catalogue';
import type { ResourceStatus } from '../../services/registry/src/models/fragments';
import { databaseNameFor } from '../../services/registry/src/models/store';
import { teamModel, type TeamKind, type TeamRecord } from '../../services/registry/src/models/Team';
import { mulberry32 } from '../seed/random';

/**
 * Bench data: `perNode` teams per jurisdiction, written straight into each node's own database
 * (`aidnet_<code>`) through the registry's own Mongoose model, deterministic for a given seed.
 * Bases lie within about 4 km of the jurisdiction's centre, so an ETA order mixes nodes.
 */
const KINDS: readonly TeamKind[] = ['SPECIALIST', 'TOWNSHIP_COMPREHENSIVE', 'ENTERPRISE'];
const EQUIPMENT = [
  '对讲机',
  '冲锋舟/橡皮艇',
  '排涝泵(柴油机泵/潜水泵)',
  '移动照明灯/照明车',
  '破拆工具组',
  '急救箱/担架',
  '运输车/皮卡',
];

export function benchTeams(entry: JurisdictionEntry, count: number, seed: number): Omit<TeamRecord, '_id'>[] {
  const rnd = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)] as T;
  const teams: Omit<TeamRecord, '_id'>[] = [];
  for (let i = 0; i < count; i++) {
    const type = pick(teamTypes);
    const r = rnd();
    const status: ResourceStatus = r < 0.7 ? 'AVAILABLE' : r < 0.9 ? 'STANDBY' : 'OUT_OF_SERVICE';
    const updatedAt = new Date(Date.UTC(2025, 5, 1) + int(0, 86_400) * 1000);
    teams.push({
      name: `${entry.name}${type.nameZh}${i + 1}分队`,
      type: type.code,
      kind: pick(KINDS),
      tier: int(1, 4),
      headcount: int(8, 80),
      equipment: Array.from({ length: int(1, 3) }, () => ({ name: pick(EQUIPMENT), quantity: int(1, 40) })),
      base: { lat: entry.location.lat + (rnd() - 0.5) * 0.07, lng: entry.location.lng + (rnd() - 0.5) * 0.08 },
      readinessMinutes: int(5, 30),
      contact: { name: `队长${i + 1}`, role: '队长', phone: `138${String(int(0, 99_999_999)).padStart(8, '0')}` },
      status,
      reservation: null,
      released: [],
      version: 1,
      createdAt: new Date(updatedAt.getTime() - 86_400_000),
      updatedAt,
      createdBy: 'bench@aidnet',
    });
  }
  return teams;
}

/** @returns the number of teams written. */
export async function seedTeams(
  mongoUrl: string,
  entries: readonly JurisdictionEntry[],
  perNode: number,
): Promise<number> {
  const conn = mongoose.createConnection(mongoUrl, {
    autoIndex: false,
    autoCreate: false,
    serverSelectionTimeoutMS: 5000,
  });
  try {
    await conn.asPromise();
    let written = 0;
    for (const [i, entry] of entries.entries()) {
      const db = conn.useDb(databaseNameFor(entry.code), { useCache: true });
      const inserted = await teamModel(db).insertMany(benchTeams(entry, perNode, 1000 + i));
      written += inserted.length;
    }
    return written;
  } finally {
    await conn.close();
  }
}

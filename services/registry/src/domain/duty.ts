import type { SortKey } from '../../../common/src/keyset';
import type { DutyPosture } from '../models/DutyShift';

/** On post first, then standby, then rest: who answers now comes first (TAXONOMY-SOURCES §5). */
export const POSTURE_RANK: Record<DutyPosture, number> = { ON_POST: 0, STANDBY: 1, REST: 2 };

/** Default recall minutes when a shift does not give them (configurable per deployment later). */
export const DEFAULT_RECALL_MINUTES: Record<DutyPosture, number> = { ON_POST: 0, STANDBY: 30, REST: 120 };

interface ShiftLike {
  id: string;
  jurisdiction: string;
  posture: DutyPosture;
  startsAt: Date;
}

/** Order of `onDuty`: jurisdiction code, then posture, then start, then id. */
export function compareOnDuty(a: ShiftLike, b: ShiftLike): number {
  return (
    cmp(a.jurisdiction, b.jurisdiction) ||
    POSTURE_RANK[a.posture] - POSTURE_RANK[b.posture] ||
    a.startsAt.getTime() - b.startsAt.getTime() ||
    cmp(a.id, b.id)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The same order as compareOnDuty, as one sort key for the gateway's merge. */
export function onDutySortKey(
  jurisdiction: string,
  shift: { posture: DutyPosture; startsAt: Date },
  id: string,
): SortKey {
  return { primary: `${jurisdiction}\u0000${POSTURE_RANK[shift.posture]}\u0000${shift.startsAt.toISOString()}`, id };
}

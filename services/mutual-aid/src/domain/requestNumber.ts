import { chinaYear } from '../../../common/src/chinaTime';

/** Request numbers count per requester and year: WJ-2026-0001 (at least four digits). */
export function formatRequestNumber(prefix: string, year: number, seq: number): string {
  return `${prefix}-${year}-${String(seq).padStart(4, '0')}`;
}

/** The counter a request number comes from: one per requester and year (China Standard Time). */
export function counterKey(requester: string, at: Date): { key: string; year: number } {
  const year = chinaYear(at);
  return { key: `${requester}/${year}`, year };
}

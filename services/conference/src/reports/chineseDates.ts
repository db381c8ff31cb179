/**
 * Dates as Chinese officials write them, always in China Standard Time (UTC+8, no daylight
 * saving since 1991), whatever the time zone of the machine that renders the report.
 */

/** China Standard Time is a fixed UTC+8. */
export const CHINA_UTC_OFFSET_MS = 8 * 3600_000;

interface ChinaParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function chinaParts(d: Date): ChinaParts {
  const ms = d instanceof Date ? d.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new RangeError('Report date is not a valid Date');
  // Shift the instant by +8h and read it back as UTC: the wall clock in Beijing.
  const shifted = new Date(ms + CHINA_UTC_OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
  };
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** 2026年11月28日 (the calendar day in China Standard Time). */
export function formatChineseDate(d: Date): string {
  const p = chinaParts(d);
  return `${p.year}年${p.month}月${p.day}日`;
}

/** 2026年11月28日 14:30 (China Standard Time, 24-hour clock). */
export function formatChineseDateTime(d: Date): string {
  const p = chinaParts(d);
  return `${p.year}年${p.month}月${p.day}日 ${pad2(p.hour)}:${pad2(p.minute)}`;
}

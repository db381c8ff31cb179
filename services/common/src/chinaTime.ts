/** Officials read times in China Standard Time (UTC+8, no daylight saving), whatever the server's zone. */
const CST_OFFSET_MS = 8 * 3600_000;

/** `2026-07-01 08:30` in China Standard Time. */
export function formatChinaTime(at: Date): string {
  return new Date(at.getTime() + CST_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** The calendar year in China Standard Time. */
export function chinaYear(at: Date): number {
  return new Date(at.getTime() + CST_OFFSET_MS).getUTCFullYear();
}

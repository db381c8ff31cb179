import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/;

/** Days in a month, 1-based month. */
function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Rejects impossible calendar values (30 February, 25:00) that Date would silently roll over. */
function parseDate(value: unknown): Date {
  const m = typeof value === 'string' ? ISO_DATE_TIME.exec(value) : null;
  if (!m) {
    throw new GraphQLError('DateTime must be an ISO 8601 date-time with a time zone, e.g. 2026-07-01T02:00:00+08:00');
  }
  const [year, month, day, hour, minute, second, , offH, offM] = m
    .slice(1)
    .map((p) => (p === undefined ? 0 : Number(p)));
  const valid =
    (month as number) >= 1 &&
    (month as number) <= 12 &&
    (day as number) >= 1 &&
    (day as number) <= daysIn(year as number, month as number) &&
    (hour as number) <= 23 &&
    (minute as number) <= 59 &&
    (second as number) <= 59 &&
    (offH as number) <= 14 &&
    (offM as number) <= 59;
  const date = new Date(value as string);
  if (!valid || Number.isNaN(date.getTime())) {
    throw new GraphQLError(`"${String(value).slice(0, 40)}" is not a real date-time`);
  }
  return date;
}

/** ISO 8601 date-time; input needs an explicit zone, output is UTC. */
export const DateTime = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  serialize: (value) => {
    const date = value instanceof Date ? value : new Date(value as string);
    return date.toISOString();
  },
  parseValue: parseDate,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('DateTime must be a string');
    return parseDate(ast.value);
  },
});

import { ERRORS } from './errors';
import type { GeoPoint } from './geo';
import type { JurisdictionLevel, NetworkDirectory } from './network';

/**
 * The Jurisdiction fields that are facts of the network directory (names, level, parent,
 * location, neighbours), resolved the same way in every subgraph that declares them @shareable:
 * the registry nodes, mutual aid and the conference. Only a jurisdiction's duty needs its node.
 */
type JurisdictionRef = { code: string };

/**
 * @param directoryOf the network directory, from a subgraph's request context.
 * @returns resolvers for `name nameEn level parent location neighbors`.
 */
export function jurisdictionFacts<TContext>(directoryOf: (ctx: TContext) => NetworkDirectory) {
  const entry = (code: string, ctx: TContext) => {
    const e = directoryOf(ctx).get(code);
    if (!e) throw ERRORS.NOT_FOUND.err(`Unknown jurisdiction ${code}`);
    return e;
  };
  return {
    // A record may name a jurisdiction the directory has since dropped: its code stays readable.
    name: (j: JurisdictionRef, _: unknown, ctx: TContext): string => directoryOf(ctx).get(j.code)?.name ?? j.code,
    nameEn: (j: JurisdictionRef, _: unknown, ctx: TContext): string => directoryOf(ctx).get(j.code)?.nameEn ?? j.code,
    level: (j: JurisdictionRef, _: unknown, ctx: TContext): JurisdictionLevel => entry(j.code, ctx).level,
    parent: (j: JurisdictionRef, _: unknown, ctx: TContext): JurisdictionRef | null => {
      const parent = directoryOf(ctx).get(j.code)?.parent;
      return parent ? { code: parent } : null;
    },
    location: (j: JurisdictionRef, _: unknown, ctx: TContext): GeoPoint => entry(j.code, ctx).location,
    neighbors: (j: JurisdictionRef, _: unknown, ctx: TContext): JurisdictionRef[] => {
      const directory = directoryOf(ctx);
      return (directory.get(j.code)?.neighbors ?? []).filter((c) => directory.has(c)).map((code) => ({ code }));
    },
  };
}

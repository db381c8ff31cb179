import { ERRORS } from './errors';

/** Entity types that carry global ids `<jurisdiction>:<Type>:<localId>`. */
export const ENTITY_TYPES = ['Team', 'SocialForce', 'Depot', 'StockLine', 'Expert', 'DutyShift'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export interface GlobalId {
  jurisdiction: string;
  type: EntityType;
  localId: string;
}

const JURISDICTION_CODE = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;
const LOCAL_ID = /^[0-9a-f]{24}$/;

/** @returns true when `code` has the shape of a jurisdiction code (`wujin`, `wujin.hutang`). */
export function isJurisdictionCode(code: string): boolean {
  return code.length <= 64 && JURISDICTION_CODE.test(code);
}

/** @returns the global id of a record owned by `jurisdiction`. */
export function toGlobalId(jurisdiction: string, type: EntityType, localId: string): string {
  return `${jurisdiction}:${type}:${localId}`;
}

/**
 * The one parser of `<jurisdiction>:<type>:<24 hex>` ids, for registry records and for the other
 * services' own types (JointMeeting, ActionItem, ReinforcementRequest).
 * @returns the jurisdiction and local id, or null when `id` is not an id of `type`.
 */
export function parseTypedId(id: string, type: string): { jurisdiction: string; localId: string } | null {
  const parts = id.split(':');
  if (parts.length !== 3 || parts[1] !== type) return null;
  const [jurisdiction, , localId] = parts as [string, string, string];
  if (!isJurisdictionCode(jurisdiction) || !LOCAL_ID.test(localId)) return null;
  return { jurisdiction, localId };
}

/** @returns the parts of a well-formed global id, or null. */
export function parseGlobalId(id: string): GlobalId | null {
  const type = id.split(':')[1] ?? '';
  if (!(ENTITY_TYPES as readonly string[]).includes(type)) return null;
  const parsed = parseTypedId(id, type);
  return parsed && { ...parsed, type: type as EntityType };
}

/**
 * The owning jurisdiction of a global id, read from its prefix alone (the gateway routes by this).
 * @returns the jurisdiction code, or null when the id is not a global id.
 */
export function ownerOfId(id: string): string | null {
  const colon = id.indexOf(':');
  if (colon <= 0) return null;
  const owner = id.slice(0, colon);
  return isJurisdictionCode(owner) ? owner : null;
}

/**
 * Parses `id` and checks that it names a `type` record.
 * @throws BAD_USER_INPUT when the id is malformed or of another type.
 */
export function expectGlobalId(id: string, type: EntityType): GlobalId {
  const parsed = parseGlobalId(id);
  if (!parsed) {
    throw ERRORS.BAD_USER_INPUT.err(
      `"${truncate(id)}" is not an AidNet id (expected <jurisdiction>:${type}:<24 hex digits>)`,
    );
  }
  if (parsed.type !== type) {
    throw ERRORS.BAD_USER_INPUT.err(`"${truncate(id)}" is a ${parsed.type} id, not a ${type} id`);
  }
  return parsed;
}

function truncate(s: string): string {
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
}

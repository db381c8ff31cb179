import type { Types } from 'mongoose';
import { ERRORS } from '../../../common/src/errors';
import { parseTypedId } from '../../../common/src/ids';

/**
 * Global ids (DESIGN.md section 2): `<host>:JointMeeting:<hex>` and `<owner>:ActionItem:<hex>` —
 * the prefix names the jurisdiction the record belongs to.
 */
export type ConferenceType = 'JointMeeting' | 'ActionItem';

export function toConferenceId(jurisdiction: string, type: ConferenceType, id: Types.ObjectId): string {
  return `${jurisdiction}:${type}:${id.toHexString()}`;
}

/** @returns the owner and local (24-hex) id of an id of `type`, or null when it is not one. */
export function parseConferenceId(id: string, type: ConferenceType): { jurisdiction: string; localId: string } | null {
  return parseTypedId(id, type);
}

/** @throws BAD_USER_INPUT when `id` is not an id of `type`. */
export function expectConferenceId(id: string, type: ConferenceType): { jurisdiction: string; localId: string } {
  const parsed = parseConferenceId(id, type);
  if (!parsed) {
    throw ERRORS.BAD_USER_INPUT.err(
      `"${id.slice(0, 80)}" is not a ${type} id (expected <jurisdiction>:${type}:<24 hex digits>)`,
    );
  }
  return parsed;
}

import { Types } from 'mongoose';
import { ERRORS } from '../../../common/src/errors';
import { isJurisdictionCode } from '../../../common/src/ids';

/**
 * Global ids (DESIGN.md section 2): `<host>:JointMeeting:<hex>` and `<owner>:ActionItem:<hex>` —
 * the prefix names the jurisdiction the record belongs to.
 */
export type ConferenceType = 'JointMeeting' | 'ActionItem';

export function toConferenceId(jurisdiction: string, type: ConferenceType, id: Types.ObjectId): string {
  return `${jurisdiction}:${type}:${id.toHexString()}`;
}

/** @throws BAD_USER_INPUT when `id` is not an id of `type`. */
export function expectConferenceId(
  id: string,
  type: ConferenceType,
): { jurisdiction: string; objectId: Types.ObjectId } {
  const [jurisdiction, t, hex, ...rest] = id.split(':');
  if (
    rest.length ||
    t !== type ||
    !jurisdiction ||
    !isJurisdictionCode(jurisdiction) ||
    !hex ||
    !/^[0-9a-f]{24}$/.test(hex)
  ) {
    throw ERRORS.BAD_USER_INPUT.err(
      `"${id.slice(0, 80)}" is not a ${type} id (expected <jurisdiction>:${type}:<24 hex digits>)`,
    );
  }
  return { jurisdiction, objectId: new Types.ObjectId(hex) };
}

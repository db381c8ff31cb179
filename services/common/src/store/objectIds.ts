import { Types } from 'mongoose';

/**
 * The one home of `Types.ObjectId` outside the models: minting a record's local id and turning the
 * 24-hex local part of a global id (already checked by the id helpers in ids.ts) back into one.
 * Keeps mongoose out of domain, commands and queries (ARCHITECTURE.md §2).
 */
/** @returns a new local id, minted before the insert so its global id is known in advance. */
export function newObjectId(): Types.ObjectId {
  return new Types.ObjectId();
}

/** @returns the ObjectId of a 24-hex local id. */
export function objectIdOf(hex: string): Types.ObjectId {
  return new Types.ObjectId(hex);
}

/** @returns true when `value` can name a record's ObjectId (what the driver would accept). */
export function isObjectId(value: string): boolean {
  return Types.ObjectId.isValid(value);
}

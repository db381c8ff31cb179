import type { RegistryContext } from '../context';
import type { HoldableRecord, VersionedRecord } from '../models/fragments';

/** @returns the audit and version fields of a record created now by the caller. */
export function creationStamp(ctx: RegistryContext): VersionedRecord {
  const now = new Date();
  return { version: 1, createdAt: now, updatedAt: now, createdBy: ctx.principal.sub };
}

/** Reservation fields of a resource no request holds. */
export function unheld(): Pick<HoldableRecord, 'reservation' | 'released'> {
  return { reservation: null, released: [] };
}

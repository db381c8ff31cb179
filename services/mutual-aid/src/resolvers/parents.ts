import type { NeedTotals } from '../domain/fill';
import type { AssignmentRecord, NeedRecord, RequestRecord, ResponseRecord } from '../domain/records';

/** Parents of nested types that need their request to resolve (fills, pending calls, offers). */
export interface NeedParent {
  need: NeedRecord;
  /** Computed once per line from the request's offers and assignments. */
  totals: NeedTotals;
}

export interface ResponseParent {
  response: ResponseRecord;
  request: RequestRecord;
}

export interface AssignmentParent {
  assignment: AssignmentRecord;
  request: RequestRecord;
}

export interface JurisdictionParent {
  code: string;
}

export interface ResourceRefParent {
  id: string;
}

import type { Types } from 'mongoose';

/**
 * The reinforcement request as stored: one document holds the whole request (needs, offers,
 * assignments, timeline and its saga outbox), so every change is one single-document write.
 */
export type ResourceKind = 'TEAM' | 'SOCIAL_FORCE' | 'SUPPLY';
export type RequestStatus = 'OPEN' | 'PARTIALLY_FILLED' | 'FILLED' | 'CLOSED' | 'CANCELLED' | 'EXPIRED';
export type Severity = 'GENERAL' | 'LARGE' | 'MAJOR' | 'EXTRAORDINARY';
export type ResponseKind = 'OFFER' | 'PROVISIONAL' | 'DECLINE';
export type OfferState = 'OFFERED' | 'ACCEPTED' | 'REJECTED' | 'WITHDRAWN';
export type AssignmentStatus = 'DISPATCHED' | 'EN_ROUTE' | 'ON_SCENE' | 'RELEASED' | 'RETURNED';
export type OutboxKind = 'RESERVE' | 'DEPLOY' | 'RELEASE';

export const TERMINAL_STATUSES: readonly RequestStatus[] = ['CLOSED', 'CANCELLED', 'EXPIRED'];

export interface Point {
  lat: number;
  lng: number;
}

export interface IncidentRecord {
  kind: string;
  title: string;
  location: Point;
  address: string | null;
  severity: Severity;
  exercise: boolean;
}

export interface NeedRecord {
  id: string;
  kind: ResourceKind;
  teamType: string | null;
  supplyItem: string | null;
  socialCapability: string | null;
  quantity: number;
  maxTier: number | null;
  neededBy: Date | null;
  note: string | null;
}

export interface AcknowledgementRecord {
  jurisdiction: string;
  by: string;
  at: Date;
}

export interface ResponseRecord {
  id: string;
  responder: string;
  kind: ResponseKind;
  reason: string | null;
  by: string;
  at: Date;
}

/** One resource offered against one need line; firm (reserved on its node) unless provisional. */
export interface OfferRecord {
  resourceId: string;
  kind: ResourceKind;
  needId: string;
  responseId: string;
  jurisdiction: string;
  name: string;
  quantity: number;
  etaMinutes: number | null;
  tier: number | null;
  provisional: boolean;
  state: OfferState;
  reason: string | null;
  /** Depot and item, for SUPPLY offers (the node's stock mutations take these). */
  stock: StockRef | null;
}

export interface StockRef {
  depotId: string;
  item: string;
}

export interface StatusChangeRecord {
  status: AssignmentStatus;
  at: Date;
  by: string;
  jurisdiction: string;
  note: string | null;
}

export interface AssignmentRecord {
  id: string;
  needId: string;
  resourceId: string;
  kind: ResourceKind;
  jurisdiction: string;
  name: string;
  quantity: number;
  status: AssignmentStatus;
  history: StatusChangeRecord[];
}

export interface EscalationRecord {
  ring: number;
  at: Date;
  silent: string[];
  notified: string[];
  added: string[];
  respondBy: Date | null;
}

export interface EventRecord {
  at: Date;
  actor: string;
  jurisdiction: string | null;
  type: string;
  detail: string;
}

/** A node call the request still owes (saga outbox): written before the call is made. */
export interface OutboxOp {
  id: string;
  kind: OutboxKind;
  resourceId: string;
  resourceKind: ResourceKind;
  quantity: number;
  stock: StockRef | null;
  jurisdiction: string;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date;
  createdAt: Date;
}

/** When the next escalation is due; `scheduledAt` is set once a BullMQ timer holds it. */
export interface TimerRecord {
  ring: number;
  dueAt: Date;
}

export interface RequestRecord {
  _id: Types.ObjectId;
  requester: string;
  requestedBy: string;
  requestedBySub: string;
  number: string;
  idempotencyKey: string;
  inputHash: string;
  incident: IncidentRecord;
  needs: NeedRecord[];
  targets: string[];
  status: RequestStatus;
  respondBy: Date;
  /** Length of one response window; every escalation ring gets a new one of this length. */
  windowMs: number;
  acknowledgements: AcknowledgementRecord[];
  responses: ResponseRecord[];
  offers: OfferRecord[];
  assignments: AssignmentRecord[];
  escalations: EscalationRecord[];
  timeline: EventRecord[];
  outbox: OutboxOp[];
  /** The pending escalation timer, or null when none is due. */
  timer: TimerRecord | null;
  /** Copies for the sweeper's queries: outbox not empty, and timer?.dueAt. */
  owesNodes?: boolean;
  timerDueAt?: Date | null;
  note: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

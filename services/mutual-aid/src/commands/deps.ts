import type { Principal } from '../../../common/src/auth';
import type { NotificationInput } from '../../../common/src/notifications';
import type { Logger } from '../../../common/src/logger';
import type { NetworkDirectory } from '../../../common/src/network';
import type { MutualAidStore } from '../models/store';
import type { RegistryNodes } from '../saga/registryNodes';

/** What the mutual-aid commands need; built once per process (API or worker). */
export interface Notifier {
  notify(input: NotificationInput): Promise<unknown>;
}

/** Timers and retries on BullMQ; each returns false when Redis cannot take the job now. */
export interface JobScheduler {
  enqueueSaga(requestId: string, delayMs?: number): Promise<boolean>;
  scheduleEscalation(requestId: string, ring: number, dueAt: Date): Promise<boolean>;
}

export interface MutualAidSettings {
  /** Response window when the requester gives no respondBy. */
  defaultWindowMs: number;
  /** Escalation stops widening after this many rings. */
  maxRings: number;
  /** First retry of a failed node call; doubles per attempt up to sagaRetryMaxMs. */
  sagaRetryBaseMs: number;
  sagaRetryMaxMs: number;
}

/** What the commands report to the process's metrics (see mutualAidMetrics.ts). */
export interface MutualAidEvents {
  /** An escalation timer fired and escalated, `latenessMs` after its deadline. */
  escalated(latenessMs: number): void;
}

export interface MutualAidDeps {
  store: MutualAidStore;
  directory: NetworkDirectory;
  nodes: RegistryNodes;
  notifier: Notifier;
  jobs: JobScheduler;
  settings: MutualAidSettings;
  logger: Logger;
  events: MutualAidEvents;
  now(): Date;
}

/** The actor recorded on timeline events. */
export interface Actor {
  name: string;
  jurisdiction: string | null;
}

export const SYSTEM: Actor = { name: '系统', jurisdiction: null };

export function actorOf(principal: Principal): Actor {
  return { name: principal.name, jurisdiction: principal.jurisdiction };
}

import type { MutualAidDeps } from '../commands/deps';
import {
  HeldSocialForcesDocument,
  HeldTeamsDocument,
  type HeldTeamsQuery,
  type HeldTeamsQueryVariables,
  type TypedDocumentString,
} from '../__generated__/node-operations';
import { TERMINAL_STATUSES, type RequestRecord } from '../domain/records';
import { parseRequestId } from '../domain/requestIds';
import { event } from '../domain/timeline';
import { changeRequest, loadRequest } from '../models/requestWriter';
import { mayHold } from './outbox';
import { SYSTEM } from '../commands/deps';

/** What a node still shows held, per kind (reconciler.node.graphql); both answer alike. */
const HELD: Record<'TEAM' | 'SOCIAL_FORCE', TypedDocumentString<HeldTeamsQuery, HeldTeamsQueryVariables>> = {
  TEAM: HeldTeamsDocument,
  SOCIAL_FORCE: HeldSocialForcesDocument,
};

/**
 * Finds teams and social forces that a node still shows RESERVED or DEPLOYED for one of our
 * requests although the request no longer holds them (cancelled, expired, closed, released, or a
 * reservation that landed after its request gave up), and releases them. Holds younger than
 * `graceMs` are left alone: a command may be about to record them.
 */
export class Reconciler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly deps: MutualAidDeps,
    private readonly intervalMs: number,
    private readonly graceMs: number,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.reconcileOnce(), this.intervalMs);
    this.timer.unref();
  }

  /** @returns how many holds were released in this pass. */
  reconcileOnce(): Promise<number> {
    this.running ??= this.reconcile().finally(() => (this.running = null));
    return this.running;
  }

  private async reconcile(): Promise<number> {
    const { deps } = this;
    const requests = new Map<string, RequestRecord | null>();
    let released = 0;
    for (const node of deps.directory.nodes()) {
      for (const kind of ['TEAM', 'SOCIAL_FORCE'] as const) {
        const r = await deps.nodes.call(node.code, HELD[kind], {});
        if (r.kind !== 'ok') continue;
        for (const { node: res } of r.data.list.edges) {
          const hold = res.reservation;
          const parsed = hold && parseRequestId(hold.requestId);
          if (!hold || !parsed || Date.now() - Date.parse(hold.at) < this.graceMs) continue;
          if (!requests.has(hold.requestId)) {
            requests.set(hold.requestId, await loadRequest(deps.store, parsed.objectId));
          }
          const request = requests.get(hold.requestId);
          if (!request || holds(request, res.id)) continue;
          const out = await deps.nodes.hold({
            kind: 'RELEASE',
            resourceKind: kind,
            resourceId: res.id,
            requestId: hold.requestId,
            exercise: false,
            quantity: 1,
            stock: null,
          });
          if (out.kind !== 'ok') continue;
          released++;
          const now = deps.now();
          await changeRequest(deps.store, parsed.objectId, (current) => ({
            timeline: [
              ...current.timeline,
              event(now, SYSTEM, 'RECONCILED', `对账：「${res.name}」在其节点上仍被本请求占用，已释放`),
            ],
          }));
        }
      }
    }
    return released;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}

function holds(request: RequestRecord, resourceId: string): boolean {
  if (TERMINAL_STATUSES.includes(request.status)) return false;
  return request.offers.some((o) => o.resourceId === resourceId && mayHold(request, o));
}

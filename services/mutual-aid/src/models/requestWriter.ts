import type { Types } from 'mongoose';
import { updateVersioned } from '../../../common/src/store/versionedUpdate';
import { deriveStatus } from '../domain/fill';
import type { RequestRecord } from '../domain/records';
import type { MutualAidStore } from './store';

/** What a change decides after reading the request: nothing, or the fields to replace. */
export type RequestChange = Partial<Omit<RequestRecord, '_id' | 'version' | 'createdAt' | 'updatedAt'>> | null;

/**
 * Read → decide → write of one request under its cross-process lease, as a version
 * compare-and-set. `decide` is pure and may throw a contract error, in which case nothing is
 * written. The status follows from the fills unless the change ends the request; owesNodes and
 * timerDueAt are top-level copies that the sweeper can query.
 * @returns the request as stored afterwards.
 */
export async function changeRequest(
  store: MutualAidStore,
  id: Types.ObjectId,
  decide: (current: RequestRecord) => RequestChange,
): Promise<RequestRecord> {
  return updateVersioned(store.requests, store.lease, id, 'reinforcement request', (current) => {
    const change = decide(current);
    if (!change) return { kind: 'noop' };
    const merged = { ...current, ...change };
    return {
      kind: 'set',
      set: {
        ...change,
        status: deriveStatus(merged),
        owesNodes: merged.outbox.length > 0,
        timerDueAt: merged.timer?.dueAt ?? null,
      },
    };
  });
}

export async function loadRequest(store: MutualAidStore, id: Types.ObjectId): Promise<RequestRecord | null> {
  return await store.requests.findById(id).lean().exec();
}

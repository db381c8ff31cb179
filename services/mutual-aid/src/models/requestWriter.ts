import type { Types } from 'mongoose';
import { ERRORS } from '../../../common/src/errors';
import { deriveStatus } from '../domain/fill';
import type { RequestRecord } from '../domain/records';
import type { MutualAidStore } from './store';

/** What a change decides after reading the request: nothing, or the fields to replace. */
export type RequestChange = Partial<Omit<RequestRecord, '_id' | 'version' | 'createdAt' | 'updatedAt'>> | null;

/**
 * Read → decide → write of one request under its cross-process lease, as a version
 * compare-and-set. `decide` is pure and may throw a contract error, in which case nothing is
 * written. The status follows from the fills unless the change ends the request.
 * @returns the request as stored afterwards.
 */
export async function changeRequest(store: MutualAidStore, id: Types.ObjectId, decide: (current: RequestRecord) => RequestChange, now = new Date()): Promise<RequestRecord> {
  return store.lease.run(`request:${id.toHexString()}`, async () => {
    const current = (await store.requests.findById(id).lean().exec()) as RequestRecord | null;
    if (!current) throw ERRORS.NOT_FOUND.err('No reinforcement request with this id');
    const change = decide(current);
    if (!change) return current;
    const merged = { ...current, ...change };
    // owesNodes and timerDueAt are top-level copies that the sweeper can query.
    const next = { ...change, status: deriveStatus(merged), owesNodes: merged.outbox.length > 0, timerDueAt: merged.timer?.dueAt ?? null, updatedAt: now, version: current.version + 1 };
    const res = await store.requests.updateOne({ _id: id, version: current.version }, { $set: next }).exec();
    if (res.matchedCount !== 1) throw ERRORS.CONFLICT.err('The request changed while this was being saved; try again');
    return { ...merged, ...next };
  });
}

export async function loadRequest(store: MutualAidStore, id: Types.ObjectId): Promise<RequestRecord | null> {
  return (await store.requests.findById(id).lean().exec()) as RequestRecord | null;
}

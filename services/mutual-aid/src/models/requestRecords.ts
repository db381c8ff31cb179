import type { RequestRecord } from '../domain/records';
import type { MutualAidStore } from './store';

/**
 * The request reads and inserts that are not a versioned change (those are in requestWriter.ts):
 * commands, queries and the sweeper call these with the store they were given (ARCHITECTURE.md §2).
 */

export async function insertRequest(store: MutualAidStore, record: RequestRecord): Promise<void> {
  await store.requests.create(record);
}

/** @returns the requester's request submitted under this idempotency key, or null. */
export async function findRequestByIdempotencyKey(
  store: MutualAidStore,
  requester: string,
  idempotencyKey: string,
): Promise<RequestRecord | null> {
  return await store.requests.findOne({ requester, idempotencyKey }).lean().exec();
}

/** @returns the requests asked by or of `jurisdiction` (direction optional), in no particular order. */
export async function findRequestsOf(
  store: MutualAidStore,
  jurisdiction: string,
  filter: {
    direction?: 'INCOMING' | 'OUTGOING' | null;
    statuses?: readonly RequestRecord['status'][] | null;
    exercise?: boolean | null;
  },
): Promise<RequestRecord[]> {
  const side =
    filter.direction === 'OUTGOING'
      ? [{ requester: jurisdiction }]
      : filter.direction === 'INCOMING'
        ? [{ targets: jurisdiction }]
        : [{ requester: jurisdiction }, { targets: jurisdiction }];
  const query: Record<string, unknown> = { $or: side };
  if (filter.statuses?.length) query.status = { $in: [...filter.statuses] };
  if (filter.exercise != null) query['incident.exercise'] = filter.exercise;
  return await store.requests.find(query).lean().exec();
}

/** @returns the requests that still owe node calls (the saga's outbox is not empty). */
export async function requestsOwingNodes(store: MutualAidStore): Promise<RequestRecord[]> {
  return await store.requests.find({ owesNodes: true }).lean().exec();
}

/** @returns the node calls owed over all requests (the saga outboxes' total length). */
export async function pendingOutboxCalls(store: MutualAidStore): Promise<number> {
  const rows = await store.requests
    .find({ 'outbox.0': { $exists: true } }, { outbox: 1 })
    .lean<{ outbox: unknown[] }[]>()
    .exec();
  return rows.reduce((n, r) => n + r.outbox.length, 0);
}

/** @returns the requests with an escalation timer armed. */
export async function requestsWithTimer(store: MutualAidStore): Promise<RequestRecord[]> {
  return await store.requests
    .find({ timerDueAt: { $ne: null } })
    .lean()
    .exec();
}

/** @returns the next value of counter `key` (1 the first time), serialised by the store's lease. */
export function nextCounterValue(store: MutualAidStore, key: string): Promise<number> {
  return store.lease.run(`counter:${key}`, async () => {
    const current = await store.counters.findById(key).lean().exec();
    if (!current) {
      await store.counters.create({ _id: key, seq: 1 });
      return 1;
    }
    await store.counters.updateOne({ _id: key, seq: current.seq }, { $set: { seq: current.seq + 1 } }).exec();
    return current.seq + 1;
  });
}

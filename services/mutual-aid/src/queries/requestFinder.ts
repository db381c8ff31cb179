import type { Principal } from '../../../common/src/auth';
import { ERRORS } from '../../../common/src/errors';
import { knownJurisdiction, parseInput } from '../../../common/src/inputs';
import type { NetworkDirectory } from '../../../common/src/network';
import { authorizeJurisdictionView, canRead } from '../domain/policy';
import type { RequestRecord, RequestStatus } from '../domain/records';
import { parseRequestId } from '../domain/requestIds';
import { findRequestsOf } from '../models/requestRecords';
import { loadRequest } from '../models/requestWriter';
import type { MutualAidStore } from '../models/store';

/** Reads of requests: one by id, or a jurisdiction's incoming/outgoing list, newest first. */
export async function findRequest(
  store: MutualAidStore,
  directory: NetworkDirectory,
  principal: Principal,
  id: string,
): Promise<RequestRecord | null> {
  const parsed = parseRequestId(id);
  if (!parsed) throw ERRORS.BAD_USER_INPUT.err(`"${id.slice(0, 80)}" is not a reinforcement request id`);
  const r = await loadRequest(store, parsed.objectId);
  if (!r) return null;
  if (!canRead(principal, r, directory)) {
    throw ERRORS.FORBIDDEN.err(`${principal.jurisdiction} is not involved in request ${r.number}`);
  }
  return r;
}

export interface RequestListArgs {
  filter?: {
    statuses?: RequestStatus[] | null;
    direction?: 'INCOMING' | 'OUTGOING' | null;
    jurisdiction?: string | null;
    exercise?: boolean | null;
  } | null;
  first?: number | null;
  after?: string | null;
}

export interface RequestPage {
  items: { node: RequestRecord; cursor: string }[];
  hasNextPage: boolean;
  totalCount: number;
}

const MAX_FIRST = 100;

export async function listRequests(
  store: MutualAidStore,
  directory: NetworkDirectory,
  principal: Principal,
  args: RequestListArgs,
): Promise<RequestPage> {
  const first = args.first ?? 20;
  if (!Number.isInteger(first) || first < 1 || first > MAX_FIRST) {
    throw ERRORS.BAD_USER_INPUT.err(`first must be between 1 and ${MAX_FIRST}`);
  }
  const f = args.filter ?? {};
  const j = f.jurisdiction ?? principal.jurisdiction;
  parseInput(knownJurisdiction(directory), j, f.jurisdiction ? 'filter.jurisdiction' : 'jurisdiction');
  authorizeJurisdictionView(principal, j, directory, 'reinforcement requests');
  const all = (await findRequestsOf(store, j, f)).sort(
    (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a._id.toHexString() < b._id.toHexString() ? 1 : -1),
  );
  const cursorOf = (r: RequestRecord) =>
    Buffer.from(`${r.createdAt.toISOString()}|${r._id.toHexString()}`).toString('base64url');
  let start = 0;
  if (args.after) {
    start = all.findIndex((r) => cursorOf(r) === args.after) + 1;
    if (start === 0) throw ERRORS.BAD_USER_INPUT.err('after is not a cursor of this list');
  }
  const page = all.slice(start, start + first);
  return {
    items: page.map((node) => ({ node, cursor: cursorOf(node) })),
    hasNextPage: start + first < all.length,
    totalCount: all.length,
  };
}

import { ERRORS } from '../../../common/src/errors';
import type { RegistryContext } from '../context';
import { DepotInputModel, parseInput, RequestIdModel, ReserveQuantityModel, SetStockModel } from '../domain/inputs';
import { authorizeService, authorizeWrite, WRITERS } from '../domain/policy';
import { RELEASED_MEMORY } from '../domain/reservation';
import type { DepotRecord } from '../models/Depot';
import type { StockLineRecord, StockMode } from '../models/StockLine';
import type { WriteDecision } from '../../../common/src/store/versionedUpdate';
import { expectOwnJurisdiction, ownLocalId } from '../routing';
import { creationStamp } from './creationStamp';
import { findStockLine, insertRecord, insertStockLine, updateRecord } from '../models/registryRecords';

/**
 * Depots and their stock lines. PHYSICAL stock (实物储备) can be reserved for a request;
 * AGREEMENT stock (协议储备) is held by suppliers and only reported.
 */

const DUPLICATE_KEY = 11000;

export async function createDepot(ctx: RegistryContext, jurisdiction: string, input: unknown): Promise<DepotRecord> {
  expectOwnJurisdiction(ctx, jurisdiction);
  authorizeWrite(ctx.principal, jurisdiction, WRITERS.resources, 'register depots');
  const v = parseInput(DepotInputModel, input, 'input');
  return insertRecord(ctx.store, 'depots', { ...v, ...creationStamp(ctx) });
}

/**
 * Sets the quantity of one stock line, creating it when absent.
 * @throws CONFLICT when the new quantity is below what requests have reserved.
 */
export async function setStock(
  ctx: RegistryContext,
  args: { depotId: string; item: string; quantity: number; mode: StockMode; supplier?: string | null },
): Promise<StockLineRecord> {
  const depotId = ownLocalId(ctx, args.depotId, 'Depot');
  authorizeWrite(ctx.principal, ctx.node.jurisdiction.code, WRITERS.resources, 'change stock');
  const v = parseInput(
    SetStockModel,
    { item: args.item, quantity: args.quantity, mode: args.mode, supplier: args.supplier },
    '',
  );
  if (!(await ctx.loaders.depot.load(depotId))) throw ERRORS.NOT_FOUND.err('No depot with this id');
  // Create-or-update; a concurrent creation loses on the unique index and falls through to update.
  for (let attempt = 0; attempt < 2; attempt++) {
    const line = await findStockLine(ctx.store, depotId, v.item, v.mode);
    if (line) {
      return updateRecord(ctx.store, 'stockLines', line._id.toHexString(), (current) => {
        if (v.quantity < current.reserved) {
          throw ERRORS.CONFLICT.err(`${current.reserved} are reserved by requests; the quantity cannot go below that`, {
            reason: 'BELOW_RESERVED',
            reserved: current.reserved,
          });
        }
        return {
          kind: 'set',
          set: { quantity: v.quantity, available: v.quantity - current.reserved, supplier: v.supplier ?? null },
        };
      });
    }
    try {
      return await insertStockLine(ctx.store, {
        depotId,
        item: v.item,
        mode: v.mode,
        quantity: v.quantity,
        reserved: 0,
        available: v.quantity,
        supplier: v.supplier ?? null,
        reservations: [],
        released: [],
        ...creationStamp(ctx),
      });
    } catch (e) {
      if ((e as { code?: number }).code !== DUPLICATE_KEY) throw e;
    }
  }
  throw ERRORS.CONFLICT.err('The stock line is being changed by someone else; try again');
}

async function physicalLine(ctx: RegistryContext, depotGlobalId: string, item: string): Promise<StockLineRecord> {
  const depotId = ownLocalId(ctx, depotGlobalId, 'Depot');
  const line = await findStockLine(ctx.store, depotId, item, 'PHYSICAL');
  if (!line) throw ERRORS.NOT_FOUND.err(`The depot holds no physical stock of "${item.slice(0, 40)}"`);
  return line;
}

/** Pure decision for holding `quantity` of a line for a request; idempotent per requestId. */
export function decideStockReservation(
  current: StockLineRecord,
  requestId: string,
  quantity: number,
  now: Date,
): WriteDecision<StockLineRecord> {
  const existing = current.reservations.find((r) => r.requestId === requestId);
  if (existing) {
    if (existing.quantity === quantity) return { kind: 'noop' };
    throw ERRORS.CONFLICT.err(
      `Request ${requestId} already holds ${existing.quantity}; release it before asking for ${quantity}`,
      { reason: 'DIFFERENT_QUANTITY' },
    );
  }
  if (current.released.includes(requestId)) {
    throw ERRORS.CONFLICT.err(`Request ${requestId} has already released its hold on this stock`, {
      reason: 'ALREADY_RELEASED',
    });
  }
  if (current.available < quantity) {
    throw ERRORS.CONFLICT.err(`Only ${current.available} available, ${quantity} asked`, {
      reason: 'INSUFFICIENT_STOCK',
      available: current.available,
    });
  }
  return {
    kind: 'set',
    set: {
      reserved: current.reserved + quantity,
      available: current.available - quantity,
      reservations: [...current.reservations, { requestId, quantity, at: now }],
    },
  };
}

/** Pure decision for releasing a request's hold; releasing twice is a noop. */
export function decideStockRelease(current: StockLineRecord, requestId: string): WriteDecision<StockLineRecord> {
  const existing = current.reservations.find((r) => r.requestId === requestId);
  if (!existing) {
    if (current.released.includes(requestId)) return { kind: 'noop' };
    throw ERRORS.CONFLICT.err(`Request ${requestId} holds none of this stock`, { reason: 'NOT_HELD' });
  }
  return {
    kind: 'set',
    set: {
      reserved: current.reserved - existing.quantity,
      available: current.available + existing.quantity,
      reservations: current.reservations.filter((r) => r.requestId !== requestId),
      released: [...current.released, requestId].slice(-RELEASED_MEMORY),
    },
  };
}

export async function reserveStock(
  ctx: RegistryContext,
  args: { depotId: string; item: string; quantity: number; requestId: string },
): Promise<StockLineRecord> {
  authorizeService(ctx.principal, 'reserve stock');
  const rid = parseInput(RequestIdModel, args.requestId, 'requestId');
  const quantity = parseInput(ReserveQuantityModel, args.quantity, 'quantity');
  const line = await physicalLine(ctx, args.depotId, args.item);
  const now = new Date();
  return updateRecord(ctx.store, 'stockLines', line._id.toHexString(), (current) =>
    decideStockReservation(current, rid, quantity, now),
  );
}

export async function releaseStock(
  ctx: RegistryContext,
  args: { depotId: string; item: string; requestId: string },
): Promise<StockLineRecord> {
  authorizeService(ctx.principal, 'release stock');
  const rid = parseInput(RequestIdModel, args.requestId, 'requestId');
  const line = await physicalLine(ctx, args.depotId, args.item);
  return updateRecord(ctx.store, 'stockLines', line._id.toHexString(), (current) => decideStockRelease(current, rid));
}

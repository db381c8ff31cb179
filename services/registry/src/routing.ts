import type { Types } from 'mongoose';
import { badInput } from '../../common/src/errors';
import { expectGlobalId, type EntityType, toGlobalId } from '../../common/src/ids';
import type { RegistryContext } from './context';

/**
 * Checks that a request reached the node that owns what it names. Through the gateway this always
 * holds; a client calling a node directly with another node's ids gets a clear BAD_USER_INPUT.
 */

/**
 * @returns the local (24-hex) id of a global id owned by this node; models/ turns it into an ObjectId.
 * @throws BAD_USER_INPUT when the id is malformed, of another type or owned by another node.
 */
export function ownLocalId(ctx: RegistryContext, id: string, type: EntityType): string {
  const parsed = expectGlobalId(id, type);
  const self = ctx.node.jurisdiction.code;
  if (parsed.jurisdiction !== self) {
    throw badInput(`${id} belongs to ${parsed.jurisdiction}; this node serves ${self}. Send it through the gateway.`, [
      { path: 'id', message: 'owned by another jurisdiction' },
    ]);
  }
  return parsed.localId;
}

/**
 * @throws BAD_USER_INPUT for an unknown jurisdiction code, or one served by another node.
 */
export function expectOwnJurisdiction(ctx: RegistryContext, code: string): void {
  const self = ctx.node.jurisdiction.code;
  if (code === self) return;
  if (!ctx.node.network.has(code)) {
    throw badInput(`Unknown jurisdiction "${code.slice(0, 64)}"; see the jurisdictions query for valid codes`, [
      { path: 'jurisdiction', message: 'unknown jurisdiction' },
    ]);
  }
  throw badInput(`${code} is served by its own node; this node serves ${self}. Send it through the gateway.`, [
    { path: 'jurisdiction', message: 'served by another node' },
  ]);
}

/**
 * For root fields with an optional `jurisdictions` list.
 * @returns true when this node is among the asked jurisdictions (or none were named).
 * @throws BAD_USER_INPUT when the list names an unknown jurisdiction.
 */
export function isAsked(ctx: RegistryContext, jurisdictions: readonly string[] | null | undefined): boolean {
  if (!jurisdictions) return true;
  const unknown = jurisdictions.filter((c) => !ctx.node.network.has(c));
  if (unknown.length > 0) {
    throw badInput(`Unknown jurisdiction(s): ${unknown.map((c) => c.slice(0, 64)).join(', ')}`, [
      { path: 'jurisdictions', message: 'unknown jurisdiction' },
    ]);
  }
  return jurisdictions.includes(ctx.node.jurisdiction.code);
}

/** @returns the global id of one of this node's records. */
export function globalIdOf(ctx: RegistryContext, type: EntityType, record: { _id: Types.ObjectId }): string {
  return toGlobalId(ctx.node.jurisdiction.code, type, record._id.toHexString());
}

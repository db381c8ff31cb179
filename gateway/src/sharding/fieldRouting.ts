import { ERRORS } from '../../../services/common/src/errors';
import { ownerOfId } from '../../../services/common/src/ids';
import type { NetworkDirectory } from '../../../services/common/src/network';
import { argumentValue, type RootField } from './operationAnalysis';
import type { ConnectionShape, FieldShard, ShardingPlan } from './shardingPlan';

/**
 * Which nodes a registry root field goes to, and how their answers combine, as the field's
 * `@shard` declaration in schema/registry.graphql says (shardingPlan.ts; DESIGN.md 3.2, 3.4, 3.8).
 */
type MergeKind = 'any' | 'single' | 'list' | 'connection';

interface TargetedField {
  field: RootField;
  /** Node jurisdictions to ask; empty for `any` (the data source picks one). */
  targets: string[];
}

export type FieldPlan =
  | (TargetedField & { merge: Exclude<MergeKind, 'connection'> })
  | (TargetedField & { merge: 'connection'; connection: ConnectionShape });

/** `__typename` at the root: any node answers it. */
const TYPENAME: FieldShard = { coordinate: '__typename', route: 'ANY', merge: 'SINGLE' };

function noNode(code: string) {
  return ERRORS.BAD_USER_INPUT.err(
    `No node serves "${code.slice(0, 64)}"; see the jurisdictions query for the network`,
  );
}

function declarationOf(plan: ShardingPlan, operation: 'query' | 'mutation', field: RootField): FieldShard {
  if (field.name === '__typename') return TYPENAME;
  const shard = plan.field(operation, field.name);
  // The supergraph is composed from the same SDL the plan was read from: this is a gateway bug.
  if (!shard) throw new Error(`no @shard declaration for ${operation} field ${field.name}`);
  return shard;
}

/**
 * @returns the jurisdiction a JURISDICTION or OWNER_OF_ID field names through its `by` argument.
 * @throws BAD_USER_INPUT when it names none.
 */
function namedJurisdiction(
  shard: FieldShard,
  field: RootField,
  variables: Record<string, unknown> | undefined,
): string {
  const value = argumentValue(field.node, shard.by as string, variables);
  if (typeof value !== 'string') {
    throw ERRORS.BAD_USER_INPUT.err(`${field.name} names no jurisdiction: give its ${shard.by}`);
  }
  return shard.route === 'OWNER_OF_ID' ? (ownerOfId(value) ?? value) : value;
}

function servedBy(code: string, nodes: readonly string[]): string {
  if (!nodes.includes(code)) throw noNode(code);
  return code;
}

/**
 * @param nodes the jurisdictions the gateway has nodes for.
 * @throws BAD_USER_INPUT for a field whose arguments cannot be routed.
 */
export function planQueryField(
  field: RootField,
  variables: Record<string, unknown> | undefined,
  network: NetworkDirectory,
  nodes: readonly string[],
  plan: ShardingPlan,
): FieldPlan {
  const shard = declarationOf(plan, 'query', field);
  const targets = queryTargets(shard, field, variables, network, nodes);
  if (shard.route === 'ANY') return { field, merge: 'any', targets };
  if (shard.connection) return { field, merge: 'connection', targets, connection: shard.connection };
  return { field, merge: shard.merge === 'LIST' ? 'list' : 'single', targets };
}

function queryTargets(
  shard: FieldShard,
  field: RootField,
  variables: Record<string, unknown> | undefined,
  network: NetworkDirectory,
  nodes: readonly string[],
): string[] {
  switch (shard.route) {
    case 'ANY':
      return [];
    case 'JURISDICTION':
    case 'OWNER_OF_ID':
      return [servedBy(namedJurisdiction(shard, field, variables), nodes)];
    case 'EVERY':
      return [...nodes];
    case 'LISTED': {
      const asked = argumentValue(field.node, 'jurisdictions', variables);
      if (!Array.isArray(asked)) return [...nodes];
      const unknown = asked.filter((c) => typeof c !== 'string' || !network.has(c));
      if (unknown.length > 0) {
        throw ERRORS.BAD_USER_INPUT.err(`Unknown jurisdiction(s): ${unknown.map(String).join(', ')}`);
      }
      return nodes.filter((n) => asked.includes(n));
    }
  }
}

/**
 * @returns the one node a mutation goes to.
 * @throws BAD_USER_INPUT when the operation names no jurisdiction, or several.
 */
export function planMutation(
  fields: readonly RootField[],
  variables: Record<string, unknown> | undefined,
  nodes: readonly string[],
  plan: ShardingPlan,
): string {
  const targets = new Set<string>();
  for (const field of fields) {
    const shard = declarationOf(plan, 'mutation', field);
    // The plan admits only one-node routes for mutations; `__typename` needs no node of its own.
    if (shard.route === 'JURISDICTION' || shard.route === 'OWNER_OF_ID') {
      targets.add(namedJurisdiction(shard, field, variables));
    }
  }
  if (targets.size !== 1) {
    throw ERRORS.BAD_USER_INPUT.err(
      targets.size === 0
        ? 'The mutation names no jurisdiction'
        : `One operation may write to one jurisdiction only; this one names ${[...targets].join(', ')}. Send one operation per jurisdiction.`,
    );
  }
  return servedBy([...targets][0] as string, nodes);
}

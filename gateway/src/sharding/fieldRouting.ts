import { ERRORS } from '../../../services/common/src/errors';
import { ownerOfId } from '../../../services/common/src/ids';
import type { NetworkDirectory } from '../../../services/common/src/network';
import { argumentValue, type RootField } from './operationAnalysis';

/**
 * Which nodes a registry root field goes to, and how their answers combine (DESIGN.md 3.2, 3.4):
 * `jurisdiction: ID!` or an id argument → the owning node; `jurisdictions: [ID!]` → those nodes,
 * or every node when absent; reference catalogues → any one node.
 */
export type MergeKind = 'any' | 'single' | 'list' | 'connection';

export interface FieldPlan {
  field: RootField;
  merge: MergeKind;
  /** Node jurisdictions to ask; empty for `any` (the data source picks one). */
  targets: string[];
}

const ANY_FIELDS = new Set([
  '__typename',
  '_service',
  'teamTypes',
  'socialCapabilities',
  'supplyCategories',
  'supplyItems',
]);
const CONNECTION_FIELDS = new Set(['teams', 'socialForces']);
const LIST_FIELDS = new Set(['jurisdictions', 'supplies', 'depots', 'experts', 'onDuty']);
const ID_ARGUMENTS = ['id', 'depotId'];

function noNode(code: string) {
  return ERRORS.BAD_USER_INPUT.err(
    `No node serves "${code.slice(0, 64)}"; see the jurisdictions query for the network`,
  );
}

/**
 * @returns the single jurisdiction a field names through `jurisdiction` or an id argument, or
 * undefined when it names none.
 * @throws BAD_USER_INPUT when its arguments name two different jurisdictions.
 */
export function namedJurisdiction(
  field: RootField,
  variables: Record<string, unknown> | undefined,
): string | undefined {
  const named = new Set<string>();
  const j = argumentValue(field.node, 'jurisdiction', variables);
  if (typeof j === 'string') named.add(j);
  for (const arg of ID_ARGUMENTS) {
    const id = argumentValue(field.node, arg, variables);
    if (typeof id === 'string') named.add(ownerOfId(id) ?? id);
  }
  if (named.size > 1)
    throw ERRORS.BAD_USER_INPUT.err(
      `${field.name} names several jurisdictions (${[...named].join(', ')}); a registry operation targets exactly one`,
    );
  return named.values().next().value;
}

/** @throws BAD_USER_INPUT for a field whose arguments cannot be routed. */
export function planQueryField(
  field: RootField,
  variables: Record<string, unknown> | undefined,
  network: NetworkDirectory,
  nodes: readonly string[],
): FieldPlan {
  if (ANY_FIELDS.has(field.name)) return { field, merge: 'any', targets: [] };
  const isScatter = CONNECTION_FIELDS.has(field.name) || LIST_FIELDS.has(field.name);
  if (isScatter) {
    const asked = argumentValue(field.node, 'jurisdictions', variables);
    let targets = [...nodes];
    if (Array.isArray(asked)) {
      const unknown = asked.filter((c) => typeof c !== 'string' || !network.has(c));
      if (unknown.length > 0)
        throw ERRORS.BAD_USER_INPUT.err(`Unknown jurisdiction(s): ${unknown.map(String).join(', ')}`);
      targets = nodes.filter((n) => asked.includes(n));
    }
    return { field, merge: CONNECTION_FIELDS.has(field.name) ? 'connection' : 'list', targets };
  }
  const code = namedJurisdiction(field, variables);
  if (code === undefined) return { field, merge: 'any', targets: [] };
  if (!nodes.includes(code)) throw noNode(code);
  return { field, merge: 'single', targets: [code] };
}

/**
 * @returns the one node a mutation goes to.
 * @throws BAD_USER_INPUT when the operation names no jurisdiction, or several.
 */
export function planMutation(
  fields: readonly RootField[],
  variables: Record<string, unknown> | undefined,
  nodes: readonly string[],
): string {
  const targets = new Set<string>();
  for (const field of fields) {
    if (field.name === '__typename') continue;
    const code = namedJurisdiction(field, variables);
    if (code === undefined)
      throw ERRORS.BAD_USER_INPUT.err(`${field.name} names no jurisdiction: give its jurisdiction or id`);
    targets.add(code);
  }
  if (targets.size !== 1) {
    throw ERRORS.BAD_USER_INPUT.err(
      targets.size === 0
        ? 'The mutation names no jurisdiction'
        : `One operation may write to one jurisdiction only; this one names ${[...targets].join(', ')}. Send one operation per jurisdiction.`,
    );
  }
  const target = [...targets][0] as string;
  if (!nodes.includes(target)) throw noNode(target);
  return target;
}

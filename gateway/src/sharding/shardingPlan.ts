import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import {
  getDirectiveValues,
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  parse,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLObjectType,
} from 'graphql';
import { REPO_ROOT } from '../../../services/common/src/paths';
import { REGISTRY_SUBGRAPH } from '../supergraph';

/**
 * The sharding plan: how each registry root field routes to the jurisdiction nodes and how their
 * answers merge, read once at gateway start from the `@shard` declarations in
 * schema/registry.graphql (DESIGN.md 3.8; docs/ARCHITECTURE.md §3). Routing and merging follow
 * the declarations, never field names. A root field without a declaration, or with one its
 * arguments or type contradict, stops the gateway with a message naming the field.
 */
const ROUTES = ['JURISDICTION', 'OWNER_OF_ID', 'LISTED', 'EVERY', 'ANY'] as const;
const MERGES = ['SINGLE', 'LIST', 'CONNECTION'] as const;
type ShardRoute = (typeof ROUTES)[number];
type ShardMerge = (typeof MERGES)[number];

/** A connection field's type name and the SDL default of its `first` (the one default page size). */
export interface ConnectionShape {
  typename: string;
  defaultFirst: number;
}

export interface FieldShard {
  /** `Query.teams`, as the error messages name it. */
  coordinate: string;
  route: ShardRoute;
  /** JURISDICTION, OWNER_OF_ID: the argument that names the node. */
  by?: string;
  merge: ShardMerge;
  /** Set exactly when merge is CONNECTION. */
  connection?: ConnectionShape;
}

type RootOperation = 'query' | 'mutation';

export interface ShardingPlan {
  /** @returns the declaration of a root field, or undefined for a field the SDL does not have. */
  field(operation: RootOperation, name: string): FieldShard | undefined;
}

/** The gateway refuses to start with this: every problem found, one per line, each naming its field. */
export class ShardingPlanError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(
      `${source} does not declare how every registry root field routes and merges (DESIGN.md 3.8):\n` +
        problems.map((p) => `- ${p}`).join('\n'),
    );
    this.name = 'ShardingPlanError';
  }
}

/**
 * Federation adds these to every subgraph: `_entities` goes by each representation's owner,
 * `_service` (the SDL, identical everywhere) to any one node.
 */
const FEDERATION_FIELDS: Record<string, FieldShard | undefined> = {
  _service: { coordinate: 'Query._service', route: 'ANY', merge: 'SINGLE' },
  _entities: undefined,
};

const ONE_NODE: readonly ShardRoute[] = ['JURISDICTION', 'OWNER_OF_ID'];
const MANY_NODES: readonly ShardRoute[] = ['LISTED', 'EVERY'];

/** @returns the plan of the registry SDL in `file` (relative to the repository, or absolute). */
export function readShardingPlanFile(file = REGISTRY_SUBGRAPH.file): ShardingPlan {
  return readShardingPlan(readFileSync(path.resolve(REPO_ROOT, file), 'utf8'), file);
}

/**
 * @param sdl the registry subgraph's SDL.
 * @param source what the error message calls it.
 * @throws ShardingPlanError naming every root field that is undeclared or declared against its arguments.
 */
export function readShardingPlan(sdl: string, source = REGISTRY_SUBGRAPH.file): ShardingPlan {
  const schema = buildSubgraphSchema({ typeDefs: parse(sdl) });
  const directive = schema.getDirective('shard');
  if (!directive) throw new ShardingPlanError(source, ['the @shard directive is not declared']);
  const problems: string[] = [];
  const fields = new Map<string, FieldShard>();
  const roots: [RootOperation, GraphQLObjectType | null | undefined][] = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ];
  for (const [operation, type] of roots) {
    for (const field of Object.values(type?.getFields() ?? {})) {
      const coordinate = `${type?.name}.${field.name}`;
      if (operation === 'query' && field.name in FEDERATION_FIELDS) continue;
      const values = field.astNode ? getDirectiveValues(directive, field.astNode) : undefined;
      if (!values) {
        problems.push(`${coordinate} has no @shard declaration: declare how it routes and merges`);
        continue;
      }
      const { route, merge, by } = values as { route: string; merge: string; by?: string | null };
      if (!isOneOf(ROUTES, route) || !isOneOf(MERGES, merge)) {
        problems.push(
          `${coordinate}: @shard(route: "${route}", merge: "${merge}") is not a declaration: route is one of ` +
            `${ROUTES.join(', ')}; merge one of ${MERGES.join(', ')}`,
        );
        continue;
      }
      const shard: FieldShard = { coordinate, route, merge, ...(typeof by === 'string' ? { by } : {}) };
      const found = checkDeclaration(operation, field, shard);
      problems.push(...found.map((p) => `${coordinate}: ${p}`));
      if (found.length === 0) fields.set(`${operation}.${field.name}`, shard);
    }
  }
  if (problems.length > 0) throw new ShardingPlanError(source, problems);
  return {
    field(operation, name) {
      return fields.get(`${operation}.${name}`) ?? (operation === 'query' ? FEDERATION_FIELDS[name] : undefined);
    },
  };
}

/** @returns what is wrong with a field's declaration (empty when it matches the field); fills `shard.connection`. */
function checkDeclaration(
  operation: RootOperation,
  field: GraphQLField<unknown, unknown>,
  shard: FieldShard,
): string[] {
  const problems: string[] = [];
  const { route, merge, by } = shard;
  const arg = (name: string) => field.args.find((a) => a.name === name);
  const declared = `@shard(route: "${route}"${by !== undefined ? `, by: "${by}"` : ''}, merge: "${merge}")`;

  if (ONE_NODE.includes(route)) {
    const routing = by === undefined ? undefined : arg(by);
    if (by === undefined) problems.push(`${declared} needs \`by\`: the ID! argument that names the node`);
    else if (!routing) problems.push(`${declared} routes by "${by}", but the field has no argument "${by}"`);
    else if (String(routing.type) !== 'ID!') problems.push(`${declared} routes by "${by}", which is not ID!`);
  } else if (by !== undefined) {
    problems.push(`${declared}: \`by\` is only for routes JURISDICTION and OWNER_OF_ID`);
  }
  const jurisdictions = arg('jurisdictions');
  if (route === 'LISTED' && !isJurisdictionList(jurisdictions)) {
    problems.push(`${declared} needs a \`jurisdictions: [ID!]\` argument`);
  }
  if (route !== 'LISTED' && jurisdictions) {
    problems.push(`${declared} ignores its \`jurisdictions\` argument: route it LISTED`);
  }
  if (arg('jurisdiction') && !(route === 'JURISDICTION' && by === 'jurisdiction')) {
    problems.push(`${declared} ignores its \`jurisdiction\` argument: route it JURISDICTION by "jurisdiction"`);
  }

  if (operation === 'mutation' && !ONE_NODE.includes(route)) {
    problems.push(`${declared}: a mutation goes to exactly one node (route JURISDICTION or OWNER_OF_ID)`);
  }
  if (merge === 'SINGLE' && MANY_NODES.includes(route)) {
    problems.push(`${declared}: several nodes answer, merge them as LIST or CONNECTION`);
  }
  if (merge !== 'SINGLE' && !MANY_NODES.includes(route)) problems.push(`${declared}: one node answers, merge SINGLE`);
  if (merge === 'LIST' && !isListType(getNullableType(field.type))) {
    problems.push(`${declared}: merge LIST needs a list type, not ${String(field.type)}`);
  }
  if (merge === 'CONNECTION') {
    const type = getNamedType(field.type);
    const fields = isObjectType(type) && !isListType(getNullableType(field.type)) ? type.getFields() : {};
    const edges = fields.edges?.type;
    if (!edges || !isListType(getNullableType(edges)) || !fields.pageInfo) {
      problems.push(`${declared}: ${String(field.type)} is not a connection (edges: [...], pageInfo)`);
    }
    const first = arg('first');
    if (!first || String(first.type) !== 'Int' || !Number.isInteger(first.defaultValue)) {
      problems.push(`${declared} needs a \`first: Int = <default page size>\` argument`);
    } else {
      shard.connection = { typename: type.name, defaultFirst: first.defaultValue as number };
    }
  }
  return problems;
}

function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}

function isJurisdictionList(arg: GraphQLArgument | undefined): boolean {
  return arg !== undefined && String(arg.type) === '[ID!]';
}

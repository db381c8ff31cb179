import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  type ASTVisitor,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import { ERRORS } from '../../../services/common/src/errors';

/**
 * Limits on what one request may ask (DESIGN.md section 5): selection depth, and a cost where each
 * field costs 1 and a field with a literal `first` multiplies what is selected inside it by that;
 * other lists multiply by `listEstimate`. Variables are unknown at validation time, so `first: $n`
 * counts as 1; the nodes still cap every page at 500 rows.
 *
 * Every root field is at least one subgraph call (a registry one, one per node it routes to), so
 * it costs `rootFieldCost`, each alias of it again; and an operation may have at most
 * `maxRootFields` root fields and `maxAliases` aliases. A flood of aliases (1,000 ×
 * `teams(first: 1) { totalCount }`) is refused at validation, before any node is called.
 */
export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
  listEstimate?: number;
  /** Distinct root response keys (aliases included) per operation. */
  maxRootFields?: number;
  /** Aliased fields per operation, at any depth, each fragment spread counted where it is spread. */
  maxAliases?: number;
  /** What one root field costs before what it selects. */
  rootFieldCost?: number;
}

export const DEFAULT_QUERY_LIMITS = { listEstimate: 10, maxRootFields: 32, maxAliases: 64, rootFieldCost: 100 };

interface Measure {
  depth: number;
  cost: number;
}

class Measurer {
  /** Aliased fields seen so far. */
  aliases = 0;
  /** Root response keys seen so far. */
  readonly rootKeys = new Set<string>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: Record<string, FragmentDefinitionNode>,
    private readonly listEstimate: number,
    private readonly rootFieldCost: number,
  ) {}

  measure(
    set: SelectionSetNode,
    parent: GraphQLCompositeType | undefined,
    depth: number,
    seen: ReadonlySet<string>,
  ): Measure {
    let maxDepth = depth;
    let cost = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const fieldType =
          parent && (isObjectType(parent) || isInterfaceType(parent))
            ? parent.getFields()[sel.name.value]?.type
            : undefined;
        const named = fieldType ? getNamedType(fieldType) : undefined;
        const child = sel.selectionSet
          ? this.measure(sel.selectionSet, named && isCompositeType(named) ? named : undefined, depth + 1, seen)
          : { depth, cost: 0 };
        maxDepth = Math.max(maxDepth, child.depth);
        const isList = fieldType !== undefined && isListType(getNullableType(fieldType));
        if (sel.alias) this.aliases++;
        const isRoot = depth === 1 && !sel.name.value.startsWith('__');
        if (isRoot) this.rootKeys.add(sel.alias?.value ?? sel.name.value);
        cost += (isRoot ? this.rootFieldCost : 1) + this.multiplier(sel, isList) * child.cost;
        continue;
      }
      const fragment =
        sel.kind === Kind.FRAGMENT_SPREAD
          ? seen.has(sel.name.value)
            ? undefined
            : this.fragments[sel.name.value]
          : sel;
      if (!fragment) continue;
      const condition = fragment.typeCondition ? this.schema.getType(fragment.typeCondition.name.value) : parent;
      const next = sel.kind === Kind.FRAGMENT_SPREAD ? new Set([...seen, sel.name.value]) : seen;
      const m = this.measure(
        fragment.selectionSet,
        condition && isCompositeType(condition) ? condition : parent,
        depth,
        next,
      );
      maxDepth = Math.max(maxDepth, m.depth);
      cost += m.cost;
    }
    return { depth: maxDepth, cost };
  }

  /** A paginated field (connection or list) counts `first` rows; its `edges` were counted already. */
  private multiplier(field: FieldNode, isList: boolean): number {
    const first = field.arguments?.find((a) => a.name.value === 'first')?.value;
    if (first?.kind === Kind.INT) return Math.max(1, Number.parseInt(first.value, 10));
    if (!isList || field.name.value === 'edges') return 1;
    return this.listEstimate;
  }
}

/** @returns a validation rule refusing operations deeper or costlier than the limits. */
export function queryLimitsRule(limits: QueryLimits) {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(op) {
      const schema = context.getSchema();
      const fragments = Object.fromEntries(
        context
          .getDocument()
          .definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
          .map((d) => [d.name.value, d]),
      );
      const root =
        op.operation === 'mutation'
          ? schema.getMutationType()
          : op.operation === 'subscription'
            ? schema.getSubscriptionType()
            : schema.getQueryType();
      const { listEstimate, maxRootFields, maxAliases, rootFieldCost } = { ...DEFAULT_QUERY_LIMITS, ...limits };
      const measurer = new Measurer(schema, fragments, listEstimate, rootFieldCost);
      const { depth, cost } = measurer.measure(op.selectionSet, root ?? undefined, 1, new Set());
      const refuse = (message: string) =>
        context.reportError(new GraphQLError(message, { nodes: op, extensions: { code: ERRORS.BAD_USER_INPUT.code } }));
      if (measurer.rootKeys.size > maxRootFields) {
        refuse(
          `The operation asks for ${measurer.rootKeys.size} root fields; the limit is ${maxRootFields}. Send several operations`,
        );
      }
      if (measurer.aliases > maxAliases) {
        refuse(`The operation uses ${measurer.aliases} aliases; the limit is ${maxAliases}. Send several operations`);
      }
      if (depth > limits.maxDepth) refuse(`The query is ${depth} levels deep; the limit is ${limits.maxDepth}`);
      if (cost > limits.maxCost) {
        refuse(
          `The query would cost ${cost}; the limit is ${limits.maxCost}. Ask for fewer rows (first), fewer root fields or fewer nested lists`,
        );
      }
    },
  });
}

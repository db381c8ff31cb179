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
 */
export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
  listEstimate?: number;
}

interface Measure {
  depth: number;
  cost: number;
}

class Measurer {
  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: Record<string, FragmentDefinitionNode>,
    private readonly listEstimate: number,
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
        cost += 1 + this.multiplier(sel, isList) * child.cost;
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
      const { depth, cost } = new Measurer(schema, fragments, limits.listEstimate ?? 10).measure(
        op.selectionSet,
        root ?? undefined,
        1,
        new Set(),
      );
      if (depth > limits.maxDepth) {
        context.reportError(
          new GraphQLError(`The query is ${depth} levels deep; the limit is ${limits.maxDepth}`, {
            nodes: op,
            extensions: { code: ERRORS.BAD_USER_INPUT.code },
          }),
        );
      }
      if (cost > limits.maxCost) {
        context.reportError(
          new GraphQLError(
            `The query would cost ${cost}; the limit is ${limits.maxCost}. Ask for fewer rows (first) or fewer nested lists`,
            { nodes: op, extensions: { code: ERRORS.BAD_USER_INPUT.code } },
          ),
        );
      }
    },
  });
}

import { GraphQLError, Kind, type ASTVisitor, type FieldNode, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext } from 'graphql';
import { ERRORS } from '../../../services/common/src/errors';

/**
 * Limits on what one request may ask (DESIGN.md section 5): selection depth, and a cost that
 * multiplies nested selections by each field's literal `first` (default 1).
 */
export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
}

function measure(set: SelectionSetNode, fragments: Record<string, FragmentDefinitionNode>, depth: number, seen: Set<string>): { depth: number; cost: number } {
  let maxDepth = depth;
  let cost = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      const child = sel.selectionSet ? measure(sel.selectionSet, fragments, depth + 1, seen) : { depth, cost: 0 };
      maxDepth = Math.max(maxDepth, child.depth);
      cost += 1 + multiplier(sel) * child.cost;
    } else {
      const inner = sel.kind === Kind.INLINE_FRAGMENT ? sel.selectionSet : seen.has(sel.name.value) ? undefined : fragments[sel.name.value]?.selectionSet;
      if (!inner) continue;
      const next = sel.kind === Kind.FRAGMENT_SPREAD ? new Set([...seen, sel.name.value]) : seen;
      const m = measure(inner, fragments, depth, next);
      maxDepth = Math.max(maxDepth, m.depth);
      cost += m.cost;
    }
  }
  return { depth: maxDepth, cost };
}

function multiplier(field: FieldNode): number {
  const first = field.arguments?.find((a) => a.name.value === 'first')?.value;
  return first?.kind === Kind.INT ? Math.max(1, Number.parseInt(first.value, 10)) : 1;
}

/** @returns a validation rule refusing operations deeper or costlier than the limits. */
export function queryLimitsRule(limits: QueryLimits) {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(op) {
      const fragments = Object.fromEntries(context.getDocument().definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
      const { depth, cost } = measure(op.selectionSet, fragments, 1, new Set());
      if (depth > limits.maxDepth) context.reportError(new GraphQLError(`The query is ${depth} levels deep; the limit is ${limits.maxDepth}`, { nodes: op, extensions: { code: ERRORS.BAD_USER_INPUT.code } }));
      if (cost > limits.maxCost) context.reportError(new GraphQLError(`The query would cost ${cost}; the limit is ${limits.maxCost}. Ask for fewer rows (first) or fewer nested fields`, { nodes: op, extensions: { code: ERRORS.BAD_USER_INPUT.code } }));
    },
  });
}

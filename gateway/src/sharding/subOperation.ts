import {
  Kind,
  print,
  visit,
  type ASTNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type InlineFragmentNode,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import type { OperationAnalysis } from './operationAnalysis';

/**
 * One root fetch cut down to the root fields that go to one node (DESIGN.md 3.2): a node is sent
 * only what it can answer, so `a: dutyRoster(jurisdiction: "wujin.henglin") b: dutyRoster(
 * jurisdiction: "wujin")` asks each node for its own alias and neither refuses the other's. The
 * result is a valid operation: fragments and variable definitions nothing uses any more are
 * dropped (GraphQL refuses unused ones), and a root fragment spread that is only partly kept
 * becomes an inline fragment with the spread's directives.
 */

export interface SubOperation {
  query: string;
  /** The variables it still defines: the only ones to send. */
  variables: ReadonlySet<string>;
}

const CACHE_LIMIT = 2000;
const cache = new Map<string, SubOperation>();

/**
 * @param query the fetch's query, printed (the cache key).
 * @param analysis its analysis (the parsed document and its fragments).
 * @param keep the response keys to keep at the root.
 * @returns the printed sub-operation (cached per query and key set).
 */
export function subOperation(query: string, analysis: OperationAnalysis, keep: ReadonlySet<string>): SubOperation {
  const cacheKey = `${[...keep].sort().join('\u0000')}\u0001${query}`;
  const cached = cache.get(cacheKey);
  if (cached !== undefined) return cached;
  const { document, fragments } = analysis;
  const op = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (!op) throw new Error('no operation in subgraph fetch');

  const rootSet = keepRootFields(op.selectionSet, fragments, keep) ?? { kind: Kind.SELECTION_SET, selections: [] };
  const usedFragments = reachableFragments(rootSet, fragments);
  const usedVariables = new Set<string>();
  for (const node of [rootSet, ...[...usedFragments].map((n) => fragments.get(n) as FragmentDefinitionNode)]) {
    collectVariables(node, usedVariables);
  }
  const operation: OperationDefinitionNode = {
    ...op,
    selectionSet: rootSet,
    variableDefinitions: (op.variableDefinitions ?? []).filter((v) => usedVariables.has(v.variable.name.value)),
  };
  const sub: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [operation, ...[...fragments.values()].filter((f) => usedFragments.has(f.name.value))],
  };
  const result: SubOperation = {
    query: print(sub),
    variables: new Set(operation.variableDefinitions?.map((v) => v.variable.name.value)),
  };
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(cacheKey, result);
  return result;
}

/** @returns the root selection set keeping only the fields in `keep`, or undefined when none is left. */
function keepRootFields(
  set: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  keep: ReadonlySet<string>,
): SelectionSetNode | undefined {
  const selections: SelectionNode[] = [];
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      if (keep.has(sel.alias?.value ?? sel.name.value)) selections.push(sel);
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      const inner = keepRootFields(sel.selectionSet, fragments, keep);
      if (inner) selections.push({ ...sel, selectionSet: inner });
    } else {
      const fragment = fragments.get(sel.name.value);
      const inner = fragment ? keepRootFields(fragment.selectionSet, fragments, keep) : undefined;
      if (!fragment || !inner) continue;
      if (inner === fragment.selectionSet) {
        selections.push(sel);
      } else {
        const inline: InlineFragmentNode = {
          kind: Kind.INLINE_FRAGMENT,
          typeCondition: fragment.typeCondition,
          directives: sel.directives ?? [],
          selectionSet: inner,
        };
        selections.push(inline);
      }
    }
  }
  if (selections.length === 0) return undefined;
  // Unchanged sets keep their identity, so a fully kept fragment stays a spread.
  return selections.length === set.selections.length && selections.every((s, i) => s === set.selections[i])
    ? set
    : { ...set, selections };
}

function reachableFragments(
  root: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): Set<string> {
  const seen = new Set<string>();
  const walk = (node: ASTNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        if (seen.has(name)) return;
        seen.add(name);
        const fragment = fragments.get(name);
        if (fragment) walk(fragment);
      },
    });
  walk(root);
  return seen;
}

function collectVariables(node: ASTNode, out: Set<string>): void {
  visit(node, {
    Variable(v) {
      out.add(v.name.value);
    },
  });
}

import {
  Kind,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

/**
 * What the sharded data source needs to know about a subgraph fetch: its operation type, whether
 * it is an `_entities` fetch, and its root fields with their arguments. Computed once per fetch
 * document: the query planner hands the same parsed document with every execution of a cached
 * plan (`exposeDocumentNodeInFetchNode`), so nothing is parsed on the hot path.
 */
export interface RootField {
  responseKey: string;
  name: string;
  node: FieldNode;
}

export interface OperationAnalysis {
  document: DocumentNode;
  operation: 'query' | 'mutation' | 'subscription';
  isEntities: boolean;
  rootFields: RootField[];
  fragments: Map<string, FragmentDefinitionNode>;
  /** Default values of the operation's variables: nodes apply them, so routing and merging must too. */
  variableDefaults: Record<string, unknown>;
}

const byDocument = new WeakMap<DocumentNode, OperationAnalysis>();

/**
 * The one selection walker: the fields a selection set selects, through inline fragments and
 * fragment spreads (directives are not evaluated: the nodes and the planner handle @skip/@include).
 */
export function selectedFields(
  set: SelectionSetNode | undefined,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  out: FieldNode[] = [],
): FieldNode[] {
  for (const sel of set?.selections ?? []) {
    if (sel.kind === Kind.FIELD) out.push(sel);
    else if (sel.kind === Kind.INLINE_FRAGMENT) selectedFields(sel.selectionSet, fragments, out);
    else selectedFields(fragments.get(sel.name.value)?.selectionSet, fragments, out);
  }
  return out;
}

/** @returns the variables as a node sees them: the client's values over the operation's defaults. */
export function effectiveVariables(
  analysis: OperationAnalysis,
  variables: Record<string, unknown> | undefined,
): Record<string, unknown> {
  return { ...analysis.variableDefaults, ...variables };
}

/** @returns the analysis of a fetch's document (cached per document). */
export function analyzeOperation(doc: DocumentNode): OperationAnalysis {
  const cached = byDocument.get(doc);
  if (cached) return cached;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of doc.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const op = doc.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!op || op.kind !== Kind.OPERATION_DEFINITION) throw new Error('no operation in subgraph fetch');
  const rootFields = selectedFields(op.selectionSet, fragments).map((node) => ({
    responseKey: node.alias?.value ?? node.name.value,
    name: node.name.value,
    node,
  }));
  const analysis: OperationAnalysis = {
    document: doc,
    operation: op.operation,
    isEntities: rootFields.some((f) => f.name === '_entities'),
    rootFields,
    fragments,
    variableDefaults: Object.fromEntries(
      (op.variableDefinitions ?? [])
        .filter((v) => v.defaultValue !== undefined)
        .map((v) => [v.variable.name.value, valueFromASTUntyped(v.defaultValue as ValueNode)]),
    ),
  };
  byDocument.set(doc, analysis);
  return analysis;
}

/** @returns the JSON value of an argument, resolving variables; undefined when absent. */
export function argumentValue(field: FieldNode, name: string, variables: Record<string, unknown> | undefined): unknown {
  const arg = field.arguments?.find((a) => a.name.value === name);
  return arg ? valueOf(arg.value, variables ?? {}) : undefined;
}

function valueOf(node: ValueNode, variables: Record<string, unknown>): unknown {
  switch (node.kind) {
    case Kind.VARIABLE:
      return variables[node.name.value];
    case Kind.STRING:
    case Kind.ENUM:
      return node.value;
    case Kind.INT:
      return Number.parseInt(node.value, 10);
    case Kind.FLOAT:
      return Number.parseFloat(node.value);
    case Kind.BOOLEAN:
      return node.value;
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return node.values.map((v) => valueOf(v, variables));
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((f) => [f.name.value, valueOf(f.value, variables)]));
  }
}

/** @returns the sub-fields (FieldNodes) named `fieldName` in a field's selection set. */
export function subFields(
  field: FieldNode,
  fieldName: string,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): FieldNode[] {
  return selectedFields(field.selectionSet, fragments).filter((f) => f.name.value === fieldName);
}

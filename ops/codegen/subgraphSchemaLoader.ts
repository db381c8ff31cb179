import path from 'node:path';
import type { GraphQLSchema } from 'graphql';
import { buildSchemaFromContract } from '../../services/common/src/subgraphSchema';

/**
 * A graphql-codegen schema loader (see codegen.yml): the schema one subgraph serves itself, built
 * from its contract `schema/<name>.graphql` as the service builds it. Operations sent straight to
 * a node (the saga's reservation calls) are typed and validated against it.
 */
export default function subgraphSchemaLoader(pointer: string): GraphQLSchema {
  const name = path.basename(pointer, '.graphql');
  if (path.normalize(pointer) !== path.join('schema', `${name}.graphql`)) {
    throw new Error(`subgraphSchemaLoader: expected schema/<name>.graphql, got ${pointer}`);
  }
  return buildSchemaFromContract(name, {});
}

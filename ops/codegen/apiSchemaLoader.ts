import path from 'node:path';
import type { GraphQLSchema } from 'graphql';
import { ARTEFACT_SUBGRAPHS, composeApiSchema } from '../../gateway/src/supergraph';

/**
 * A graphql-codegen schema loader (see codegen.yml): the API schema the gateway serves, composed
 * by the gateway's own composition from every subgraph (ARTEFACT_SUBGRAPHS), their contracts read
 * from the directory the pointer names (`schema`). Operations sent to the gateway are typed and
 * validated against it.
 */
export default function apiSchemaLoader(pointer: string): GraphQLSchema {
  return composeApiSchema(ARTEFACT_SUBGRAPHS.map((s) => ({ ...s, file: path.join(pointer, path.basename(s.file)) })));
}

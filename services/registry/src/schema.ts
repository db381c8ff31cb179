import type { GraphQLSchema } from 'graphql';
import { buildSchemaFromContract } from '../../common/src/subgraphSchema';
import { resolvers } from './resolvers';

/** The contract is schema/registry.graphql. */
export function buildRegistrySchema(): GraphQLSchema {
  return buildSchemaFromContract('registry', resolvers);
}

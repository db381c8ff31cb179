import type { GraphQLSchema } from 'graphql';
import { buildSchemaFromContract } from '../../common/src/subgraphSchema';
import { resolvers } from './resolvers';

/** The contract is schema/mutual-aid.graphql. */
export function buildMutualAidSchema(): GraphQLSchema {
  return buildSchemaFromContract('mutual-aid', resolvers);
}

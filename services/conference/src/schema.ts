import type { GraphQLSchema } from 'graphql';
import { buildSchemaFromContract } from '../../common/src/subgraphSchema';
import { resolvers } from './resolvers';

/** The contract is schema/conference.graphql. */
export function buildConferenceSchema(): GraphQLSchema {
  return buildSchemaFromContract('conference', resolvers);
}

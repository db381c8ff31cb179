import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { type GraphQLSchema, parse } from 'graphql';
import { resolvers } from './resolvers';

/** The contract: the SDL lives only in schema/mutual-aid.graphql. */
export const MUTUAL_AID_SDL_FILE = path.resolve(__dirname, '../../../schema/mutual-aid.graphql');

export function buildMutualAidSchema(): GraphQLSchema {
  const typeDefs = parse(readFileSync(MUTUAL_AID_SDL_FILE, 'utf8'));
  // Codegen's Resolvers type is not assignable to GraphQLResolverMap under strict mode
  // (apollographql/federation#2205), hence the cast.
  return buildSubgraphSchema({ typeDefs, resolvers: resolvers as unknown as GraphQLResolverMap<unknown> });
}

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { type GraphQLSchema, parse } from 'graphql';
import { REPO_ROOT } from './paths';

/**
 * A subgraph schema from its contract, `schema/<name>.graphql` (the SDL lives only there), and
 * the service's resolvers.
 */
export function buildSchemaFromContract(name: string, resolvers: object): GraphQLSchema {
  const typeDefs = parse(readFileSync(path.join(REPO_ROOT, 'schema', `${name}.graphql`), 'utf8'));
  // Codegen's Resolvers type is not assignable to GraphQLResolverMap under strict mode
  // (apollographql/federation#2205), hence the cast.
  return buildSubgraphSchema({ typeDefs, resolvers: resolvers as unknown as GraphQLResolverMap<unknown> });
}

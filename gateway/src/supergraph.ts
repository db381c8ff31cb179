import { readFileSync } from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { REPO_ROOT } from '../../services/common/src/paths';

/**
 * The supergraph is composed at start from schema/*.graphql (the single source of truth), with
 * @apollo/composition and no network. The registry's URL is a placeholder: the sharded data
 * source, not this URL, decides which nodes a fetch goes to.
 */
export interface SubgraphSource {
  name: string;
  file: string;
  url: string;
}

export const REGISTRY_PLACEHOLDER_URL = 'http://registry.sharded.invalid/graphql';

export const REGISTRY_SUBGRAPH: SubgraphSource = {
  name: 'registry',
  file: 'schema/registry.graphql',
  url: REGISTRY_PLACEHOLDER_URL,
};

/**
 * @returns the supergraph SDL.
 * @throws with every composition error when the subgraphs do not compose.
 */
export function composeSupergraph(subgraphs: readonly SubgraphSource[]): string {
  const result = composeServices(
    subgraphs.map((s) => ({
      name: s.name,
      url: s.url,
      typeDefs: parse(readFileSync(path.join(REPO_ROOT, s.file), 'utf8')),
    })),
  );
  if (result.errors)
    throw new Error(`The subgraphs do not compose:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  return result.supergraphSdl;
}

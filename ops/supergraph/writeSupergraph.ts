import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { supergraphArtefact, SUPERGRAPH_FILE } from '../../gateway/src/supergraph';
import { REPO_ROOT } from '../../services/common/src/paths';

/**
 * `npm run supergraph` writes schema/supergraph.graphql, composed from schema/*.graphql;
 * `npm run supergraph:check` (in .ci/run) exits 1 when the committed file differs from a fresh
 * composition, naming the command that fixes it.
 */
const file = path.join(REPO_ROOT, SUPERGRAPH_FILE);
const fresh = supergraphArtefact();

if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(file, 'utf8');
  } catch {
    // missing: stale
  }
  if (committed !== fresh) {
    process.stderr.write(`${SUPERGRAPH_FILE} is stale: run \`npm run supergraph\` and commit the result.\n`);
    process.exit(1);
  }
  process.stdout.write(`${SUPERGRAPH_FILE} is current.\n`);
} else {
  writeFileSync(file, fresh);
  process.stdout.write(`wrote ${SUPERGRAPH_FILE}\n`);
}

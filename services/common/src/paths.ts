import path from 'node:path';

/** The repository root, where `.tools/`, `.data/` and `.secrets/` (all git-ignored) live. */
export const REPO_ROOT = path.resolve(__dirname, '../../..');

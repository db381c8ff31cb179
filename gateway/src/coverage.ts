/**
 * The gateway's coverage (DESIGN.md 3.5) is the shared one: the sharded data source records into
 * the request's Coverage, AuthForwardingDataSource merges each subgraph's `extensions.coverage`
 * into it, and the plugin adds it to every response that touched the registry.
 */
export { Coverage, coveragePlugin } from '../../services/common/src/coverage';

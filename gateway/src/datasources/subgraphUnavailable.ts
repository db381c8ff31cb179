import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GraphQLError } from 'graphql';
import { ERRORS } from '../../../services/common/src/errors';

/**
 * A whole subgraph (mutual-aid, conference) that is down or silent, named so that a client can
 * act on it (DESIGN.md 4): SERVICE_UNAVAILABLE with `extensions.service`. The gateway keeps the
 * rest of the operation: fields of other subgraphs still answer, this subgraph's are null.
 */

type Fetcher = RemoteGraphQLDataSource['fetcher'];

/** Statuses of a proxy or load balancer in front of a service that is not there. */
const GATEWAY_STATUSES = new Set([502, 503, 504]);

/**
 * @returns the fetcher with a deadline per call: RemoteGraphQLDataSource has none of its own, so a
 * silent subgraph would hold the whole answer (the registry's nodes have theirs, NodeClient).
 */
export function withDeadline(fetcher: Fetcher, deadlineMs: number): Fetcher {
  return (url, init) => fetcher(url, { ...init, signal: AbortSignal.timeout(deadlineMs) });
}

/**
 * @param error what the fetch threw.
 * @param status the HTTP status, when the service answered at all.
 * @returns SERVICE_UNAVAILABLE when the service did not answer (refused, reset, deadline) or a
 * proxy said it is not there; undefined for anything else (its own error stands).
 */
export function unavailableError(
  service: string,
  deadlineMs: number,
  error: unknown,
  status: number | undefined,
): GraphQLError | undefined {
  let reason: string;
  if (status !== undefined) {
    if (!GATEWAY_STATUSES.has(status)) return undefined;
    reason = `HTTP ${status}`;
  } else {
    const e = error as { name?: string; type?: string; code?: string; message?: string };
    const timedOut = e.name === 'AbortError' || e.name === 'TimeoutError' || e.type === 'aborted';
    reason = timedOut ? `no answer within ${deadlineMs} ms` : (e.code ?? e.message ?? 'no answer');
  }
  return ERRORS.SERVICE_UNAVAILABLE.err(
    `The ${service} service did not answer (${reason}); its fields are missing from this answer. Try again shortly.`,
    { service },
  );
}

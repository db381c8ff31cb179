import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { readCoverageReport } from '../../../services/common/src/coverage';
import { CONTRACT_CODES } from '../../../services/common/src/errors';
import { currentTraceCarrier } from '../../../services/common/src/tracing/spans';
import type { ShardedContext } from './ShardedRegistryDataSource';
import { unavailableError, withDeadline } from './subgraphUnavailable';

/** An ordinary subgraph (mutual-aid, conference): forwards the caller's token, which it verifies again. */
type FetcherResponse = Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0];
type DidReceiveResponseArgs = Parameters<NonNullable<RemoteGraphQLDataSource<ShardedContext>['didReceiveResponse']>>[0];

export interface SubgraphOptions {
  url: string | undefined;
  /** The subgraph's name (mutual-aid, conference), reported when it is unavailable. */
  name: string;
  deadlineMs: number;
}

export class AuthForwardingDataSource extends RemoteGraphQLDataSource<ShardedContext> {
  private readonly service: string;
  private readonly deadlineMs: number;

  constructor(options: SubgraphOptions) {
    super(options.url === undefined ? {} : { url: options.url });
    this.service = options.name;
    this.deadlineMs = options.deadlineMs;
    this.fetcher = withDeadline(this.fetcher, options.deadlineMs);
  }

  /** A service that is down or silent is SERVICE_UNAVAILABLE naming it, not an internal error. */
  override didEncounterError(error: Error, _request: unknown, response?: FetcherResponse): void {
    throw unavailableError(this.service, this.deadlineMs, error, response?.status) ?? error;
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<ShardedContext>): void {
    const authorization = options.kind === 'incoming operation' ? options.context.authorization : undefined;
    if (authorization) options.request.http?.headers.set('authorization', authorization);
    // The subgraph continues this request's trace (the gateway's fetch span is active here).
    for (const [name, value] of Object.entries(currentTraceCarrier())) options.request.http?.headers.set(name, value);
  }

  /**
   * A subgraph that built part of the answer from registry data (mutual aid's suggestions) reports
   * the registry's coverage in its response extensions, which the gateway would drop: merge it into
   * the request's own, so the client's `extensions.coverage` names every jurisdiction that was asked.
   */
  override didReceiveResponse({ response, context }: DidReceiveResponseArgs): GatewayGraphQLResponse {
    const report = readCoverageReport(response.extensions);
    if (report) context.coverage.merge(report);
    return response;
  }

  /**
   * A subgraph answers HTTP 400 when a variable fails its scalar (an impossible DateTime, say),
   * with the contract error in the body. Pass that error on as it is, instead of Apollo's bare
   * "400: Bad Request", so the client learns which field to fix.
   */
  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    const body = await this.parseBody(response).catch(() => null);
    const first = (body as { errors?: { message?: string; extensions?: { code?: string } }[] } | null)?.errors?.[0];
    const code = first?.extensions?.code;
    if (first?.message && code && CONTRACT_CODES.has(code)) {
      return new GraphQLError(first.message, { extensions: { ...first.extensions, code } });
    }
    return super.errorFromResponse(response);
  }
}

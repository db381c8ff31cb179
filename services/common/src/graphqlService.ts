import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin, type BaseContext, type PersistedQueryOptions } from '@apollo/server';
import type { GatewayInterface } from '@apollo/server-gateway-interface';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type NextFunction, type Request, type Response } from 'express';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema, type ValidationRule } from 'graphql';
import { clientMistakesPlugin } from './clientMistakes';
import type { Attributes } from '@opentelemetry/api';
import { CONTRACT_CODES, ERRORS } from './errors';
import { graphqlHttpHandler, INVALID_UTF8, isGraphQLJsonPost, verifyUtf8Body, type BodyError } from './graphqlHttp';
import type { Logger } from './logger';
import { graphqlTracingPlugin } from './tracing/graphqlTracingPlugin';
import { traceHttpRequest } from './tracing/spans';

/**
 * One GraphQL HTTP service (a registry node, a subgraph or the gateway): Apollo Server on Express
 * with the air-gap plugins, contract error codes, a body-size limit, `/healthz` and `/readyz`.
 */
export interface GraphQLServiceOptions<TContext extends BaseContext> {
  schema?: GraphQLSchema;
  gateway?: GatewayInterface;
  /** Per request; only the request's headers are read. */
  context: (args: { req: http.IncomingMessage }) => Promise<TContext>;
  /** Readiness: true when the service's dependencies (its database) answer. */
  ready: () => Promise<boolean>;
  logger: Logger;
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Largest accepted request body, e.g. '256kb'. */
  bodyLimit: string;
  plugins?: ApolloServerPlugin<TContext>[];
  validationRules?: ValidationRule[];
  /** Extra HTTP routes beside /graphql (e.g. report downloads), registered before it. */
  routes?: (app: express.Express) => void;
  /**
   * Automatic persisted queries: off unless given (a client asking gets 400 BAD_USER_INPUT).
   * Only the gateway takes them; it never sends them on to the subgraphs.
   */
  persistedQueries?: PersistedQueryOptions;
  /** Set on every request's server span (a node's `aidnet.jurisdiction`). */
  traceAttributes?: Attributes;
}

export interface RunningService {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Parse and validation failures are the client's input errors in the contract's vocabulary. */
const INPUT_FAILURE_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/**
 * Codes of the automatic-persisted-query protocol, passed through as they are: an APQ client
 * retries with the full query only when it sees PERSISTED_QUERY_NOT_FOUND.
 */
const PROTOCOL_CODES = new Set(['PERSISTED_QUERY_NOT_FOUND']);

/**
 * Apollo Server's own request errors without a code but with a 4xx status (a persisted-query
 * hash that does not match its query, an unsupported persisted-query version): client mistakes.
 */
function isCodelessClientError(error: unknown): boolean {
  if (!(error instanceof GraphQLError) || error.extensions.code !== undefined || error.originalError) return false;
  const status = (error.extensions.http as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/**
 * Maps every error onto a contract code. Unexpected errors are logged in full and reach the
 * client only as INTERNAL_SERVER_ERROR with a generic message — never a stack trace.
 */
export function contractErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
    if (typeof code === 'string' && CONTRACT_CODES.has(code) && code !== 'INTERNAL_SERVER_ERROR') {
      return { ...formatted, extensions };
    }
    if (typeof code === 'string' && PROTOCOL_CODES.has(code)) return { ...formatted, extensions };
    if (typeof code === 'string' && INPUT_FAILURE_CODES.has(code)) {
      return { ...formatted, extensions: { ...extensions, code: ERRORS.BAD_USER_INPUT.code, reason: code } };
    }
    if (isCodelessClientError(error)) {
      return { ...formatted, extensions: { ...extensions, code: ERRORS.BAD_USER_INPUT.code } };
    }
    logger.error({ err: error, path: formatted.path }, 'unexpected error while resolving');
    return {
      message:
        'Internal server error: the operation failed and was logged. Try again; if it persists, tell the duty IT staff.',
      ...(formatted.path ? { path: formatted.path } : {}),
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: { code: ERRORS.INTERNAL_SERVER_ERROR.code },
    };
  };
}

/** @returns the running service; `stop()` drains HTTP and stops Apollo Server. */
export async function startGraphQLService<TContext extends BaseContext>(
  options: GraphQLServiceOptions<TContext>,
): Promise<RunningService> {
  const { logger } = options;
  const app = express();
  app.disable('x-powered-by');
  // Express would hash every response body (SHA-1) into an ETag: useless for POSTed GraphQL
  // answers, which are never revalidated, and ~6% of a registry node's CPU per request.
  app.set('etag', false);
  // JSON POSTs to /graphql skip Express (see graphqlHttp.ts) once Apollo Server has started.
  let graphqlPost: ((req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>) | undefined;
  const serve = (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (graphqlPost && isGraphQLJsonPost(req)) {
      graphqlPost(req, res).catch((err: unknown) => answerBodyError(res, err as Error));
      return;
    }
    void app(req, res);
  };
  // GraphQL requests continue the caller's trace (traceparent); probes and assets are not traced.
  const spanAttributes = { 'url.path': '/graphql', ...options.traceAttributes };
  const httpServer = http.createServer((req, res) =>
    req.url?.startsWith('/graphql')
      ? traceHttpRequest(`${req.method} /graphql`, req, res, spanAttributes, () => serve(req, res))
      : serve(req, res),
  );
  // Keep connections from the gateway's pool open well beyond its reuse window.
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;

  const common = {
    includeStacktraceInErrorResponses: false,
    validationRules: options.validationRules ?? [],
    formatError: contractErrorFormatter(logger),
    persistedQueries: options.persistedQueries ?? (false as const),
    plugins: [
      clientMistakesPlugin<TContext>(),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      // No type or field carries @cacheControl and no answer may be cached (maxAge 0, so no
      // Cache-Control header was ever sent). The default plugin still hooked every field
      // resolver to compute that policy: ~10% of a registry node's CPU per request.
      ApolloServerPluginCacheControlDisabled(),
      graphqlTracingPlugin<TContext>(),
      ...(options.plugins ?? []),
    ],
  };
  const server = options.gateway
    ? new ApolloServer<TContext>({ ...common, gateway: options.gateway })
    : new ApolloServer<TContext>({ ...common, schema: options.schema as GraphQLSchema });
  await server.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const ok = await options.ready().catch(() => false);
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'not ready' });
  });
  options.routes?.(app);
  // Body failures (too large, not UTF-8, bad JSON) answer in GraphQL's error shape, on both paths.
  const answerBodyError = (res: http.ServerResponse, err: BodyError) => {
    const status = err.status ?? 500;
    if (status >= 500) logger.error({ err }, 'request failed before GraphQL');
    if (res.headersSent) return void res.destroy();
    const payload = JSON.stringify({
      errors: [
        {
          message:
            err.type === 'entity.too.large'
              ? `The request body is larger than ${options.bodyLimit}.`
              : err.type === INVALID_UTF8 || err.type === 'charset.unsupported'
                ? `${err.message} Send the JSON body as UTF-8.`
                : status < 500
                  ? 'The request body is not valid JSON.'
                  : 'Internal server error.',
          extensions: { code: status < 500 ? ERRORS.BAD_USER_INPUT.code : ERRORS.INTERNAL_SERVER_ERROR.code },
        },
      ],
    });
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(payload),
    });
    res.end(payload);
  };
  const { context } = options;
  graphqlPost = graphqlHttpHandler({ server, context, bodyLimit: options.bodyLimit, onBodyError: answerBodyError });
  // Everything else that reaches /graphql (GET, other content types, compressed bodies), with the
  // same UTF-8 check as the fast path.
  app.use(
    '/graphql',
    express.json({ limit: options.bodyLimit, verify: verifyUtf8Body }),
    expressMiddleware(server, { context }),
  );
  app.use((err: BodyError, _req: Request, res: Response, _next: NextFunction) => answerBodyError(res, err));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://${options.host}:${port}/graphql`;

  return {
    url,
    port,
    async stop() {
      httpServer.closeIdleConnections();
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await server.stop();
      httpServer.closeAllConnections();
      await closed;
    },
  };
}

import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { Kind, type DocumentNode } from 'graphql';
import { ERRORS } from './errors';

/**
 * Client mistakes that Apollo Server itself detects answer as the client's, in every service:
 *
 * - An `operationName` that names no operation of the document (or none given for a document
 *   with several) is refused as soon as the operation is resolved, before execution: through the
 *   gateway it would otherwise reach @apollo/gateway's executor, which throws a code-less error
 *   (HTTP 500 INTERNAL_SERVER_ERROR).
 * - A request-level error (no `data`: nothing was executed) that the contract formatter names
 *   BAD_USER_INPUT is answered 4xx. Apollo Server answers some of them 200, e.g. a persisted-query
 *   request to a service that does not take them.
 */
export function clientMistakesPlugin<T extends BaseContext>(): ApolloServerPlugin<T> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation({ operation, document, request }) {
          if (operation) return Promise.resolve();
          return Promise.reject(
            ERRORS.BAD_USER_INPUT.err(unresolvedMessage(document, request.operationName ?? undefined), {
              fields: [{ path: 'operationName', message: 'names no operation of the document' }],
              http: { status: ERRORS.BAD_USER_INPUT.httpStatus },
            }),
          );
        },
        willSendResponse({ response }) {
          if (response.body.kind === 'single') {
            const { data, errors } = response.body.singleResult;
            const status = response.http.status ?? 200;
            const clientMistake =
              data === undefined &&
              !!errors?.length &&
              errors.every((e) => e.extensions?.code === ERRORS.BAD_USER_INPUT.code);
            if (clientMistake && status < 400) response.http.status = ERRORS.BAD_USER_INPUT.httpStatus;
          }
          return Promise.resolve();
        },
      }),
  };
}

function unresolvedMessage(document: DocumentNode, operationName: string | undefined): string {
  const names = document.definitions.flatMap((d) =>
    d.kind === Kind.OPERATION_DEFINITION ? [d.name?.value ?? '(anonymous)'] : [],
  );
  const listed = names.length > 0 ? `; the document has ${names.map((n) => `"${n}"`).join(', ')}` : '';
  if (operationName !== undefined) {
    return `operationName "${operationName.slice(0, 64)}" names no operation of the document${listed}`;
  }
  return names.length === 0
    ? 'The document has no operation'
    : `The document has several operations${listed}: give operationName`;
}

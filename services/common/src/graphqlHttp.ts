import { isUtf8 } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import getRawBody from 'raw-body';

/**
 * The hot path of every service: a JSON `POST /graphql` goes straight from Node's HTTP server to
 * Apollo Server. Express (routing, body-parser, content negotiation, `res.send`) cost a registry
 * node ~10% of its CPU per request, and in a fan-out 24 nodes pay it at once on the same cores.
 * Everything else (GET, other content types, `/healthz`, the console, reports) still goes to the
 * Express app, whose behaviour this path reproduces: the same body limit and the same errors.
 */

/** The error a body that cannot be read or parsed gets (status 400/413), as the Express app answers it. */
export type BodyErrorResponder = (res: ServerResponse, err: BodyError) => void;

export interface GraphQLHttpOptions<TContext extends BaseContext> {
  server: ApolloServer<TContext>;
  context: (args: { req: IncomingMessage }) => Promise<TContext>;
  /** Largest accepted body, e.g. '256kb' (the `bytes` format body-parser uses). */
  bodyLimit: string;
  onBodyError: BodyErrorResponder;
}

/** @returns true for the requests the fast path serves: POST /graphql with a JSON body. */
export function isGraphQLJsonPost(req: IncomingMessage): boolean {
  if (req.method !== 'POST') return false;
  const url = req.url ?? '';
  const path = url.length > 8 && url.charCodeAt(8) === 63 /* ? */ ? url.slice(0, 8) : url;
  if (path !== '/graphql') return false;
  // Compressed bodies and other charsets take the Express path (body-parser inflates and decodes).
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return false;
  const type = req.headers['content-type'];
  return (
    typeof type === 'string' &&
    JSON_TYPE.test(type) &&
    (!/charset=/i.test(type) || /charset="?utf-?8"?\s*(;|$)/i.test(type))
  );
}

const JSON_TYPE = /^application\/json\s*(;|$)/i;

/** What a body that cannot be read as a GraphQL request gets: its HTTP status and kind. */
export type BodyError = Error & { status?: number; type?: string };

/** The `type` of a body that is not valid UTF-8 (body-parser names its own failures the same way). */
export const INVALID_UTF8 = 'entity.encoding.invalid';

/**
 * Request bodies are UTF-8 (RFC 8259 section 8.1), checked byte for byte before anything decodes
 * them: a decoder would turn bad bytes into U+FFFD, and that would be stored as if it were sent.
 * @returns the text of the body, without a leading byte order mark (as body-parser reads it).
 * @throws a 400 BodyError when the bytes are not valid UTF-8.
 */
export function decodeUtf8Body(bytes: Buffer): string {
  if (!isUtf8(bytes)) {
    throw Object.assign(new Error('The request body is not valid UTF-8.'), { status: 400, type: INVALID_UTF8 });
  }
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * body-parser's `verify` hook for the Express path: the same UTF-8 check on the (inflated) bytes.
 * Other charsets are refused with 415: every client of AidNet sends UTF-8.
 */
export function verifyUtf8Body(_req: unknown, _res: unknown, bytes: Buffer, encoding: string): void {
  if (encoding.toLowerCase() !== 'utf-8') {
    throw Object.assign(new Error(`The request body must be UTF-8, not ${encoding}.`), {
      status: 415,
      type: 'charset.unsupported',
    });
  }
  decodeUtf8Body(bytes);
}
/** body-parser's strict mode: only objects and arrays are GraphQL request bodies. */
const STRICT_JSON_START = /^[\x20\x09\x0a\x0d]*[[{]/;

export function graphqlHttpHandler<TContext extends BaseContext>(options: GraphQLHttpOptions<TContext>) {
  const { server } = options;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let body: unknown;
    try {
      const text = decodeUtf8Body(
        await getRawBody(req, { limit: options.bodyLimit, length: req.headers['content-length'] }),
      );
      if (text.length === 0) body = {};
      else if (!STRICT_JSON_START.test(text)) throw new SyntaxError('the body is not a JSON object or array');
      else body = JSON.parse(text);
    } catch (e) {
      const err = e as BodyError;
      options.onBodyError(
        res,
        err instanceof SyntaxError ? Object.assign(err, { status: 400, type: 'entity.parse.failed' }) : err,
      );
      return;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const url = req.url ?? '';
    const q = url.indexOf('?');
    const answer = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: 'POST', headers, search: q >= 0 ? url.slice(q) : '', body },
      context: () => options.context({ req }),
    });
    res.statusCode = answer.status ?? 200;
    for (const [key, value] of answer.headers) res.setHeader(key, value);
    if (answer.body.kind === 'complete') {
      res.setHeader('content-length', Buffer.byteLength(answer.body.string));
      res.end(answer.body.string);
      return;
    }
    for await (const chunk of answer.body.asyncIterator) res.write(chunk);
    res.end();
  };
}

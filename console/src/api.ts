import type { TypedDocumentString } from './__generated__/operations';
import { token } from './session';

/**
 * The GraphQL client: POST /graphql on the same origin with the bearer token. Every operation is a
 * typed document generated from a .graphql file next to the code that sends it (`npm run
 * codegen`), so its result and variable types come from the schema. Registry coverage
 * (`extensions.coverage`) and JURISDICTION_UNAVAILABLE errors are reported to the listener that
 * shows the coverage notice.
 */
export interface Coverage {
  asked: string[];
  answered: string[];
  unavailable: string[];
}

export interface FieldProblem {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly fields: FieldProblem[] = [],
    readonly jurisdiction?: string,
    /** SERVICE_UNAVAILABLE: the subgraph that did not answer (mutual-aid, conference). */
    readonly service?: string,
  ) {
    super(message);
  }
}

interface GraphQLError {
  message: string;
  extensions?: { code?: string; fields?: FieldProblem[]; jurisdiction?: string; service?: string };
}

type CoverageListener = (coverage: Coverage | null) => void;
let coverageListener: CoverageListener = () => undefined;
let unauthenticated: () => void = () => undefined;

export function onCoverage(listener: CoverageListener): void {
  coverageListener = listener;
}

export function onUnauthenticated(listener: () => void): void {
  unauthenticated = listener;
}

export interface GqlOptions {
  /** Return partial data instead of throwing when some errors are JURISDICTION_UNAVAILABLE only. */
  partial?: boolean;
}

/** The variables argument: optional when the operation requires none. */
type VariablesArgs<V> =
  Record<string, never> extends V ? [variables?: V, options?: GqlOptions] : [variables: V, options?: GqlOptions];

export async function gql<T, V>(
  document: TypedDocumentString<T, V>,
  ...[variables, options = {}]: VariablesArgs<V>
): Promise<T> {
  let res: Response;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token() ?? ''}` },
      body: JSON.stringify({ query: document.toString(), variables: variables ?? {} }),
    });
  } catch {
    throw new ApiError('NETWORK', 'network');
  }
  let body: { data?: T | null; errors?: GraphQLError[]; extensions?: { coverage?: Coverage } };
  try {
    body = (await res.json()) as typeof body;
  } catch {
    throw new ApiError('INTERNAL_SERVER_ERROR', `HTTP ${res.status}`);
  }
  const errors = body.errors ?? [];
  const coverage = body.extensions?.coverage ?? null;
  const missing = errors
    .filter((e) => e.extensions?.code === 'JURISDICTION_UNAVAILABLE')
    .map((e) => e.extensions?.jurisdiction)
    .filter((j): j is string => !!j);
  if (coverage) {
    coverageListener({ ...coverage, unavailable: [...new Set([...coverage.unavailable, ...missing])].sort() });
  } else if (missing.length) {
    coverageListener({ asked: missing, answered: [], unavailable: missing });
  }
  if (errors.length) {
    const hard = errors.find((e) => e.extensions?.code !== 'JURISDICTION_UNAVAILABLE');
    if (!hard && options.partial && body.data) return body.data;
    const first = hard ?? errors[0]!;
    const code = first.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
    if (code === 'UNAUTHENTICATED') unauthenticated();
    const fields = errors.flatMap((e) => e.extensions?.fields ?? []);
    throw new ApiError(code, first.message, fields, first.extensions?.jurisdiction, first.extensions?.service);
  }
  if (!body.data) throw new ApiError('INTERNAL_SERVER_ERROR', `HTTP ${res.status}`);
  return body.data;
}

/** Fetches a download with the token and saves it under `filename`. */
export async function download(url: string, filename: string): Promise<void> {
  const u = new URL(url, location.href);
  // Downloads always come from this origin (the gateway passes /reports/ through).
  const res = await fetch(u.pathname + u.search, { headers: { authorization: `Bearer ${token() ?? ''}` } });
  if (!res.ok) {
    throw new ApiError(
      res.status === 401
        ? 'UNAUTHENTICATED'
        : res.status === 403
          ? 'FORBIDDEN'
          : res.status === 503
            ? 'SERVICE_UNAVAILABLE'
            : 'INTERNAL_SERVER_ERROR',
      `HTTP ${res.status}`,
    );
  }
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

import { GraphQLError } from 'graphql';

/**
 * The error-code registry: every code of the public contract (DESIGN.md section 4) is defined
 * once here. Throw sites call `ERRORS.X.err(message, extensions)` and never spell a code.
 */
export interface ErrorCodeDefinition {
  code: string;
  description: string;
  /** HTTP status used when the error aborts the whole request (e.g. in the context function). */
  httpStatus: number;
  err(message: string, extensions?: Record<string, unknown>): GraphQLError;
}

function makeCodeDefinition(code: string, description: string, httpStatus: number): ErrorCodeDefinition {
  return {
    code,
    description,
    httpStatus,
    err: (message, extensions) => new GraphQLError(message, { extensions: { ...extensions, code } }),
  };
}

export const ERRORS = {
  UNAUTHENTICATED: makeCodeDefinition(
    'UNAUTHENTICATED',
    'No token, or a token that is expired, badly signed or for another audience.',
    401,
  ),
  FORBIDDEN: makeCodeDefinition('FORBIDDEN', "The caller's role or jurisdiction may not do this.", 403),
  BAD_USER_INPUT: makeCodeDefinition(
    'BAD_USER_INPUT',
    'The input is malformed or out of range; nothing was changed.',
    400,
  ),
  NOT_FOUND: makeCodeDefinition('NOT_FOUND', 'No such record.', 404),
  CONFLICT: makeCodeDefinition(
    'CONFLICT',
    'Stale expectedVersion, or the resource is no longer available; nothing was changed.',
    409,
  ),
  JURISDICTION_UNAVAILABLE: makeCodeDefinition(
    'JURISDICTION_UNAVAILABLE',
    "A jurisdiction's node did not answer in time; its rows are missing.",
    503,
  ),
  SERVICE_UNAVAILABLE: makeCodeDefinition(
    'SERVICE_UNAVAILABLE',
    'A whole service (mutual-aid, conference, or the registry as a whole) did not answer in time; its fields are missing, `extensions.service` names it.',
    503,
  ),
  INTERNAL_SERVER_ERROR: makeCodeDefinition(
    'INTERNAL_SERVER_ERROR',
    'An unexpected failure; details are in the server log, never in the response.',
    500,
  ),
} as const;

export type ErrorCode = keyof typeof ERRORS;

export const CONTRACT_CODES: ReadonlySet<string> = new Set(Object.keys(ERRORS));

/** Details of one invalid input field, carried in `extensions.fields`. */
export interface FieldProblem {
  path: string;
  message: string;
}

/** A BAD_USER_INPUT error listing every invalid field. */
export function badInput(message: string, fields: FieldProblem[] = []): GraphQLError {
  return ERRORS.BAD_USER_INPUT.err(message, fields.length > 0 ? { fields } : undefined);
}

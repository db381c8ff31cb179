import { GraphQLError } from 'graphql';
import type { Coverage } from '../../../common/src/coverage';
import { readCoverageReport } from '../../../common/src/coverage';
import { CONTRACT_CODES, ERRORS } from '../../../common/src/errors';
import { currentTraceCarrier } from '../../../common/src/tracing/spans';
import type { TypedDocumentString } from '../__generated__/gateway-operations';

/**
 * Reads of the registry through the gateway (the sharded, merged view), with the caller's own
 * token. What the registry could not answer is not lost on the way: every answer's coverage is
 * merged into the request's Coverage, which the coverage plugin turns into this service's
 * `extensions.coverage` and one JURISDICTION_UNAVAILABLE error per missing jurisdiction. Each read
 * is a document typed against the gateway's API schema (a .graphql file next to its caller).
 */
export type RegistryRead = <T, V>(document: TypedDocumentString<T, V>, variables: V) => Promise<T>;

export interface RegistryThroughGatewayProps {
  gatewayUrl: string;
  /** The caller's Authorization header. */
  authorization: string;
  coverage: Coverage;
  timeoutMs?: number;
}

interface GatewayAnswer {
  data?: unknown;
  errors?: { message: string; extensions?: { code?: string; jurisdiction?: unknown } }[];
  extensions?: Record<string, unknown>;
}

function registryUnavailable(reason: string): GraphQLError {
  return ERRORS.SERVICE_UNAVAILABLE.err(`The registry did not answer: ${reason}`, { service: 'registry' });
}

/** @returns a function that runs one registry query through the gateway. */
export function registryThroughGateway(props: RegistryThroughGatewayProps): RegistryRead {
  return async <T, V>(document: TypedDocumentString<T, V>, variables: V): Promise<T> => {
    let body: GatewayAnswer;
    try {
      const res = await fetch(props.gatewayUrl, {
        method: 'POST',
        // The gateway's fan-out for this read joins the current request's trace.
        headers: { 'content-type': 'application/json', authorization: props.authorization, ...currentTraceCarrier() },
        body: JSON.stringify({ query: document.toString(), variables }),
        signal: AbortSignal.timeout(props.timeoutMs ?? 10_000),
      });
      body = (await res.json()) as GatewayAnswer;
    } catch (e) {
      // The gateway itself is unreachable: no jurisdiction answered, and the client can retry later.
      throw registryUnavailable((e as Error).message);
    }
    const report = readCoverageReport(body.extensions);
    if (report) props.coverage.merge(report);
    const others = [];
    for (const e of body.errors ?? []) {
      const j = e.extensions?.jurisdiction;
      if (e.extensions?.code === ERRORS.JURISDICTION_UNAVAILABLE.code && typeof j === 'string') {
        props.coverage.ask(j);
        props.coverage.miss(j);
      } else {
        others.push(e);
      }
    }
    // Anything else is not a gap but a failure of the whole read: pass the contract's code on.
    const first = others[0];
    if (first || !body.data) {
      const code = first?.extensions?.code;
      if (first && code && CONTRACT_CODES.has(code)) throw new GraphQLError(first.message, { extensions: { code } });
      throw registryUnavailable(first?.message ?? 'no data');
    }
    return body.data as T;
  };
}

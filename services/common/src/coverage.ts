import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { ERRORS } from './errors';

/**
 * Which jurisdictions a request asked and which answered (DESIGN.md 3.5), wherever the answer is
 * built: the gateway's sharded data source records its node calls, and a service that reads the
 * registry through the gateway (mutual aid's suggestions) merges the gateway's `extensions.coverage`.
 * The gateway in turn merges each subgraph's, because subgraph extensions never reach the client
 * by themselves (TECH-NOTES §1).
 */
export interface CoverageReport {
  asked: string[];
  answered: string[];
  unavailable: string[];
}

export class Coverage {
  readonly asked = new Set<string>();
  readonly answered = new Set<string>();
  readonly unavailable = new Set<string>();

  ask(code: string): void {
    this.asked.add(code);
  }

  answer(code: string): void {
    this.answered.add(code);
  }

  miss(code: string): void {
    this.unavailable.add(code);
  }

  /** Adds what another part of the answer (a subgraph, another gateway call) reported. */
  merge(report: CoverageReport): void {
    for (const c of report.asked) this.ask(c);
    for (const c of report.answered) this.answer(c);
    for (const c of report.unavailable) this.miss(c);
  }

  toJSON(): CoverageReport {
    // A node that answered one fetch but failed another counts as unavailable.
    const unavailable = [...this.unavailable].sort();
    return {
      asked: [...this.asked].sort(),
      answered: [...this.answered].filter((c) => !this.unavailable.has(c)).sort(),
      unavailable,
    };
  }
}

const isCodeList = (v: unknown): v is string[] => Array.isArray(v) && v.every((c) => typeof c === 'string');

/** @returns the `coverage` of a response's extensions, or null when it has none or a malformed one. */
export function readCoverageReport(extensions: Record<string, unknown> | undefined | null): CoverageReport | null {
  const c = extensions?.coverage as Partial<Record<keyof CoverageReport, unknown>> | undefined;
  if (!c || !isCodeList(c.asked) || !isCodeList(c.answered) || !isCodeList(c.unavailable)) return null;
  return { asked: c.asked, answered: c.answered, unavailable: c.unavailable };
}

export interface CoverageContext {
  coverage: Coverage;
}

/** @returns the jurisdiction a JURISDICTION_UNAVAILABLE error names, if it is one. */
function unavailableJurisdiction(e: GraphQLFormattedError): string | undefined {
  const j = e.extensions?.jurisdiction;
  return e.extensions?.code === ERRORS.JURISDICTION_UNAVAILABLE.code && typeof j === 'string' ? j : undefined;
}

type SingleResult = { errors?: readonly GraphQLFormattedError[]; extensions?: Record<string, unknown> };

/**
 * Adds `extensions.coverage` to a response that touched the registry, and makes sure each
 * unavailable jurisdiction is named by a JURISDICTION_UNAVAILABLE error — once: the same pathless
 * error can come from the gateway's own node calls and from a subgraph that read the registry too.
 */
function addCoverage(body: SingleResult, coverage: Coverage): void {
  const report = coverage.toJSON();
  body.extensions = { ...body.extensions, coverage: report };
  const named = new Set<string>();
  const errors = (body.errors ?? []).filter((e) => {
    const j = unavailableJurisdiction(e);
    if (j === undefined) return true;
    if (e.path === undefined && named.has(j)) return false;
    named.add(j);
    return true;
  });
  for (const code of report.unavailable.filter((c) => !named.has(c))) {
    errors.push({
      message: `${code} did not answer; its rows are missing from this answer`,
      extensions: { code: ERRORS.JURISDICTION_UNAVAILABLE.code, jurisdiction: code },
    });
  }
  if (errors.length > 0) body.errors = errors;
}

/** The Apollo Server plugin that calls addCoverage on every single-result response. */
export function coveragePlugin<T extends CoverageContext>(): ApolloServerPlugin<T> {
  // Apollo Server's hooks return promises; these have nothing to wait for.
  return {
    requestDidStart: () =>
      Promise.resolve({
        willSendResponse: ({ response, contextValue }) => {
          if (response.body.kind === 'single' && contextValue.coverage.asked.size > 0) {
            addCoverage(response.body.singleResult, contextValue.coverage);
          }
          return Promise.resolve();
        },
      }),
  };
}

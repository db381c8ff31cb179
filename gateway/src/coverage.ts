import type { ApolloServerPlugin } from '@apollo/server';

/**
 * Which jurisdictions a request asked and which answered (DESIGN.md 3.5). The sharded data source
 * records into the request's Coverage; the plugin adds it as `extensions.coverage` to every
 * response that touched the registry (subgraph extensions never reach clients by themselves).
 */
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

  toJSON(): { asked: string[]; answered: string[]; unavailable: string[] } {
    // A node that answered one fetch but failed another counts as unavailable.
    const unavailable = [...this.unavailable].sort();
    return {
      asked: [...this.asked].sort(),
      answered: [...this.answered].filter((c) => !this.unavailable.has(c)).sort(),
      unavailable,
    };
  }
}

export interface CoverageContext {
  coverage: Coverage;
}

export function coveragePlugin<T extends CoverageContext>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || contextValue.coverage.asked.size === 0) return;
          const body = response.body.singleResult;
          body.extensions = { ...body.extensions, coverage: contextValue.coverage.toJSON() };
        },
      };
    },
  };
}

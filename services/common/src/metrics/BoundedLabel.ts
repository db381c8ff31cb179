/**
 * Turns a client-chosen string (a GraphQL operation name) into a label value from a bounded set:
 * the first `capacity` distinct well-formed names keep their own value, later ones collapse to
 * `other`, a missing name is `unnamed`. A scraper's series count stays bounded whatever clients send.
 */
const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;

export class BoundedLabel {
  private readonly known = new Set<string>();

  constructor(private readonly capacity = 100) {}

  /** @returns the label value for `name`. */
  of(name: string | null | undefined): string {
    if (name === null || name === undefined || name === '') return 'unnamed';
    if (this.known.has(name)) return name;
    if (!GRAPHQL_NAME.test(name) || this.known.size >= this.capacity) return 'other';
    this.known.add(name);
    return name;
  }
}

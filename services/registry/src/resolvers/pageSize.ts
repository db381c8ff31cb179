import type { GraphQLResolveInfo } from 'graphql';

/**
 * The default page size lives in one place, the `first: Int = N` default of each connection
 * field in schema/registry.graphql: GraphQL applies it when `first` is absent, the gateway reads
 * the same default into its sharding plan, and this fills it in for an explicit `first: null`.
 * @returns the arguments with `first` always a number.
 */
export function withDefaultFirst<A extends { first?: number | null }>(
  args: A,
  info: GraphQLResolveInfo,
): A & { first: number } {
  if (typeof args.first === 'number') return { ...args, first: args.first };
  const declared = info.parentType.getFields()[info.fieldName]?.args.find((a) => a.name === 'first')?.defaultValue;
  if (typeof declared !== 'number') {
    throw new Error(`${info.parentType.name}.${info.fieldName} declares no default first`);
  }
  return { ...args, first: declared };
}

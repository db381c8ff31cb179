import type { PersistedQueryOptions } from '@apollo/server';

/**
 * The gateway's store of automatic persisted queries (APQ). A phone at a scene on a weak link
 * sends a 64-character hash instead of a query of several kilobytes; on a miss it gets
 * PERSISTED_QUERY_NOT_FOUND and sends the query once with its hash. Apollo Server checks that
 * the hash is the query's SHA-256 and still parses and validates (depth, cost, alias limits)
 * every request, so a stored query grants nothing.
 *
 * Bounded on purpose: any caller with a token can register queries, so the store holds at most
 * `maxBytes` of query text, dropping the least recently used first, and each entry lives at most
 * `ttlSeconds`. Losing an entry costs the client one retry.
 */
export interface PersistedQueryLimits {
  maxBytes: number;
  ttlSeconds: number;
}

type KeyValueCache = NonNullable<PersistedQueryOptions['cache']>;

interface Entry {
  query: string;
  bytes: number;
  expiresAt: number;
}

export class BoundedQueryCache implements KeyValueCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): Promise<string | undefined> {
    return Promise.resolve(this.lookup(key));
  }

  set(key: string, query: string, options?: { ttl?: number | null }): Promise<void> {
    this.store(key, query, options?.ttl);
    return Promise.resolve();
  }

  delete(key: string): Promise<boolean> {
    const entry = this.entries.get(key);
    if (entry) this.remove(key, entry);
    return Promise.resolve(entry !== undefined);
  }

  /** @returns the number of stored queries and their approximate size in bytes (UTF-16). */
  size(): { queries: number; bytes: number } {
    return { queries: this.entries.size, bytes: this.bytes };
  }

  private lookup(key: string): string | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.remove(key, entry);
      return undefined;
    }
    // Map order is the recency order: move a hit to the end.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.query;
  }

  private store(key: string, query: string, ttl: number | null | undefined): void {
    const bytes = 2 * (key.length + query.length);
    if (bytes > this.maxBytes) return;
    const old = this.entries.get(key);
    if (old) this.remove(key, old);
    this.entries.set(key, { query, bytes, expiresAt: ttl ? this.now() + ttl * 1000 : Number.POSITIVE_INFINITY });
    this.bytes += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.remove(oldest, entry);
    }
  }

  private remove(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }
}

/** @returns Apollo Server's persistedQueries option for these limits. */
export function persistedQueryOptions(limits: PersistedQueryLimits): PersistedQueryOptions {
  return { cache: new BoundedQueryCache(limits.maxBytes), ttl: limits.ttlSeconds };
}

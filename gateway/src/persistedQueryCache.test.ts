import { BoundedQueryCache } from './persistedQueryCache';

describe('BoundedQueryCache', () => {
  test('holds at most maxBytes of queries, dropping the least recently used first', async () => {
    const cache = new BoundedQueryCache(2 * (4 * 2 + 4 * 10)); // four keys of 2 chars, four queries of 10
    for (const k of ['k1', 'k2', 'k3', 'k4']) await cache.set(k, 'q'.repeat(10));
    expect(cache.size().queries).toBe(4);
    await cache.get('k1'); // k1 is now the most recently used
    await cache.set('k5', 'q'.repeat(10));
    expect(await cache.get('k2')).toBeUndefined();
    expect(await cache.get('k1')).toBe('q'.repeat(10));
    expect(cache.size()).toEqual({ queries: 4, bytes: 96 });
  });

  test('a query larger than the whole store is not stored and evicts nothing', async () => {
    const cache = new BoundedQueryCache(100);
    await cache.set('a', 'x');
    await cache.set('big', 'x'.repeat(100));
    expect(await cache.get('big')).toBeUndefined();
    expect(await cache.get('a')).toBe('x');
  });

  test('an entry expires after its ttl; setting a key again replaces it without double counting', async () => {
    let now = 0;
    const cache = new BoundedQueryCache(1000, () => now);
    await cache.set('a', 'one', { ttl: 10 });
    await cache.set('a', 'two', { ttl: 10 });
    expect(cache.size()).toEqual({ queries: 1, bytes: 8 });
    now = 9_999;
    expect(await cache.get('a')).toBe('two');
    now = 10_000;
    expect(await cache.get('a')).toBeUndefined();
    expect(cache.size()).toEqual({ queries: 0, bytes: 0 });
    expect(await cache.delete('a')).toBe(false);
  });
});

/**
 * A small deterministic random source for the demo data: the same seed string always gives the
 * same sequence, on every machine, so the demo network looks the same wherever it is started.
 */
export interface Rng {
  /** @returns a float in [0, 1). */
  next(): number;
  /** @returns an integer in [lo, hi] (both inclusive). */
  int(lo: number, hi: number): number;
  /** @returns a float in [lo, hi). */
  float(lo: number, hi: number): number;
  /** @returns one element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** @returns true with probability `p`. */
  chance(p: number): boolean;
  /** @returns `count` distinct elements of `items`, in random order. */
  sample<T>(items: readonly T[], count: number): T[];
}

/** @returns a 32-bit hash of `text` (FNV-1a over UTF-16 code units). */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The mulberry32 generator: the same 32-bit seed always gives the same sequence.
 * @returns a function that yields the next float in [0, 1) on each call.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * @param seed any string; sources derived from different strings are independent.
 * @returns a mulberry32 random source.
 */
export function seededRandom(seed: string): Rng {
  const next = mulberry32(hashSeed(seed));
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(next() * items.length)] as T;
  };
  return {
    next,
    int,
    float: (lo, hi) => lo + next() * (hi - lo),
    pick,
    chance: (p) => next() < p,
    sample: <T>(items: readonly T[], count: number): T[] => {
      const pool = [...items];
      const out: T[] = [];
      while (out.length < count && pool.length > 0) out.push(pool.splice(Math.floor(next() * pool.length), 1)[0] as T);
      return out;
    },
  };
}

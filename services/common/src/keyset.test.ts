import { GraphQLError } from 'graphql';
import { mulberry32 } from '../../../ops/seed/random';
import { compareSortKeys, decodeCursor, encodeCursor, takePage, type SortKey } from './keyset';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (e) {
    return e instanceof GraphQLError ? (e.extensions.code as string) : `not a GraphQLError: ${String(e)}`;
  }
  return undefined;
}

const b64 = (s: string) => Buffer.from(s).toString('base64url');

describe('compareSortKeys', () => {
  test('numbers compare numerically, not as strings', () => {
    expect(compareSortKeys({ primary: 9, id: 'a' }, { primary: 12, id: 'a' })).toBeLessThan(0);
    expect(compareSortKeys({ primary: -5, id: 'a' }, { primary: -40, id: 'a' })).toBeGreaterThan(0);
    expect(compareSortKeys({ primary: 1.5, id: 'a' }, { primary: 1.25, id: 'a' })).toBeGreaterThan(0);
  });

  test('strings compare by UTF-16 code unit, not by locale', () => {
    expect(compareSortKeys({ primary: 'Z', id: 'a' }, { primary: 'a', id: 'a' })).toBeLessThan(0);
    expect(compareSortKeys({ primary: 'ab', id: 'a' }, { primary: 'abc', id: 'a' })).toBeLessThan(0);
    // 武 U+6B66 < 湖 U+6E56
    expect(compareSortKeys({ primary: '湖塘', id: 'a' }, { primary: '武进', id: 'a' })).toBeGreaterThan(0);
    expect(compareSortKeys({ primary: 'é', id: 'a' }, { primary: 'f', id: 'a' })).toBeGreaterThan(0);
  });

  test('ties on the primary are broken by id; equal keys compare 0', () => {
    expect(compareSortKeys({ primary: 3, id: 'wujin:Team:b' }, { primary: 3, id: 'wujin:Team:a' })).toBeGreaterThan(0);
    expect(compareSortKeys({ primary: 'x', id: 'a' }, { primary: 'x', id: 'b' })).toBeLessThan(0);
    expect(compareSortKeys({ primary: 3, id: 'a' }, { primary: 3, id: 'a' })).toBe(0);
  });

  test('the primary decides before the id', () => {
    expect(compareSortKeys({ primary: 1, id: 'z' }, { primary: 2, id: 'a' })).toBeLessThan(0);
  });

  test('is antisymmetric and transitive on random keys (a total order)', () => {
    const next = mulberry32(7);
    const keys: SortKey[] = Array.from({ length: 60 }, () => ({
      primary: Math.floor(next() * 5),
      id: String.fromCharCode(97 + Math.floor(next() * 4)),
    }));
    for (const a of keys) {
      for (const b of keys) {
        expect(Math.sign(compareSortKeys(a, b)) + Math.sign(compareSortKeys(b, a))).toBe(0);
        for (const c of keys.slice(0, 15)) {
          if (compareSortKeys(a, b) <= 0 && compareSortKeys(b, c) <= 0) {
            expect(compareSortKeys(a, c)).toBeLessThanOrEqual(0);
          }
        }
      }
    }
  });
});

describe('encodeCursor / decodeCursor', () => {
  test.each<SortKey>([
    { primary: 42, id: 'wujin:Team:0123456789abcdef01234567' },
    { primary: -1751335200000, id: 'jintan:Team:aaaaaaaaaaaaaaaaaaaaaaaa' },
    { primary: 0, id: 'x' },
    { primary: 12.75, id: 'x' },
    { primary: '武进区防汛抢险队', id: 'wujin:Team:ffffffffffffffffffffffff' },
    { primary: '', id: '' },
    { primary: 'quote " and \\ backslash', id: 'id' },
  ])('round-trips %j', (key) => {
    const cursor = encodeCursor('NAME', key);
    expect(decodeCursor(cursor, 'NAME')).toEqual(key);
  });

  test('the cursor is opaque base64url: no padding, no + or /', () => {
    for (let i = 0; i < 50; i++) {
      const cursor = encodeCursor('ETA', { primary: i * 977, id: `wujin:Team:${'?>'.repeat(i)}` });
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    }
  });

  test('a number primary stays a number and a numeric string stays a string', () => {
    expect(decodeCursor(encodeCursor('ETA', { primary: 10, id: 'a' }), 'ETA').primary).toBe(10);
    expect(decodeCursor(encodeCursor('NAME', { primary: '10', id: 'a' }), 'NAME').primary).toBe('10');
  });

  test('a cursor made for another order is BAD_USER_INPUT, naming both orders', () => {
    const cursor = encodeCursor('ETA', { primary: 5, id: 'a' });
    expect(codeOf(() => decodeCursor(cursor, 'NAME'))).toBe('BAD_USER_INPUT');
    expect(() => decodeCursor(cursor, 'NAME')).toThrow(/ETA.*NAME/);
  });

  test.each([
    ['empty', ''],
    ['not base64 JSON', 'definitely-not-a-cursor'],
    ['random bytes', Buffer.from([0xff, 0xfe, 0x00, 0x12]).toString('base64url')],
    ['JSON null', b64('null')],
    ['JSON number', b64('17')],
    ['JSON string', b64('"NAME"')],
    ['JSON array', b64('["NAME", [1, "a"]]')],
    ['no order', b64('{"k":[1,"a"]}')],
    ['order not a string', b64('{"o":1,"k":[1,"a"]}')],
    ['no key', b64('{"o":"NAME"}')],
    ['key not an array', b64('{"o":"NAME","k":{"0":1,"1":"a"}}')],
    ['key too short', b64('{"o":"NAME","k":[1]}')],
    ['key too long', b64('{"o":"NAME","k":[1,"a","b"]}')],
    ['id not a string', b64('{"o":"NAME","k":[1,2]}')],
    ['primary null', b64('{"o":"NAME","k":[null,"a"]}')],
    ['primary an object', b64('{"o":"NAME","k":[{},"a"]}')],
    ['primary a boolean', b64('{"o":"NAME","k":[true,"a"]}')],
    ['truncated', encodeCursor('NAME', { primary: 'abc', id: 'def' }).slice(0, 10)],
  ])('a malformed cursor (%s) is BAD_USER_INPUT', (_label, cursor) => {
    expect(codeOf(() => decodeCursor(cursor, 'NAME'))).toBe('BAD_USER_INPUT');
  });
});

describe('takePage', () => {
  interface Row {
    key: SortKey;
    n: number;
  }
  const keyOf = (r: Row) => r.key;

  /** The reference: a linear scan for the first row strictly after the cursor. */
  function linear(sorted: readonly Row[], first: number, after?: SortKey): { items: Row[]; hasNextPage: boolean } {
    let start = after ? sorted.findIndex((r) => compareSortKeys(r.key, after) > 0) : 0;
    if (start < 0) start = sorted.length;
    return { items: sorted.slice(start, start + first), hasNextPage: start + first < sorted.length };
  }

  function randomRows(next: () => number, n: number, numeric: boolean): Row[] {
    const rows: Row[] = [];
    for (let i = 0; i < n; i++) {
      // Few distinct primaries: many ties, broken by id; ids themselves sometimes repeat too.
      const primary = numeric
        ? Math.floor(next() * 6) - 3
        : (['', 'a', 'ab', 'b', '湖', '武'][Math.floor(next() * 6)] as string);
      rows.push({ key: { primary, id: `id-${Math.floor(next() * n * 0.8)}` }, n: i });
    }
    return rows.sort((a, b) => compareSortKeys(a.key, b.key));
  }

  test('without a cursor: the first rows and whether more follow', () => {
    const rows: Row[] = [1, 2, 3, 4, 5].map((n) => ({ key: { primary: n, id: String(n) }, n }));
    expect(takePage(rows, keyOf, 2)).toEqual({ items: rows.slice(0, 2), hasNextPage: true });
    expect(takePage(rows, keyOf, 5)).toEqual({ items: rows, hasNextPage: false });
    expect(takePage(rows, keyOf, 9)).toEqual({ items: rows, hasNextPage: false });
    expect(takePage([], keyOf, 3)).toEqual({ items: [], hasNextPage: false });
  });

  test('the cursor need not be a key of the list: rows strictly after it', () => {
    const rows: Row[] = [10, 20, 30].map((n) => ({ key: { primary: n, id: 'm' }, n }));
    expect(takePage(rows, keyOf, 5, { primary: 20, id: 'a' }).items.map((r) => r.n)).toEqual([20, 30]);
    expect(takePage(rows, keyOf, 5, { primary: 20, id: 'm' }).items.map((r) => r.n)).toEqual([30]);
    expect(takePage(rows, keyOf, 5, { primary: 20, id: 'z' }).items.map((r) => r.n)).toEqual([30]);
    expect(takePage(rows, keyOf, 5, { primary: 5, id: 'a' }).items.map((r) => r.n)).toEqual([10, 20, 30]);
    expect(takePage(rows, keyOf, 5, { primary: 99, id: 'a' })).toEqual({ items: [], hasNextPage: false });
  });

  test('the binary search agrees with a linear scan on random data with ties (1,500 cases)', () => {
    const next = mulberry32(20250601);
    for (let c = 0; c < 1500; c++) {
      const n = Math.floor(next() * 40);
      const rows = randomRows(next, n, c % 2 === 0);
      const first = 1 + Math.floor(next() * 8);
      // Cursors: a key from the list (usual case), or an arbitrary key in between.
      const pick = rows[Math.floor(next() * rows.length)];
      const after: SortKey | undefined =
        next() < 0.15
          ? undefined
          : pick && next() < 0.7
            ? pick.key
            : {
                primary:
                  c % 2 === 0
                    ? Math.floor(next() * 8) - 4
                    : (['', 'a', 'b', 'c', '湖'][Math.floor(next() * 5)] as string),
                id: `id-${Math.floor(next() * 40)}`,
              };
      const got = takePage(rows, keyOf, first, after);
      const want = linear(rows, first, after);
      if (
        got.hasNextPage !== want.hasNextPage ||
        got.items.length !== want.items.length ||
        got.items.some((r, i) => r !== want.items[i])
      ) {
        throw new Error(
          `case ${c}: first=${first} after=${JSON.stringify(after)} rows=${JSON.stringify(rows.map((r) => r.key))}\n got ${JSON.stringify(got)}\n want ${JSON.stringify(want)}`,
        );
      }
    }
  });

  test('walking page by page with each last key visits every row exactly once, in order', () => {
    const next = mulberry32(99);
    for (let c = 0; c < 100; c++) {
      // Unique keys (the contract: the global id is unique), many primary ties.
      const rows = randomRows(next, 1 + Math.floor(next() * 60), c % 2 === 1).map((r, i) => ({
        ...r,
        key: { ...r.key, id: `${r.key.id}#${i}` },
      }));
      rows.sort((a, b) => compareSortKeys(a.key, b.key));
      const first = 1 + Math.floor(next() * 7);
      const seen: Row[] = [];
      let after: SortKey | undefined;
      for (let guard = 0; guard < 100; guard++) {
        const page = takePage(rows, keyOf, first, after);
        seen.push(...page.items);
        if (!page.hasNextPage) break;
        expect(page.items).toHaveLength(first);
        // Through the cursor encoding, as a client would.
        after = decodeCursor(encodeCursor('ETA', (page.items.at(-1) as Row).key), 'ETA');
      }
      expect(seen).toEqual(rows);
    }
  });
});

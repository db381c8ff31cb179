import { creditCodeCheckChar, isValidCreditCode } from './creditCode';

/**
 * GB 32100-2015: 17 characters from the 31-character alphabet (digits and upper-case letters
 * without I O Z S V), then a check character C18 = alphabet[(31 − Σ vᵢ·wᵢ mod 31) mod 31] with
 * weights wᵢ = 3^i mod 31. The reference below is written from the standard, not from the module.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

function referenceCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i] as string) * (3 ** i % 31);
  return ALPHABET[(31 - (sum % 31)) % 31] as string;
}

/** Published, real credit codes (the GB 32100 example and a Beijing enterprise). */
const REAL = ['91350100M000100Y43', '91110000600037341L'];

describe('creditCodeCheckChar', () => {
  test.each(REAL)('computes the check character of the real code %s', (code) => {
    expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code[17]);
  });

  test('wraps 31 to "0" and reaches the last letter "Y"', () => {
    expect(creditCodeCheckChar('9132041200000000A')).toBe('0');
    expect(creditCodeCheckChar('9132041200000000L')).toBe('Y');
  });

  test('agrees with the standard on 2,000 random prefixes', () => {
    let state = 12345;
    const next = () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
    for (let n = 0; n < 2000; n++) {
      const prefix = Array.from({ length: 17 }, () => ALPHABET[Math.floor(next() * 31)]).join('');
      expect(creditCodeCheckChar(prefix)).toBe(referenceCheckChar(prefix));
    }
  });

  test.each(['I', 'O', 'Z', 'S', 'V'])('a forbidden letter %s anywhere in the first 17 gives null', (letter) => {
    for (const at of [0, 8, 16]) {
      const prefix = `${'91320412MA1MXXXX0'.slice(0, at)}${letter}${'91320412MA1MXXXX0'.slice(at + 1)}`;
      expect(creditCodeCheckChar(prefix)).toBeNull();
    }
  });

  test('lower-case letters, punctuation and a short prefix give null', () => {
    expect(creditCodeCheckChar('91350100m000100y4')).toBeNull();
    expect(creditCodeCheckChar('91350100-000100Y4')).toBeNull();
  });

  test('a prefix shorter than 17 characters has no check character', () => {
    // Missing positions must not count as the character "0".
    expect(creditCodeCheckChar('9135010')).toBeNull();
    expect(creditCodeCheckChar('')).toBeNull();
    expect(creditCodeCheckChar('91350100M000100Y')).toBeNull();
  });
});

describe('isValidCreditCode', () => {
  const prefix = '91320412MA1MXXXX0';
  const valid = `${prefix}${referenceCheckChar(prefix)}`;

  test('a code built with the check character is valid', () => {
    expect(isValidCreditCode(valid)).toBe(true);
    expect(isValidCreditCode(`${prefix}${creditCodeCheckChar(prefix) as string}`)).toBe(true);
    for (const code of REAL) expect(isValidCreditCode(code)).toBe(true);
  });

  test('every other check character is refused', () => {
    const wrong = [...ALPHABET].filter((c) => c !== valid[17]);
    expect(wrong).toHaveLength(30);
    for (const c of wrong) expect(isValidCreditCode(`${prefix}${c}`)).toBe(false);
  });

  test('changing one body character breaks the check', () => {
    for (let i = 0; i < 17; i++) {
      const original = valid[i] as string;
      const replacement = ALPHABET[(ALPHABET.indexOf(original) + 1) % 31] as string;
      expect(isValidCreditCode(`${valid.slice(0, i)}${replacement}${valid.slice(i + 1)}`)).toBe(false);
    }
  });

  test('wrong lengths are refused', () => {
    expect(isValidCreditCode('')).toBe(false);
    expect(isValidCreditCode(valid.slice(0, 17))).toBe(false);
    expect(isValidCreditCode(`${valid}0`)).toBe(false);
    expect(isValidCreditCode(` ${valid}`)).toBe(false);
  });

  test.each(['I', 'O', 'Z', 'S', 'V'])(
    'the forbidden letter %s is refused in the body and as the check character',
    (letter) => {
      expect(isValidCreditCode(`${letter}${valid.slice(1)}`)).toBe(false);
      expect(isValidCreditCode(`${valid.slice(0, 9)}${letter}${valid.slice(10)}`)).toBe(false);
      expect(isValidCreditCode(`${prefix}${letter}`)).toBe(false);
    },
  );

  test('lower case is refused (input is upper-cased before validation)', () => {
    expect(isValidCreditCode(REAL[0]!.toLowerCase())).toBe(false);
  });
});

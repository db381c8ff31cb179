import { generateKeyPairSync } from 'node:crypto';
import { signClaims } from '../../../tests/testkit/tokens';
import {
  DEFAULT_TOKEN_LIFETIME_LIMITS,
  signToken,
  TokenVerifier,
  type SigningKey,
  type TokenLifetimeLimits,
} from './auth';
import { tokenLifetimeLimits, TokenLifetimeEnvFields } from './env';
import { loadNetwork } from './network';
import { z } from 'zod';

/**
 * Issue 11, defect 6: validly signed tokens with odd claims are refused (DESIGN.md 5): a
 * jurisdiction outside the network directory, no roles or an unknown role, no `exp` or `iat`, a
 * lifetime over its holder's limit. The verified-token cache never lets one through, and every
 * token the project mints itself still passes (tests/integration/network/oddTokens.test.ts asks the services).
 */
const HOUR = 3600;
const directory = loadNetwork();

function keyPair(kid = 'unit-test'): { signing: SigningKey; publicKeys: Record<string, string> } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    signing: { kid, alg: 'ES256', privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
    publicKeys: { [kid]: publicKey.export({ type: 'spki', format: 'pem' }).toString() },
  };
}
const keys = keyPair();

const verifier = (lifetimeLimits?: TokenLifetimeLimits) =>
  new TokenVerifier({
    publicKeys: keys.publicKeys,
    audience: 'aidnet',
    issuer: 'aidnet',
    directory,
    ...(lifetimeLimits ? { lifetimeLimits } : {}),
  });

/** A commander of Wujin for an hour, with `overrides` (undefined drops a claim), signed with the test key. */
function raw(overrides: Record<string, unknown> = {}): string {
  const now = Math.floor(Date.now() / 1000);
  return signClaims(
    {
      sub: 'commander@wujin',
      name: '测试',
      jurisdiction: 'wujin',
      roles: ['commander'],
      aud: 'aidnet',
      iss: 'aidnet',
      iat: now,
      exp: now + HOUR,
      ...overrides,
    },
    keys.signing,
  );
}

const now = () => Math.floor(Date.now() / 1000);

const ODD: [string, () => string, RegExp][] = [
  ['a jurisdiction outside the network directory', () => raw({ jurisdiction: 'narnia' }), /outside the network/],
  ['an unknown role beside a known one', () => raw({ roles: ['commander', 'overlord'] }), /unknown/],
  ['only unknown roles', () => raw({ roles: ['overlord'] }), /unknown/],
  ['no roles', () => raw({ roles: [] }), /no roles/],
  ['a role that is not a string', () => raw({ roles: [{ role: 'commander' }] }), /unknown/],
  ['no exp', () => raw({ exp: undefined }), /expiry \(exp\)/],
  ['no iat', () => raw({ iat: undefined }), /issue time \(iat\)/],
  ['a person token of 24 h and 1 s', () => raw({ exp: now() + 24 * HOUR + 1 }), /longer than the 24 h/],
  ['a person token of 30 days', () => raw({ exp: now() + 30 * 24 * HOUR }), /longer than the 24 h/],
  [
    'a service token of 1 h and 1 s',
    () => raw({ sub: 'mutual-aid', jurisdiction: 'changzhou', roles: ['service'], exp: now() + HOUR + 1 }),
    /longer than the 1 h/,
  ],
  [
    'a token of a person and a service, past the stricter (service) limit',
    () => raw({ roles: ['commander', 'service'], exp: now() + 2 * HOUR }),
    /longer than the 1 h/,
  ],
  ['a token issued in the future', () => raw({ iat: now() + 2 * HOUR, exp: now() + 3 * HOUR }), /issued in the future/],
];

describe('odd but validly signed tokens are UNAUTHENTICATED', () => {
  test.each(ODD)('%s', (_label, make, reason) => {
    const v = verifier();
    const token = make();
    // Twice: a refused token is never remembered, so the second call checks everything again.
    for (let i = 0; i < 2; i++) {
      let error: unknown;
      try {
        v.verify(token);
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({ extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
      expect((error as Error).message).toMatch(reason);
    }
  });

  test('the limits are the configured ones: 2 h for people and 10 min for services here', () => {
    const v = verifier({ personSeconds: 2 * HOUR, serviceSeconds: 600 });
    expect(() => v.verify(raw({ exp: now() + 2 * HOUR }))).not.toThrow();
    expect(() => v.verify(raw({ exp: now() + 2 * HOUR + 1 }))).toThrow(/longer than the 2 h/);
    const service = (s: number) =>
      raw({ sub: 'mutual-aid', jurisdiction: 'changzhou', roles: ['service'], exp: now() + s });
    expect(() => v.verify(service(600))).not.toThrow();
    expect(() => v.verify(service(601))).toThrow(/longer than the 10 min/);
  });

  test('the environment settings default to 24 h and 1 h, and read fractions of an hour', () => {
    const model = z.object(TokenLifetimeEnvFields);
    expect(tokenLifetimeLimits(model.parse({}))).toEqual(DEFAULT_TOKEN_LIFETIME_LIMITS);
    expect(DEFAULT_TOKEN_LIFETIME_LIMITS).toEqual({ personSeconds: 24 * HOUR, serviceSeconds: HOUR });
    expect(
      tokenLifetimeLimits(model.parse({ AUTH_MAX_TOKEN_HOURS: '8', AUTH_MAX_SERVICE_TOKEN_HOURS: '0.25' })),
    ).toEqual({ personSeconds: 8 * HOUR, serviceSeconds: 900 });
    expect(model.safeParse({ AUTH_MAX_TOKEN_HOURS: '0' }).success).toBe(false);
    expect(model.safeParse({ AUTH_MAX_SERVICE_TOKEN_HOURS: 'soon' }).success).toBe(false);
  });
});

describe('the verified-token cache', () => {
  test('remembers only tokens that passed every rule; a remembered token still expires', async () => {
    const v = verifier();
    const good = raw({ exp: now() + 2 });
    const first = v.verify(good);
    expect(v.verify(good)).toBe(first); // the same frozen principal: from the cache
    expect(Object.isFrozen(first.roles)).toBe(true);
    // An odd token carrying the same person, role and expiry is still refused after it.
    expect(() => v.verify(raw({ exp: now() + 2, roles: ['commander', 'overlord'] }))).toThrow(/unknown/);
    expect(() => v.verify(raw({ exp: now() + 2, jurisdiction: 'narnia' }))).toThrow(/outside the network/);
    await new Promise((r) => setTimeout(r, 2100));
    expect(() => v.verify(good)).toThrow(/expired/);
  });

  test('a verifier with stricter limits does not accept what another one remembered', () => {
    const token = raw({ exp: now() + 12 * HOUR });
    expect(verifier().verify(token).jurisdiction).toBe('wujin');
    expect(() => verifier({ personSeconds: 8 * HOUR, serviceSeconds: HOUR }).verify(token)).toThrow(/longer/);
  });
});

describe('tokens the project mints itself pass the default rules', () => {
  test('signToken with a 24 h lifetime (the longest the token command gives a person)', () => {
    const token = signToken(
      { sub: 'commander@wujin', name: '武进区指挥员', jurisdiction: 'wujin', roles: ['commander'] },
      keys.signing,
      { audience: 'aidnet', issuer: 'aidnet', expiresIn: '24h' },
    );
    expect(verifier().verify(token).roles).toEqual(['commander']);
  });
});

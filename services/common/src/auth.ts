import { createPublicKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { ERRORS } from './errors';

/**
 * Token verification and signing: the only module that touches `jsonwebtoken`.
 * Tokens are asymmetric (ES256 or RS256) and carry a `kid` so keys can rotate (DESIGN.md section 5).
 */
export const ROLES = [
  'commander',
  'duty_officer',
  'registrar',
  'secretariat',
  'social_org',
  'observer',
  'service',
] as const;
export type Role = (typeof ROLES)[number];

/** The authenticated caller, from the token's claims `sub name jurisdiction roles[] org?`. */
export interface Principal {
  sub: string;
  name: string;
  jurisdiction: string;
  roles: Role[];
  org?: string;
}

/**
 * The longest lifetime (`exp` − `iat`, seconds) a token may have. People's tokens are issued for a
 * shift; `service` tokens are minted by the services themselves and renewed long before they expire.
 */
export interface TokenLifetimeLimits {
  personSeconds: number;
  serviceSeconds: number;
}

export const DEFAULT_TOKEN_LIFETIME_LIMITS: TokenLifetimeLimits = Object.freeze({
  personSeconds: 24 * 3600,
  serviceSeconds: 3600,
});

/** How far in the future `iat` may lie: clocks of the issuing and the verifying host differ a little. */
const ISSUED_AT_SKEW_SECONDS = 60;

export interface TokenVerifierConfig {
  /** Public keys (PEM) by `kid`. */
  publicKeys: Record<string, string>;
  audience: string;
  issuer: string;
  /** The network directory: a token's jurisdiction must be one of its codes. */
  directory: { has(code: string): boolean };
  /** Default DEFAULT_TOKEN_LIFETIME_LIMITS. */
  lifetimeLimits?: TokenLifetimeLimits;
}

const ALGORITHMS: jwt.Algorithm[] = ['ES256', 'RS256'];

/** How many verified tokens a verifier remembers, and for how long at most. */
const VERIFIED_CACHE_SIZE = 10_000;
const VERIFIED_CACHE_TTL_MS = 10 * 60_000;

interface VerifiedToken {
  principal: Principal;
  /** The token's `exp` in ms: from then on it is expired. */
  expiresAtMs: number;
  /** When this entry is dropped even if the token is still valid. */
  forgetAtMs: number;
}

export class TokenVerifier {
  /** Parsed once: building a key from PEM on every verify costs ~0.3 ms per request. */
  private readonly keys: Map<string, KeyObject>;
  /**
   * Tokens whose signature, audience and issuer already checked out, by their exact text. The
   * ECDSA/RSA signature check is most of the cost of a verify (~0.3 ms per request on a node) and
   * its outcome for the same bytes and the same keys (fixed for the verifier's life) cannot
   * change; what can change, expiry, is checked again on every use, exactly as jsonwebtoken
   * checks it. A caller sends the same token with every request until it expires. Only tokens
   * that passed every claim rule (directory, roles, lifetime) are remembered, and those rules
   * depend on nothing but the token's bytes and this verifier's fixed configuration.
   */
  private readonly verified = new Map<string, VerifiedToken>();

  private readonly limits: TokenLifetimeLimits;

  constructor(private readonly config: TokenVerifierConfig) {
    this.keys = new Map(Object.entries(config.publicKeys).map(([kid, pem]) => [kid, createPublicKey(pem)]));
    this.limits = config.lifetimeLimits ?? DEFAULT_TOKEN_LIFETIME_LIMITS;
  }

  /**
   * @returns the principal of a valid token.
   * @throws UNAUTHENTICATED for a missing, malformed, expired, badly signed or foreign token, and
   * for a validly signed one that breaks a claim rule (DESIGN.md 5): no `exp` or `iat`, a lifetime
   * over the limit, a jurisdiction outside the network directory, no roles or an unknown role.
   */
  verify(token: string): Principal {
    const now = Date.now();
    const known = this.verified.get(token);
    if (known) {
      // jsonwebtoken: expired once floor(now / 1000) >= exp, i.e. once now >= exp * 1000.
      if (now < known.expiresAtMs && now < known.forgetAtMs) return known.principal;
      this.verified.delete(token);
    }
    return this.verifyFully(token);
  }

  private verifyFully(token: string): Principal {
    const decoded = jwt.decode(token, { complete: true });
    const kid = decoded?.header.kid;
    const key = kid === undefined ? undefined : this.keys.get(kid);
    if (!decoded || !key) {
      throw unauthenticated('the token is malformed or signed with an unknown key');
    }
    let claims: jwt.JwtPayload;
    try {
      claims = jwt.verify(token, key, {
        algorithms: ALGORITHMS,
        audience: this.config.audience,
        issuer: this.config.issuer,
      }) as jwt.JwtPayload;
    } catch (e) {
      const reason =
        e instanceof jwt.TokenExpiredError
          ? 'the token has expired'
          : `the token was refused (${(e as Error).message})`;
      throw unauthenticated(reason);
    }
    const principal = principalFromClaims(claims, this.config.directory);
    const exp = checkLifetime(claims, principal.roles, this.limits);
    Object.freeze(principal.roles);
    Object.freeze(principal);
    // nbf, if any, has passed for good.
    this.remember(token, principal, exp * 1000);
    return principal;
  }

  private remember(token: string, principal: Principal, expiresAtMs: number): void {
    if (this.verified.size >= VERIFIED_CACHE_SIZE) {
      // Oldest first (a Map keeps insertion order).
      for (const key of this.verified.keys()) {
        this.verified.delete(key);
        if (this.verified.size < VERIFIED_CACHE_SIZE / 2) break;
      }
    }
    this.verified.set(token, { principal, expiresAtMs, forgetAtMs: Date.now() + VERIFIED_CACHE_TTL_MS });
  }

  /**
   * @returns the principal named by an `Authorization: Bearer …` header.
   * @throws UNAUTHENTICATED when the header is absent or invalid.
   */
  verifyHeader(header: string | undefined): Principal {
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!match) throw unauthenticated('no bearer token in the Authorization header');
    return this.verify(match[1] as string);
  }
}

function unauthenticated(reason: string) {
  return ERRORS.UNAUTHENTICATED.err(`Sign in again: ${reason}.`, { http: { status: 401 } });
}

const isRole = (r: unknown): r is Role => (ROLES as readonly unknown[]).includes(r);

function principalFromClaims(claims: jwt.JwtPayload, directory: TokenVerifierConfig['directory']): Principal {
  const { sub, name, jurisdiction, roles, org } = claims as Record<string, unknown>;
  if (typeof sub !== 'string' || typeof jurisdiction !== 'string' || !Array.isArray(roles)) {
    throw unauthenticated('the token lacks sub, jurisdiction or roles');
  }
  if (!directory.has(jurisdiction)) throw unauthenticated('the token names a jurisdiction outside the network');
  // A role this network does not know is refused, never dropped: the issuer meant something by it.
  if (roles.length === 0 || !roles.every(isRole)) throw unauthenticated('the token has no roles, or an unknown one');
  return {
    sub,
    name: typeof name === 'string' ? name : sub,
    jurisdiction,
    roles: [...new Set(roles)],
    ...(typeof org === 'string' ? { org } : {}),
  };
}

/**
 * A token must say when it was issued and when it expires, and live no longer than the limit of
 * its holder: `service` tokens have their own; a token holding several roles gets the strictest.
 * @returns `exp` (seconds).
 */
function checkLifetime(claims: jwt.JwtPayload, roles: readonly Role[], limits: TokenLifetimeLimits): number {
  const { exp, iat } = claims;
  if (typeof exp !== 'number' || typeof iat !== 'number') {
    throw unauthenticated('the token must carry its issue time (iat) and expiry (exp)');
  }
  if (iat > Date.now() / 1000 + ISSUED_AT_SKEW_SECONDS) throw unauthenticated('the token is issued in the future');
  const limit = Math.min(...roles.map((r) => (r === 'service' ? limits.serviceSeconds : limits.personSeconds)));
  if (exp - iat > limit) {
    throw unauthenticated(`the token lives longer than the ${formatDuration(limit)} this network allows`);
  }
  return exp;
}

function formatDuration(seconds: number): string {
  return seconds % 3600 === 0 ? `${seconds / 3600} h` : `${Math.round(seconds / 60)} min`;
}

export interface SigningKey {
  kid: string;
  alg: 'ES256' | 'RS256';
  /** PEM */
  privateKey: string;
}

export interface SignOptions {
  audience: string;
  issuer: string;
  /** Seconds, or a vercel/ms string such as '12h'. */
  expiresIn: number | `${number}${'s' | 'm' | 'h' | 'd'}`;
}

/** @returns a signed token for `principal`. */
export function signToken(principal: Principal, key: SigningKey, options: SignOptions): string {
  const { sub, ...claims } = principal;
  return jwt.sign(claims, key.privateKey, {
    algorithm: key.alg,
    keyid: key.kid,
    subject: sub,
    audience: options.audience,
    issuer: options.issuer,
    expiresIn: options.expiresIn,
  });
}

/** @returns true when the principal holds any of `roles`. */
export function hasAnyRole(principal: Principal, roles: readonly Role[]): boolean {
  return principal.roles.some((r) => roles.includes(r));
}

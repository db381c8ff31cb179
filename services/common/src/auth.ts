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

export interface TokenVerifierConfig {
  /** Public keys (PEM) by `kid`. */
  publicKeys: Record<string, string>;
  audience: string;
  issuer: string;
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
   * checks it. A caller sends the same token with every request until it expires.
   */
  private readonly verified = new Map<string, VerifiedToken>();

  constructor(private readonly config: TokenVerifierConfig) {
    this.keys = new Map(Object.entries(config.publicKeys).map(([kid, pem]) => [kid, createPublicKey(pem)]));
  }

  /**
   * @returns the principal of a valid token.
   * @throws UNAUTHENTICATED for a missing, malformed, expired, badly signed or foreign token.
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
    const principal = principalFromClaims(claims);
    Object.freeze(principal.roles);
    Object.freeze(principal);
    // Only tokens that expire are remembered (ours always do); nbf, if any, has passed for good.
    if (typeof claims.exp === 'number') this.remember(token, principal, claims.exp * 1000);
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

function principalFromClaims(claims: jwt.JwtPayload): Principal {
  const { sub, name, jurisdiction, roles, org } = claims as Record<string, unknown>;
  if (typeof sub !== 'string' || typeof jurisdiction !== 'string' || !Array.isArray(roles)) {
    throw unauthenticated('the token lacks sub, jurisdiction or roles');
  }
  const known = roles.filter((r): r is Role => (ROLES as readonly unknown[]).includes(r));
  return {
    sub,
    name: typeof name === 'string' ? name : sub,
    jurisdiction,
    roles: known,
    ...(typeof org === 'string' ? { org } : {}),
  };
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

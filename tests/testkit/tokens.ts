import { createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import path from 'node:path';
import { signToken, type Principal, type Role, type SigningKey } from '../../services/common/src/auth';
import { keyFilesIn, readPublicKeys, readSigningKey } from '../../services/common/src/devKeys';
import { REPO_ROOT } from '../../services/common/src/paths';

/** Tokens for tests, signed with the local development key that globalSetup ensured. */
const files = keyFilesIn(path.join(REPO_ROOT, '.secrets'));

export const AUDIENCE = 'aidnet';
export const ISSUER = 'aidnet';

export function signingKey(): SigningKey {
  return readSigningKey(files.signingKeyFile);
}

export function publicKeys(): Record<string, string> {
  return readPublicKeys(files.publicKeysFile);
}

export interface TokenSpec {
  jurisdiction: string;
  roles: Role[];
  sub?: string;
  name?: string;
  org?: string;
}

/** @returns a valid token for the spec (default subject `<roles>@<jurisdiction>`). */
export function tokenFor(
  spec: TokenSpec,
  overrides: { audience?: string; expiresIn?: number; key?: SigningKey } = {},
): string {
  const principal: Principal = {
    sub: spec.sub ?? `${spec.roles.join('+')}@${spec.jurisdiction}`,
    name: spec.name ?? '测试用户',
    jurisdiction: spec.jurisdiction,
    roles: spec.roles,
    ...(spec.org ? { org: spec.org } : {}),
  };
  return signToken(principal, overrides.key ?? signingKey(), {
    audience: overrides.audience ?? AUDIENCE,
    issuer: ISSUER,
    expiresIn: overrides.expiresIn ?? 3600,
  });
}

/** A key with the development key's kid but another secret: its signatures must be refused. */
export function impostorKey(): SigningKey {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    kid: signingKey().kid,
    alg: 'ES256',
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

/**
 * Signs exactly these claims (ES256, the key's kid), built here with node:crypto rather than with
 * jsonwebtoken, so a test can send what our own signing never would: no `exp`, no `iat`, odd roles.
 */
export function signClaims(claims: Record<string, unknown>, key: SigningKey = signingKey()): string {
  const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const input = `${part({ alg: 'ES256', typ: 'JWT', kid: key.kid })}.${part(claims)}`;
  const signature = sign('sha256', Buffer.from(input), {
    key: createPrivateKey(key.privateKey),
    dsaEncoding: 'ieee-p1363',
  });
  return `${input}.${signature.toString('base64url')}`;
}

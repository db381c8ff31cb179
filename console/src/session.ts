/** The signed-in user: the token in sessionStorage and the claims read from it. */
export interface Claims {
  sub: string;
  name: string;
  jurisdiction: string;
  roles: string[];
  org?: string;
  exp?: number;
}

const KEY = 'aidnet.token';

export function decodeToken(token: string): Claims | null {
  const parts = token.trim().split('.');
  if (parts.length !== 3 || !parts[1]) return null;
  try {
    const b64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes)) as Partial<Claims>;
    if (typeof claims.jurisdiction !== 'string' || !Array.isArray(claims.roles)) return null;
    return {
      sub: String(claims.sub ?? ''),
      name: String(claims.name ?? ''),
      jurisdiction: claims.jurisdiction,
      roles: claims.roles.map(String),
      ...(claims.org ? { org: claims.org } : {}),
      ...(claims.exp ? { exp: claims.exp } : {}),
    };
  } catch {
    return null;
  }
}

export function token(): string | null {
  return sessionStorage.getItem(KEY);
}

export function claims(): Claims | null {
  const tok = token();
  return tok ? decodeToken(tok) : null;
}

export function signIn(tok: string): void {
  sessionStorage.setItem(KEY, tok.trim());
}

export function signOut(): void {
  sessionStorage.removeItem(KEY);
}

export function hasRole(...roles: string[]): boolean {
  const c = claims();
  return !!c && c.roles.some((r) => roles.includes(r));
}

export function me(): Claims {
  const c = claims();
  if (!c) throw new Error('not signed in');
  return c;
}

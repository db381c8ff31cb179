import { signToken, type Principal, type SigningKey } from './auth';

/**
 * The token a service presents to registry nodes (role `service`, DESIGN.md section 2). Signed
 * here with the deployment's signing key and reused until shortly before it expires.
 */
export class ServiceToken {
  private token: string | null = null;
  private renewAt = 0;

  constructor(
    private readonly principal: Principal,
    private readonly key: SigningKey,
    private readonly options: { audience: string; issuer: string; lifetimeSeconds?: number },
  ) {}

  get(): string {
    const now = Date.now();
    if (!this.token || now >= this.renewAt) {
      const lifetime = this.options.lifetimeSeconds ?? 3600;
      this.token = signToken(this.principal, this.key, {
        audience: this.options.audience,
        issuer: this.options.issuer,
        expiresIn: lifetime,
      });
      this.renewAt = now + (lifetime * 1000) / 2;
    }
    return this.token;
  }
}

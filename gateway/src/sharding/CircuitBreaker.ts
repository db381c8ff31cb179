/**
 * Per-node circuit breaker (DESIGN.md 3.6): after `failureThreshold` consecutive failures the node
 * is skipped at once (open) until `openMs` has passed; then one call may try it (half-open), and a
 * success closes the breaker again. Pure state over an injected clock, so it is unit-testable.
 */
export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerOptions {
  failureThreshold: number;
  openMs: number;
}

export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | null = null;
  private probing = false;

  constructor(
    private readonly options: BreakerOptions,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): BreakerState {
    if (this.openedAt === null) return 'closed';
    return this.now() - this.openedAt >= this.options.openMs ? 'half-open' : 'open';
  }

  /** @returns true when a call may go to the node now (in half-open, only one at a time). */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.probing) return false;
    this.probing = true;
    return true;
  }

  succeed(): void {
    this.failures = 0;
    this.openedAt = null;
    this.probing = false;
  }

  fail(): void {
    this.probing = false;
    this.failures += 1;
    if (this.openedAt !== null || this.failures >= this.options.failureThreshold) this.openedAt = this.now();
  }
}

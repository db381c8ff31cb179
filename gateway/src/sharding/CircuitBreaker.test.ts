import { CircuitBreaker } from './CircuitBreaker';

/** The breaker over a hand-driven clock: no timers, no waiting. */
function breaker(failureThreshold = 3, openMs = 1000) {
  const clock = { now: 0 };
  return { clock, b: new CircuitBreaker({ failureThreshold, openMs }, () => clock.now) };
}

describe('CircuitBreaker', () => {
  test('stays closed below the threshold, and a success resets the count of consecutive failures', () => {
    const { b } = breaker(3);
    b.fail();
    b.fail();
    b.succeed();
    b.fail();
    b.fail();
    expect(b.state).toBe('closed');
    expect(b.tryAcquire()).toBe(true);
  });

  test('opens after failureThreshold consecutive failures and refuses every call while open', () => {
    const { b, clock } = breaker(3, 1000);
    for (let i = 0; i < 3; i++) b.fail();
    expect(b.state).toBe('open');
    clock.now = 999;
    expect(b.tryAcquire()).toBe(false);
    expect(b.state).toBe('open');
  });

  test('after openMs lets exactly one probe through (half-open); its success closes the breaker', () => {
    const { b, clock } = breaker(2, 1000);
    b.fail();
    b.fail();
    clock.now = 1000;
    expect(b.state).toBe('half-open');
    expect(b.tryAcquire()).toBe(true);
    expect(b.tryAcquire()).toBe(false);
    b.succeed();
    expect(b.state).toBe('closed');
    expect(b.tryAcquire()).toBe(true);
    expect(b.tryAcquire()).toBe(true);
  });

  test('a failed probe opens it again for a full openMs at once, whatever the threshold', () => {
    const { b, clock } = breaker(5, 1000);
    for (let i = 0; i < 5; i++) b.fail();
    clock.now = 1500;
    expect(b.tryAcquire()).toBe(true);
    b.fail();
    expect(b.state).toBe('open');
    clock.now = 2499;
    expect(b.tryAcquire()).toBe(false);
    clock.now = 2500;
    expect(b.state).toBe('half-open');
    expect(b.tryAcquire()).toBe(true);
  });

  test('follows a reference model over random event sequences (seeded)', () => {
    const seed = 4242;
    let x = seed;
    const rand = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const threshold = 3;
    const openMs = 100;
    const { b, clock } = breaker(threshold, openMs);
    // The model: consecutive failures, when it opened, and whether a probe is out.
    let failures = 0;
    let openedAt: number | null = null;
    let probing = false;
    for (let step = 0; step < 5000; step++) {
      clock.now += Math.floor(rand() * 40);
      const state = openedAt === null ? 'closed' : clock.now - openedAt >= openMs ? 'half-open' : 'open';
      expect({ seed, step, state: b.state }).toEqual({ seed, step, state });
      const r = rand();
      if (r < 0.4) {
        const allowed = state === 'closed' || (state === 'half-open' && !probing);
        if (state === 'half-open' && allowed) probing = true;
        expect({ seed, step, allowed: b.tryAcquire() }).toEqual({ seed, step, allowed });
      } else if (r < 0.7) {
        b.fail();
        probing = false;
        failures += 1;
        if (openedAt !== null || failures >= threshold) openedAt = clock.now;
      } else {
        b.succeed();
        failures = 0;
        openedAt = null;
        probing = false;
      }
    }
  });
});

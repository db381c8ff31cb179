import { KeyedLock } from './keyedLock';

/** A promise resolved or rejected from outside. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every pending promise callback run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('KeyedLock', () => {
  test('returns the result of the work', async () => {
    const lock = new KeyedLock();
    await expect(lock.run('k', async () => 42)).resolves.toBe(42);
  });

  test('serialises work with the same key: the second starts only after the first ends', async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    const gate = deferred();
    const first = lock.run('k', async () => {
      log.push('first start');
      await gate.promise;
      log.push('first end');
      return 1;
    });
    const second = lock.run('k', async () => {
      log.push('second start');
      return 2;
    });
    await settle();
    expect(log).toEqual(['first start']);
    gate.resolve();
    await expect(first).resolves.toBe(1);
    await expect(second).resolves.toBe(2);
    expect(log).toEqual(['first start', 'first end', 'second start']);
  });

  test('many tasks on one key run one at a time, in call order', async () => {
    const lock = new KeyedLock();
    let running = 0;
    let maxRunning = 0;
    const order: number[] = [];
    const tasks = Array.from({ length: 25 }, (_, i) =>
      lock.run('same', async () => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        // Uneven, random-ish delays: later tasks must still wait for earlier ones.
        await new Promise((resolve) => setTimeout(resolve, (i * 7) % 5));
        order.push(i);
        running--;
        return i;
      }),
    );
    expect(await Promise.all(tasks)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(maxRunning).toBe(1);
    expect(order).toEqual(Array.from({ length: 25 }, (_, i) => i));
  });

  test('different keys run concurrently', async () => {
    const lock = new KeyedLock();
    const gateA = deferred();
    const started: string[] = [];
    const a = lock.run('a', async () => {
      started.push('a');
      await gateA.promise;
      return 'a';
    });
    const b = lock.run('b', async () => {
      started.push('b');
      return 'b';
    });
    // b completes while a is still blocked.
    await expect(b).resolves.toBe('b');
    expect(started).toEqual(['a', 'b']);
    gateA.resolve();
    await expect(a).resolves.toBe('a');
  });

  test('a rejected task rejects its own caller and does not block the next', async () => {
    const lock = new KeyedLock();
    const gate = deferred();
    const failing = lock.run('k', async () => {
      await gate.promise;
      throw new Error('boom');
    });
    const next = lock.run('k', async () => 'next ran');
    gate.resolve();
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('next ran');
  });

  test('a task that throws synchronously is also isolated', async () => {
    const lock = new KeyedLock();
    const failing = lock.run('k', () => {
      throw new Error('sync boom');
    });
    const next = lock.run('k', async () => 'ok');
    await expect(failing).rejects.toThrow('sync boom');
    await expect(next).resolves.toBe('ok');
  });

  test('the next task waits for a failing one to finish failing', async () => {
    const lock = new KeyedLock();
    const gate = deferred();
    const log: string[] = [];
    const failing = lock.run('k', async () => {
      await gate.promise;
      log.push('failed');
      throw new Error('late');
    });
    const next = lock.run('k', async () => {
      log.push('next');
    });
    await settle();
    expect(log).toEqual([]);
    gate.resolve();
    await expect(failing).rejects.toThrow('late');
    await next;
    expect(log).toEqual(['failed', 'next']);
  });

  test('a read-modify-write counter loses no updates under the lock', async () => {
    const lock = new KeyedLock();
    let counter = 0;
    await Promise.all(
      Array.from({ length: 50 }, () =>
        lock.run('counter', async () => {
          const read = counter;
          await settle();
          counter = read + 1;
        }),
      ),
    );
    expect(counter).toBe(50);
  });

  test('forgets a key once its queue is empty (no unbounded growth)', async () => {
    const lock = new KeyedLock();
    await Promise.all(Array.from({ length: 100 }, (_, i) => lock.run(`key-${i}`, async () => i)));
    await lock.run('k', async () => Promise.reject(new Error('x'))).catch(() => undefined);
    const tails = (lock as unknown as { tails: Map<string, unknown> }).tails;
    expect(tails.size).toBe(0);
  });

  test('a key is usable again after its queue drained', async () => {
    const lock = new KeyedLock();
    await lock.run('k', async () => 1);
    const gate = deferred();
    const log: number[] = [];
    const a = lock.run('k', async () => {
      await gate.promise;
      log.push(1);
    });
    const b = lock.run('k', async () => {
      log.push(2);
    });
    await settle();
    expect(log).toEqual([]);
    gate.resolve();
    await Promise.all([a, b]);
    expect(log).toEqual([1, 2]);
  });
});

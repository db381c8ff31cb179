import dns from 'node:dns';
import net from 'node:net';
import tls from 'node:tls';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { isLoopbackHost, OutboundConnectionBlocked } from '../setup/networkGuard';

/**
 * Acceptance: "A guard in the test setup (a guard, not a mock) fails any connection to a
 * non-loopback address."
 *
 * Safety of this file: no non-loopback connection is ever attempted. Every blocked attempt is
 * made only after checking that the guard is installed; destinations are TEST-NET documentation
 * addresses (RFC 5737 / RFC 3849) that are never routed; and name resolution is replaced by a
 * recorder that fails, so a hostname can neither be resolved nor connected to even if the guard
 * let it through.
 */

// eslint-disable-next-line @typescript-eslint/no-require-imports
const jestConfig = require(path.join(__dirname, '../../jest.config.js')) as {
  projects: { displayName: string; setupFiles?: string[] }[];
};

const lookups: string[] = [];
const failingLookup = ((hostname: string, _options: unknown, callback?: (err: Error) => void) => {
  lookups.push(hostname);
  const cb = typeof _options === 'function' ? (_options as (err: Error) => void) : callback;
  cb?.(new Error(`test: DNS is disabled (asked for ${hostname})`));
}) as unknown as typeof dns.lookup;

/** Replaces name resolution by a recorder that fails, for the tests that aim at other hosts. */
function disableDns(): void {
  beforeEach(() => {
    lookups.length = 0;
    jest.spyOn(dns, 'lookup').mockImplementation(failingLookup);
    jest.spyOn(dns.promises, 'lookup').mockImplementation(async (hostname: string) => {
      lookups.push(hostname);
      throw new Error(`test: DNS is disabled (asked for ${hostname})`);
    });
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });
}

/** Fails the test, before any attempt, unless the setup's guard wraps Socket#connect. */
function expectGuardInstalled(): void {
  expect(net.Socket.prototype.connect.name).toBe('guardedConnect');
}

/** Runs `attempt`, which must throw the guard's error synchronously; never leaves a socket behind. */
function expectBlocked(attempt: () => net.Socket, host: string): OutboundConnectionBlocked {
  expectGuardInstalled();
  let socket: net.Socket | undefined;
  let thrown: unknown;
  try {
    socket = attempt();
  } catch (e) {
    thrown = e;
  }
  if (socket) {
    socket.on('error', () => undefined);
    socket.destroy();
  }
  expect(thrown).toBeInstanceOf(OutboundConnectionBlocked);
  const blocked = thrown as OutboundConnectionBlocked;
  expect(blocked.host).toBe(host);
  expect(blocked.message).toContain(host);
  expect(blocked.message).toMatch(/127\.0\.0\.1/);
  return blocked;
}

const nextTick = () => new Promise((resolve) => setImmediate(resolve));

describe('the guard is part of the test setup', () => {
  test('every jest project runs tests/setup/networkGuard.ts as a setup file, and it wraps the real Socket#connect', () => {
    expect(jestConfig.projects.map((p) => p.displayName)).toEqual(['unit', 'integration', 'e2e']);
    for (const project of jestConfig.projects) {
      expect((project.setupFiles ?? []).some((f) => f.endsWith('tests/setup/networkGuard.ts'))).toBe(true);
    }
    expectGuardInstalled();
    // A guard, not a mock: net.connect and Socket are Node's own.
    expect(net.connect).toBe(net.createConnection);
    expect(new net.Socket()).toBeInstanceOf(net.Socket);
  });

  test.each([
    ['localhost', true],
    ['LOCALHOST', true],
    ['127.0.0.1', true],
    ['127.255.0.9', true],
    ['::1', true],
    ['[::1]', true],
    ['::ffff:127.0.0.1', true],
    ['192.0.2.1', false],
    ['10.0.0.1', false],
    ['0.0.0.0', false],
    ['example.com', false],
    ['127.0.0.1.example.com', false],
    ['localhost.example.com', false],
    ['2001:db8::1', false],
    ['::ffff:192.0.2.1', false],
  ])('isLoopbackHost(%j) is %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });
});

describe('non-loopback connections fail at once, before a packet is sent', () => {
  disableDns();

  test('net.connect(80, "192.0.2.1") throws OutboundConnectionBlocked synchronously', () => {
    const blocked = expectBlocked(() => net.connect(80, '192.0.2.1'), '192.0.2.1');
    expect(blocked.port).toBe(80);
    expect(blocked).toBeInstanceOf(Error);
  });

  test('every call form of net and tls is guarded', () => {
    expectBlocked(() => net.connect({ host: '192.0.2.1', port: 80 }), '192.0.2.1');
    expectBlocked(() => net.createConnection({ host: '198.51.100.7', port: 443 }), '198.51.100.7');
    // A numeric string port, as some callers pass it (not in Node's typings).
    expectBlocked(
      () => (net.connect as unknown as (port: string, host: string) => net.Socket)('80', '203.0.113.5'),
      '203.0.113.5',
    );
    expectBlocked(() => net.connect({ host: '2001:db8::1', port: 80 }), '2001:db8::1');
    expectBlocked(() => net.connect({ host: '::ffff:192.0.2.1', port: 80 }), '::ffff:192.0.2.1');
    expectBlocked(() => new net.Socket().connect(80, '192.0.2.1'), '192.0.2.1');
    expectBlocked(() => new net.Socket().connect({ host: '192.0.2.1', port: 80 }), '192.0.2.1');
    expectBlocked(() => tls.connect({ host: '192.0.2.1', port: 443 }), '192.0.2.1');
    expectBlocked(() => net.connect({ host: 'example.com', port: 80 }), 'example.com');
    expect(lookups).toEqual([]);
  });

  /** A `lookup` option that records and fails: a request the guard misses resolves nothing and connects nowhere. */
  function probeLookup(seen: string[]): net.LookupFunction {
    return ((hostname: string, _o: unknown, cb: (err: Error) => void) => {
      seen.push(hostname);
      cb(new Error(`probe: stop at the lookup of ${hostname}`));
    }) as unknown as net.LookupFunction;
  }

  /** Makes a request through Node's http(s) client and returns how it failed. */
  async function requestError(make: () => http.ClientRequest): Promise<unknown> {
    expectGuardInstalled();
    return new Promise<unknown>((resolve) => {
      try {
        const req = make();
        req.on('error', resolve);
        req.on('response', () => resolve(new Error('got a response!')));
        req.end();
      } catch (e) {
        resolve(e);
      }
    });
  }

  test('http.request to a non-loopback host fails with the guard error and resolves no name', async () => {
    // Node's http client hands net.createConnection `path: null` (checked on Node 20).
    const seen: string[] = [];
    const error = await requestError(() =>
      http.request({ host: 'example.com', port: 80, path: '/', lookup: probeLookup(seen) }),
    );
    expect({ error: String(error), reachedNameResolution: seen.length > 0 }).toEqual({
      error: String(new OutboundConnectionBlocked('example.com', 80)),
      reachedNameResolution: false,
    });
    expect(error).toBeInstanceOf(OutboundConnectionBlocked);
    expect(lookups).toEqual([]);
  });

  test('https.request to a non-loopback host fails with the guard error and resolves no name', async () => {
    const seen: string[] = [];
    const error = await requestError(() =>
      https.request({ host: 'example.com', port: 443, path: '/', lookup: probeLookup(seen) }),
    );
    expect({ error: String(error), reachedNameResolution: seen.length > 0 }).toEqual({
      error: String(new OutboundConnectionBlocked('example.com', 443)),
      reachedNameResolution: false,
    });
    expect(lookups).toEqual([]);
  });

  test('fetch("http://example.com/") rejects with the guard error as its cause; no DNS lookup happens', async () => {
    expectGuardInstalled();
    let error: unknown;
    try {
      await fetch('http://example.com/', { signal: AbortSignal.timeout(10_000) });
    } catch (e) {
      error = e;
    }
    // fetch's TypeError comes from Node's own realm, not the test's: check it by name.
    expect((error as Error | undefined)?.name).toBe('TypeError');
    // The cause is the guard's error. Node's bundled undici re-wraps a cause that is not an
    // `Error` of its own realm (Jest runs tests in a vm context) as `new Error(String(cause))`,
    // so compare by the guard's message rather than by identity.
    const cause = (error as { cause?: unknown }).cause as { message?: unknown } | undefined;
    const guardMessage = new OutboundConnectionBlocked('example.com', 80).message;
    expect(String(cause?.message)).toContain(guardMessage);
    if (cause instanceof OutboundConnectionBlocked) expect(cause.host).toBe('example.com');
    await nextTick();
    expect(lookups).toEqual([]);
  });

  test('an options object with an empty or null `path` is still a TCP connection and is blocked', async () => {
    // Node treats a falsy `path` as "no Unix socket" and connects to host:port over TCP.
    // The probe uses a hostname and a `lookup` that fails, so that even if the guard let it
    // through, nothing is resolved and nothing is connected; only the lookup call is recorded.
    const probeLookups: string[] = [];
    const lookup = ((hostname: string, _o: unknown, cb: (err: Error) => void) => {
      probeLookups.push(hostname);
      cb(new Error('probe: stop here'));
    }) as unknown as net.LookupFunction;
    for (const emptyPath of ['', null]) {
      let thrown: unknown;
      let socket: net.Socket | undefined;
      expectGuardInstalled();
      try {
        socket = net.connect({
          host: 'example.com',
          port: 80,
          path: emptyPath,
          lookup,
        } as unknown as net.NetConnectOpts);
        socket.on('error', () => undefined);
      } catch (e) {
        thrown = e;
      }
      await nextTick();
      socket?.destroy();
      expect({
        path: emptyPath,
        blocked: thrown instanceof OutboundConnectionBlocked,
        reachedNameResolution: probeLookups.includes('example.com'),
      }).toEqual({
        path: emptyPath,
        blocked: true,
        reachedNameResolution: false,
      });
    }
    expect(lookups).toEqual([]);
  });
});

describe('loopback connections work through the real network stack', () => {
  test('a socket to a net server on 127.0.0.1 (port 0) connects and exchanges bytes both ways', async () => {
    const received: string[] = [];
    const server = net.createServer((conn) => {
      conn.on('data', (chunk) => {
        received.push(chunk.toString());
        conn.end(`pong:${chunk.toString()}`);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const address = server.address() as net.AddressInfo;
      expect(address.address).toBe('127.0.0.1');
      expect(address.port).toBeGreaterThan(0);
      const reply = await new Promise<string>((resolve, reject) => {
        const socket = net.connect({ host: '127.0.0.1', port: address.port }, () => socket.write('ping'));
        let data = '';
        socket.on('data', (c) => (data += c.toString()));
        socket.on('end', () => resolve(data));
        socket.on('error', reject);
      });
      expect(received).toEqual(['ping']);
      expect(reply).toBe('pong:ping');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  test('fetch to an HTTP server on 127.0.0.1 succeeds', async () => {
    const server = http.createServer((req, res) => {
      res.setHeader('content-type', 'text/plain');
      res.end(`hello ${req.method} ${req.url}`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as net.AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/ping`);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('hello GET /ping');
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

import dgram from 'node:dgram';
import net from 'node:net';

/**
 * A guard, not a mock: every socket a test opens goes through the real network stack, but a
 * connection to anything other than loopback fails at once, before a packet is sent. Tests talk
 * to 127.0.0.1 only (the product runs on isolated government networks).
 */
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|::1|::ffff:127(\.\d{1,3}){3}|\[::1\])$/i;

export class OutboundConnectionBlocked extends Error {
  constructor(
    readonly host: string,
    readonly port: unknown,
  ) {
    super(`Network guard: a test tried to connect to ${host}:${String(port)}; tests may only reach 127.0.0.1`);
    this.name = 'OutboundConnectionBlocked';
  }
}

/** @returns true when a connection to `host` stays on this machine. */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.test(host);
}

type ConnectArgs = [unknown, ...unknown[]];

function targetOf(args: ConnectArgs): { host: string; port: unknown } | null {
  let [first] = args;
  // net internals pass the normalised [options, callback] pair as one array argument.
  if (Array.isArray(first)) first = first[0];
  if (typeof first === 'object' && first !== null) {
    const o = first as { host?: string; port?: unknown; path?: string };
    if (o.path) return null; // a Unix socket stays on this machine (http passes path: null for TCP)
    return { host: o.host ?? 'localhost', port: o.port };
  }
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    return { host: typeof args[1] === 'string' ? args[1] : 'localhost', port: first };
  }
  return null; // a path string: Unix socket
}

const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: ConnectArgs) {
  const target = targetOf(args);
  if (target && !isLoopbackHost(target.host)) throw new OutboundConnectionBlocked(target.host, target.port);
  return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
};

// UDP too (DNS to an outside resolver, telemetry beacons): sending to a non-loopback address fails.
const originalSend = dgram.Socket.prototype.send;
dgram.Socket.prototype.send = function guardedSend(this: dgram.Socket, ...args: unknown[]) {
  const address = args.find((a, i) => i > 0 && typeof a === 'string') as string | undefined;
  if (address !== undefined && !isLoopbackHost(address)) throw new OutboundConnectionBlocked(address, 'udp');
  return (originalSend as (...a: unknown[]) => void).apply(this, args);
} as typeof dgram.Socket.prototype.send;

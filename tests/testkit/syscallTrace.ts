/**
 * Reads `strace -f -e trace=connect,sendto,sendmsg` output and lists every destination address a
 * traced process tree tried to reach. Used to prove the network never leaves loopback.
 */
export interface Destination {
  family: 'AF_INET' | 'AF_INET6' | 'AF_UNIX' | 'OTHER';
  address: string;
  port?: number;
  line: string;
}

const INET = /sa_family=AF_INET, sin_port=htons\((\d+)\), sin_addr=inet_addr\("([^"]+)"\)/;
const INET6 = /sa_family=AF_INET6, sin6_port=htons\((\d+)\),.*?inet_pton\(AF_INET6, "([^"]+)"/;
const UNIX = /sa_family=AF_UNIX/;

/** @returns the destinations in the trace, in order. */
export function parseDestinations(trace: string): Destination[] {
  const out: Destination[] = [];
  for (const line of trace.split('\n')) {
    if (!/\b(connect|sendto|sendmsg)\(/.test(line)) continue;
    let m = INET.exec(line);
    if (m) {
      out.push({ family: 'AF_INET', address: m[2] as string, port: Number(m[1]), line });
      continue;
    }
    m = INET6.exec(line);
    if (m) {
      out.push({ family: 'AF_INET6', address: m[2] as string, port: Number(m[1]), line });
      continue;
    }
    if (UNIX.test(line)) out.push({ family: 'AF_UNIX', address: 'unix', line });
    else if (/sa_family=/.test(line)) out.push({ family: 'OTHER', address: 'other', line });
  }
  return out;
}

/** @returns true for a destination that stays on this machine. */
export function isLocal(d: Destination): boolean {
  if (d.family === 'AF_UNIX') return true;
  if (d.family === 'AF_INET') return d.address.startsWith('127.') || d.address === '0.0.0.0';
  if (d.family === 'AF_INET6') return d.address === '::1' || d.address.startsWith('::ffff:127.') || d.address === '::';
  // Netlink talks to the kernel (Go's runtime lists interfaces that way): not a network peer.
  return /AF_NETLINK/.test(d.line);
}

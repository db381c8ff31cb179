import net from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 that makes a local node look like one in another building: the
 * upstream connection opens one round trip (2 × delay) after the client connects, and every
 * chunk, in each direction, is passed on `delayMs` after it arrived (order kept), so each
 * request/response exchange costs at least 2 × delayMs. End and reset are delayed the same way.
 */
export interface DelayRoute {
  listenPort: number;
  targetPort: number;
}

export interface DelayProxyStats {
  connections: number;
  chunksUp: number;
  chunksDown: number;
}

export interface RunningDelayProxy {
  stats: DelayProxyStats;
  close(): Promise<void>;
}

function forwardDelayed(from: net.Socket, to: () => net.Socket | undefined, delayMs: number, count: () => void): void {
  from.on('data', (chunk: Buffer) => {
    count();
    setTimeout(() => {
      const dst = to();
      if (dst && !dst.destroyed) dst.write(chunk);
    }, delayMs);
  });
  from.on('end', () => setTimeout(() => to()?.end(), delayMs));
}

export async function startDelayProxy(route: DelayRoute, delayMs: number): Promise<RunningDelayProxy> {
  const sockets = new Set<net.Socket>();
  const stats: DelayProxyStats = { connections: 0, chunksUp: 0, chunksDown: 0 };
  const track = (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  };
  const server = net.createServer({ allowHalfOpen: true }, (client) => {
    track(client);
    stats.connections += 1;
    client.setNoDelay(true);
    let upstream: net.Socket | undefined;
    const closeBoth = () =>
      setTimeout(() => {
        client.destroy();
        upstream?.destroy();
      }, delayMs);
    client.on('error', closeBoth);
    client.on('close', closeBoth);
    // Chunks from the client are queued by the delay timers; the upstream exists once they fire
    // (connect is started after one round trip, i.e. before the first chunk's timer ends + delay).
    client.pause();
    setTimeout(() => {
      if (client.destroyed) return;
      upstream = net.connect({ port: route.targetPort, host: '127.0.0.1', allowHalfOpen: true });
      track(upstream);
      upstream.setNoDelay(true);
      upstream.on('error', closeBoth);
      upstream.on('close', closeBoth);
      forwardDelayed(
        upstream,
        () => client,
        delayMs,
        () => (stats.chunksDown += 1),
      );
      forwardDelayed(
        client,
        () => upstream,
        delayMs,
        () => (stats.chunksUp += 1),
      );
      client.resume();
    }, 2 * delayMs);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(route.listenPort, '127.0.0.1', () => resolve());
  });
  return {
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

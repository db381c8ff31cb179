import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger';
import type { ServiceMetrics } from './ServiceMetrics';

/**
 * The operator's port of a process: `GET /metrics` (Prometheus text format), `/healthz`
 * (liveness) and `/readyz` (readiness). It is a listener of its own, apart from the service's
 * public port, bound to 127.0.0.1 unless METRICS_HOST says otherwise, so that an operator
 * exposes it only to the scraper (a firewall rule, a compose network) and never to clients.
 * Workers have no other HTTP port: this is their health port.
 */
export interface MonitoringAddress {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /**
   * A derived default port (METRICS_PORT unset) that is already taken is logged and skipped
   * rather than stopping the service; an explicit METRICS_PORT must bind.
   */
  optional?: boolean;
}

export interface MonitoringServerOptions extends MonitoringAddress {
  metrics: ServiceMetrics;
  /** Liveness: false when the process should be restarted (e.g. its queue workers stopped). */
  live: () => boolean | Promise<boolean>;
  /** Readiness: true when the process can do its work now (its database, Redis, a node answer). */
  ready: () => Promise<boolean>;
  logger: Logger;
}

export interface RunningMonitoringServer {
  /** `http://host:port` */
  url: string;
  stop(): Promise<void>;
}

/** @returns the running server; null when an `optional` port was taken. */
export async function startMonitoringServer(options: MonitoringServerOptions): Promise<RunningMonitoringServer | null> {
  const answer = (res: http.ServerResponse, status: number, type: string, body: string) => {
    res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
  const check = async (res: http.ServerResponse, probe: () => boolean | Promise<boolean>, word: string) => {
    const ok = await Promise.resolve()
      .then(probe)
      .catch(() => false);
    answer(
      res,
      ok ? 200 : 503,
      'application/json; charset=utf-8',
      JSON.stringify({ status: ok ? word : `not ${word}` }),
    );
  };
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') return answer(res, 405, 'text/plain', 'GET only\n');
    if (path === '/metrics') {
      options.metrics.text().then(
        (text) => answer(res, 200, options.metrics.registry.contentType, text),
        (err: unknown) => {
          options.logger.error({ err }, 'metrics collection failed');
          answer(res, 500, 'text/plain', 'metrics collection failed\n');
        },
      );
      return;
    }
    if (path === '/healthz') return void check(res, options.live, 'ok');
    if (path === '/readyz') return void check(res, options.ready, 'ready');
    answer(res, 404, 'text/plain', 'not found: /metrics, /healthz, /readyz\n');
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => resolve());
    });
  } catch (e) {
    if (!options.optional || (e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
    options.logger.warn(
      { port: options.port },
      'port %d is taken: no /metrics, /healthz, /readyz on it (set METRICS_PORT)',
      options.port,
    );
    return null;
  }
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host}:${port}`;
  options.logger.info({ url }, 'metrics and health on %s/metrics', url);
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

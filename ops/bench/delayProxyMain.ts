import { startDelayProxy, type DelayRoute, type RunningDelayProxy } from './delayProxy';
import { readDelayProxyEnv } from './env';
import { stopWithParent } from './processes';

/**
 * Child-process entry of the bench's delaying proxies (kept out of the load generator's event
 * loop so its timers stay accurate). BENCH_PROXY_ROUTES: JSON [{ listenPort, targetPort }].
 */
async function main(): Promise<void> {
  const env = readDelayProxyEnv();
  const routes = JSON.parse(env.BENCH_PROXY_ROUTES) as DelayRoute[];
  const delayMs = env.BENCH_DELAY_MS;
  const proxies: RunningDelayProxy[] = await Promise.all(routes.map((r) => startDelayProxy(r, delayMs)));
  const stop = () => {
    const total = proxies.reduce(
      (t, p) => ({ c: t.c + p.stats.connections, up: t.up + p.stats.chunksUp, down: t.down + p.stats.chunksDown }),
      { c: 0, up: 0, down: 0 },
    );
    process.stdout.write(
      `delay proxy: ${total.c} connections accepted, ${total.up} chunks forwarded up, ${total.down} down\n`,
    );
    void Promise.all(proxies.map((p) => p.close())).finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  };
  stopWithParent(stop);
  process.stdout.write(`delay proxy: ${routes.length} routes, ${delayMs} ms each way\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`delay proxy: failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});

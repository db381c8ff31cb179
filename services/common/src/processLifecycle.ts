import type { Logger } from './logger';

/** Stops a service cleanly on SIGINT/SIGTERM (Ctrl-C, docker stop), then exits. */
export function stopOnSignals(stop: () => Promise<void>, logger: Logger): void {
  const shutdown = (signal: string) => {
    logger.info('stopping on %s', signal);
    stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'unclean stop');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

/** Runs an entry point's `main`, reporting a failed start on stderr with exit code 1. */
export function runMain(name: string, main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    process.stderr.write(`${name}: failed to start: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  });
}

import { runMutualAid } from './main';

/** Entry point of the mutual-aid worker: escalation timers, saga retries, webhooks, sweeper, reconciler. */
runMutualAid('worker').catch((err: unknown) => {
  process.stderr.write(`mutual-aid worker: failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});

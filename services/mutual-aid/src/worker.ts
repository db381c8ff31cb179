import { runMain } from '../../common/src/processLifecycle';
import { runMutualAid } from './main';

/** Entry point of the mutual-aid worker: escalation timers, saga retries, webhooks, sweeper, reconciler. */
runMain('mutual-aid worker', () => runMutualAid('worker'));

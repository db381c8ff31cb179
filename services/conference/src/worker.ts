import { runMain } from '../../common/src/processLifecycle';
import { runConference } from './main';

/** Entry point of the conference worker: reminders (BullMQ), their sweeper, webhook delivery. */
runMain('conference worker', () => runConference('worker'));

import type { Principal } from '../../common/src/auth';
import type { ConferenceDeps } from './commands/deps';
import type { ConferenceLoaders } from './queries/conferenceLoaders';

/** Per request: the verified caller and the service's parts. */
export interface ConferenceContext {
  principal: Principal;
  deps: ConferenceDeps;
  /** Batch loaders for nested fields, fresh per request (queries/conferenceLoaders.ts). */
  loaders: ConferenceLoaders;
  /** Base URL of the report downloads, e.g. http://127.0.0.1:4000 (the gateway proxies them). */
  publicBaseUrl: string;
}

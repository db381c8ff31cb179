import type { Principal } from '../../common/src/auth';
import type { ConferenceDeps } from './commands/deps';

/** Per request: the verified caller and the service's parts. */
export interface ConferenceContext {
  principal: Principal;
  deps: ConferenceDeps;
  /** Base URL of the report downloads, e.g. http://127.0.0.1:4000 (the gateway proxies them). */
  publicBaseUrl: string;
}

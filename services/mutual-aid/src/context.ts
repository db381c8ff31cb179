import type { Principal } from '../../common/src/auth';
import type { Coverage } from '../../common/src/coverage';
import type { NotificationCenter } from '../../common/src/notifications';
import type { TravelModel } from '../../common/src/geo';
import type { MutualAidDeps } from './commands/deps';
import type { SagaRunner } from './saga/sagaRunner';

/** Per request: the verified caller and the service's parts. */
export interface MutualAidContext {
  principal: Principal;
  /** The caller's Authorization header, forwarded when the service asks the registry for them. */
  authorization: string;
  deps: MutualAidDeps;
  saga: SagaRunner;
  notifications: NotificationCenter;
  gatewayUrl: () => string;
  travel: TravelModel;
  /** What the registry answered for the reads this request made through the gateway. */
  coverage: Coverage;
}

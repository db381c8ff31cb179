import type { Principal } from '../../../common/src/auth';
import { ERRORS } from '../../../common/src/errors';
import { parseInput } from '../../../common/src/inputs';
import { ResourceIdsModel } from '../domain/inputs';
import { authorizeRequester } from '../domain/policy';
import type { OfferRecord, RequestRecord } from '../domain/records';
import { event } from '../domain/timeline';
import { changeRequest } from '../models/requestWriter';
import { newOp } from '../saga/outbox';
import type { SagaRunner } from '../saga/sagaRunner';
import { tell } from './answerRequest';
import { actorOf, type MutualAidDeps } from './deps';
import { conflictIfWithdrawn, ensureActive, requireRequest } from './requestAccess';

/**
 * The requester accepts offers: each is deployed on its node (reserved first if it was only
 * provisional) and gets an assignment once the node confirms. Two requests accepting one team at
 * once: the node lets exactly one hold it; the other's offer is WITHDRAWN and it gets CONFLICT.
 * An unreachable node leaves the acceptance pending; the saga completes it when the node returns.
 */
export async function acceptOffer(
  deps: MutualAidDeps,
  saga: SagaRunner,
  principal: Principal,
  requestId: string,
  rawIds: unknown,
): Promise<RequestRecord> {
  const resourceIds = parseInput(ResourceIdsModel, rawIds, 'resourceIds');
  const { request, id } = await requireRequest(deps, requestId);
  authorizeRequester(principal, request, 'accept offers');
  const now = deps.now();
  const actor = actorOf(principal);
  await changeRequest(deps.store, id.objectId, (current) => {
    ensureActive(current);
    const offers = current.offers.map((o) => ({ ...o }));
    const accepted: OfferRecord[] = [];
    for (const rid of resourceIds) {
      const offer = offers.find((o) => o.resourceId === rid && (o.state === 'OFFERED' || o.state === 'ACCEPTED'));
      if (!offer) {
        const gone = offers.find((o) => o.resourceId === rid);
        if (gone) {
          throw ERRORS.CONFLICT.err(
            `「${gone.name}」 is ${gone.state}${gone.reason ? ` (${gone.reason})` : ''}; it cannot be accepted`,
            { reason: 'OFFER_NOT_OPEN', resourceId: rid },
          );
        }
        throw ERRORS.BAD_USER_INPUT.err(`${rid} was not offered on this request`);
      }
      if (offer.state === 'ACCEPTED') continue;
      offer.state = 'ACCEPTED';
      accepted.push(offer);
    }
    if (accepted.length === 0) return null;
    return {
      offers,
      outbox: [
        ...current.outbox.filter((o) => !accepted.some((a) => a.resourceId === o.resourceId && o.kind === 'RESERVE')),
        ...accepted.map((o) => newOp('DEPLOY', o, now, actor)),
      ],
      timeline: [
        ...current.timeline,
        event(now, actor, 'ACCEPTED', `接受 ${accepted.map((o) => `「${o.name}」`).join('、')}`),
      ],
    };
  });
  const driven = (await saga.drive(id.objectId))!;
  const owners = [
    ...new Set(
      driven.request.offers
        .filter((o) => resourceIds.includes(o.resourceId) && o.state === 'ACCEPTED')
        .map((o) => o.jurisdiction),
    ),
  ];
  if (owners.length) {
    const names = driven.request.offers
      .filter((o) => resourceIds.includes(o.resourceId) && o.state === 'ACCEPTED')
      .map((o) => `「${o.name}」`)
      .join('、');
    await tell(
      deps,
      driven.request,
      owners,
      'OFFER_ACCEPTED',
      `增援请求 ${request.number}：对方已接受您提供的资源`,
      `${names}，请立即出动。`,
      `accepted:${resourceIds.join(',')}`,
    );
  }
  conflictIfWithdrawn(requestId, resourceIds, driven.withdrawn);
  return driven.request;
}

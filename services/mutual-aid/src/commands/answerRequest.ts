import type { Principal } from '../../../common/src/auth';
import { ERRORS } from '../../../common/src/errors';
import { etaMinutes, greatCircleKm } from '../../../common/src/geo';
import { parseGlobalId } from '../../../common/src/ids';
import { parseInput } from '../../../common/src/inputs';
import { markExercise } from '../domain/exercise';
import { ResourceIdsModel, ResponseModel } from '../domain/inputs';
import { authorizeTarget } from '../domain/policy';
import type { NeedRecord, OfferRecord, RequestRecord, ResourceKind } from '../domain/records';
import { toRequestId } from '../domain/requestIds';
import { event } from '../domain/timeline';
import { changeRequest } from '../models/requestWriter';
import { newOp, type PendingOp } from '../saga/outbox';
import type { ResourceFacts } from '../saga/registryNodes';
import type { SagaRunner } from '../saga/sagaRunner';
import { actorOf, type MutualAidDeps } from './deps';
import { conflictIfWithdrawn, ensureActive, requireRequest } from './requestAccess';
import { RESPONSE_WORDS } from './wording';

/** A target says "we are on it" (acknowledgement), answers with offers, or confirms a provisional offer. */
export async function acknowledgeRequest(
  deps: MutualAidDeps,
  principal: Principal,
  requestId: string,
): Promise<RequestRecord> {
  const { request, id } = await requireRequest(deps, requestId);
  authorizeTarget(principal, request, 'acknowledge this request');
  const now = deps.now();
  let isNew = false;
  const after = await changeRequest(deps.store, id.objectId, (current) => {
    ensureActive(current);
    if (current.acknowledgements.some((a) => a.jurisdiction === principal.jurisdiction)) return null;
    isNew = true;
    return {
      acknowledgements: [
        ...current.acknowledgements,
        { jurisdiction: principal.jurisdiction, by: principal.name, at: now },
      ],
      timeline: [
        ...current.timeline,
        event(
          now,
          actorOf(principal),
          'ACKNOWLEDGED',
          `${deps.directory.nameOf(principal.jurisdiction)}已收到请求，正在处理`,
        ),
      ],
    };
  });
  if (isNew) {
    await tell(
      deps,
      after,
      [after.requester],
      'REQUEST_ACKNOWLEDGED',
      `${deps.directory.nameOf(principal.jurisdiction)}已收到增援请求 ${after.number}`,
      `${principal.name}：已收到，正在处理。`,
      `ack:${principal.jurisdiction}`,
    );
  }
  return after;
}

const KIND_BY_TYPE: Record<string, ResourceKind> = { Team: 'TEAM', SocialForce: 'SOCIAL_FORCE', StockLine: 'SUPPLY' };

export async function respondToRequest(
  deps: MutualAidDeps,
  saga: SagaRunner,
  principal: Principal,
  requestId: string,
  rawInput: unknown,
): Promise<RequestRecord> {
  const input = parseInput(ResponseModel, rawInput, 'input');
  const { request, id } = await requireRequest(deps, requestId);
  authorizeTarget(principal, request, 'respond to this request');
  ensureActive(request);
  const offersIn = input.offers ?? [];
  const facts = await Promise.all(offersIn.map((o, i) => checkOffer(deps, principal, request, o, i)));
  const now = deps.now();
  const actor = actorOf(principal);
  const responseId = `R${request.responses.length + 1}`;
  const offers: OfferRecord[] = offersIn.map((o, i) => {
    const f = facts[i]!;
    const need = request.needs.find((n) => n.id === o.needId)!;
    return {
      resourceId: o.resourceId,
      kind: need.kind,
      needId: need.id,
      responseId,
      jurisdiction: f.jurisdiction,
      name: f.name,
      quantity: need.kind === 'SUPPLY' ? (o.quantity ?? 1) : 1,
      etaMinutes:
        o.etaMinutes ??
        (f.base ? etaMinutes(f.readinessMinutes ?? 0, greatCircleKm(f.base, request.incident.location)) : null),
      tier: f.tier,
      provisional: input.kind === 'PROVISIONAL',
      state: 'OFFERED',
      reason: null,
      stock: f.stock,
    };
  });
  const ops = input.kind === 'OFFER' ? offers.map((o) => newOp('RESERVE', o, now, actor)) : [];
  const summary = offers.length ? offers.map((o) => `「${o.name}」×${o.quantity}`).join('、') : (input.reason ?? '');
  await changeRequest(deps.store, id.objectId, (current) => {
    ensureActive(current);
    const taken = offers.filter((o) =>
      current.offers.some((x) => x.resourceId === o.resourceId && (x.state === 'OFFERED' || x.state === 'ACCEPTED')),
    );
    if (taken.length) {
      throw ERRORS.CONFLICT.err(`Already offered on this request: ${taken.map((o) => o.name).join(', ')}`, {
        reason: 'ALREADY_OFFERED',
      });
    }
    return {
      responses: [
        ...current.responses,
        {
          id: responseId,
          responder: principal.jurisdiction,
          kind: input.kind,
          reason: input.reason ?? null,
          by: principal.name,
          at: now,
        },
      ],
      offers: [...current.offers, ...offers],
      outbox: [...current.outbox, ...ops],
      timeline: [
        ...current.timeline,
        event(
          now,
          actor,
          `RESPONDED_${input.kind}`,
          `${deps.directory.nameOf(principal.jurisdiction)}答复：${RESPONSE_WORDS[input.kind]} ${summary}`.trim(),
        ),
      ],
    };
  });
  const driven = ops.length ? await saga.drive(id.objectId) : null;
  const after = driven?.request ?? (await requireRequest(deps, requestId)).request;
  await tell(
    deps,
    after,
    [after.requester],
    'REQUEST_RESPONDED',
    `${deps.directory.nameOf(principal.jurisdiction)}答复增援请求 ${after.number}：${RESPONSE_WORDS[input.kind]}`,
    summary || RESPONSE_WORDS[input.kind],
    `resp:${responseId}`,
  );
  conflictIfWithdrawn(
    requestId,
    offers.map((o) => o.resourceId),
    driven?.withdrawn ?? [],
  );
  return after;
}

/** The responder makes provisional offers firm: they are reserved on their nodes now. */
export async function confirmOffer(
  deps: MutualAidDeps,
  saga: SagaRunner,
  principal: Principal,
  requestId: string,
  rawIds: unknown,
): Promise<RequestRecord> {
  const resourceIds = parseInput(ResourceIdsModel, rawIds, 'resourceIds');
  const { request, id } = await requireRequest(deps, requestId);
  authorizeTarget(principal, request, 'confirm offers on this request');
  const now = deps.now();
  const actor = actorOf(principal);
  await changeRequest(deps.store, id.objectId, (current) => {
    ensureActive(current);
    const offers = current.offers.map((o) => ({ ...o }));
    const ops: PendingOp[] = [];
    for (const rid of resourceIds) {
      const offer = offers.find((o) => o.resourceId === rid && o.state === 'OFFERED');
      if (!offer || !deps.directory.isSelfOrAncestor(principal.jurisdiction, offer.jurisdiction)) {
        throw ERRORS.BAD_USER_INPUT.err(`${rid} is not an open offer of ${principal.jurisdiction} on this request`);
      }
      if (!offer.provisional) continue;
      offer.provisional = false;
      ops.push(newOp('RESERVE', offer, now, actor));
    }
    if (ops.length === 0) return null;
    const names = ops.map((o) => offers.find((x) => x.resourceId === o.resourceId)!.name).join('、');
    return {
      offers,
      outbox: [...current.outbox, ...ops],
      timeline: [
        ...current.timeline,
        event(now, actor, 'OFFER_CONFIRMED', `${deps.directory.nameOf(principal.jurisdiction)}确认提供 ${names}`),
      ],
    };
  });
  const driven = await saga.drive(id.objectId);
  await tell(
    deps,
    driven!.request,
    [request.requester],
    'OFFER_CONFIRMED',
    `${deps.directory.nameOf(principal.jurisdiction)}确认了对增援请求 ${request.number} 的暂定提供`,
    resourceIds.length + ' 项资源已预留',
    `confirm:${resourceIds.join(',')}`,
  );
  conflictIfWithdrawn(requestId, resourceIds, driven!.withdrawn);
  return driven!.request;
}

/** Checks one offered resource against its need and its owning node. */
async function checkOffer(
  deps: MutualAidDeps,
  principal: Principal,
  request: RequestRecord,
  o: { needId: string; resourceId: string; quantity?: number | null },
  i: number,
): Promise<ResourceFacts> {
  const path = `input.offers.${i}`;
  const bad = (message: string) =>
    ERRORS.BAD_USER_INPUT.err(`Invalid input — ${path}: ${message}`, { fields: [{ path, message }] });
  const need: NeedRecord | undefined = request.needs.find((n) => n.id === o.needId);
  if (!need) {
    throw bad(`no need line ${o.needId} on this request (lines: ${request.needs.map((n) => n.id).join(', ')})`);
  }
  const gid = parseGlobalId(o.resourceId);
  if (!gid || KIND_BY_TYPE[gid.type] !== need.kind) {
    throw bad(`need ${need.id} asks for a ${need.kind} resource; ${o.resourceId} is not one`);
  }
  if (!deps.directory.isSelfOrAncestor(principal.jurisdiction, gid.jurisdiction)) {
    throw bad(`${o.resourceId} belongs to ${gid.jurisdiction}, not to ${principal.jurisdiction}`);
  }
  const looked = await deps.nodes.lookup(o.resourceId, need.kind, need.supplyItem);
  if (looked.kind === 'unavailable') {
    throw ERRORS.JURISDICTION_UNAVAILABLE.err(`The node of ${gid.jurisdiction} did not answer; try again shortly`, {
      jurisdiction: gid.jurisdiction,
    });
  }
  if (looked.kind === 'refused' || !looked.data) throw bad(`${o.resourceId} was not found on its node`);
  const f = looked.data;
  const wanted = need.teamType ?? need.socialCapability ?? need.supplyItem ?? '';
  if (!f.codes.includes(wanted)) throw bad(`「${f.name}」 does not provide ${wanted}`);
  if (need.maxTier != null && f.tier != null && f.tier > need.maxTier) {
    throw bad(`「${f.name}」 is tier ${f.tier}; the need accepts tier ${need.maxTier} or better`);
  }
  if (!f.verified) throw bad(`「${f.name}」 is not a verified social force`);
  if (need.kind === 'SUPPLY' && (o.quantity ?? 1) > f.available) {
    throw bad(`only ${f.available} available in 「${f.name}」 (physical stock)`);
  }
  return f;
}

/** A notification about `r` to `to`, marked 【演练】 for drills, once per `key`. */
export async function tell(
  deps: MutualAidDeps,
  r: RequestRecord,
  to: readonly string[],
  kind: string,
  title: string,
  body: string,
  key: string,
): Promise<void> {
  const id = toRequestId(r.requester, r._id);
  await deps.notifier
    .notify({
      jurisdictions: to,
      kind,
      title: markExercise(title, r.incident.exercise),
      body,
      subject: { type: 'ReinforcementRequest', id },
      exercise: r.incident.exercise,
      dedupeKey: `${key}:${id}`,
    })
    .catch((e: Error) => deps.logger.error({ err: e, request: id }, 'notification failed'));
}

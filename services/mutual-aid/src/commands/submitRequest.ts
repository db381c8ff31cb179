import { createHash } from 'node:crypto';
import type { Principal } from '../../../common/src/auth';
import { ERRORS } from '../../../common/src/errors';
import { parseInput } from '../../../common/src/inputs';
import { markExercise } from '../domain/exercise';
import { IdempotencyKeyModel, SubmissionModel } from '../domain/inputs';
import { authorizeSubmit } from '../domain/policy';
import type { NeedRecord, RequestRecord } from '../domain/records';
import { toRequestId } from '../domain/requestIds';
import { counterKey, formatRequestNumber } from '../domain/requestNumber';
import { event } from '../domain/timeline';
import { actorOf, type MutualAidDeps } from './deps';
import { tell } from './answerRequest';
import { describeNeeds, formatTime } from './wording';
import { newObjectId } from '../../../common/src/store/objectIds';
import { findRequestByIdempotencyKey, insertRequest, nextCounterValue } from '../models/requestRecords';

/** Longest response window a requester may give. */
const MAX_WINDOW_MS = 24 * 3600_000;

/**
 * Submits a request once per idempotency key: the same key from the same requester returns the
 * first request (a different payload under a used key is a CONFLICT). The request, its number and
 * its escalation timer are written before anyone is told; Redis being down delays the timer only.
 */
export async function submitRequest(
  deps: MutualAidDeps,
  principal: Principal,
  rawInput: unknown,
  rawKey: unknown,
): Promise<RequestRecord> {
  const input = parseInput(SubmissionModel, rawInput, 'input');
  const key = parseInput(IdempotencyKeyModel, rawKey, 'idempotencyKey');
  authorizeSubmit(principal, input.requester);
  const problems = [
    ...(deps.directory.has(input.requester)
      ? []
      : [{ path: 'input.requester', message: `unknown jurisdiction ${input.requester}` }]),
    ...input.targets.flatMap((c, i) =>
      deps.directory.has(c) ? [] : [{ path: `input.targets.${i}`, message: `unknown jurisdiction ${c}` }],
    ),
  ];
  if (input.targets.includes(input.requester)) {
    problems.push({ path: 'input.targets', message: 'a jurisdiction does not ask itself' });
  }
  const now = deps.now();
  const respondBy = input.respondBy ?? new Date(now.getTime() + deps.settings.defaultWindowMs);
  const windowMs = respondBy.getTime() - now.getTime();
  if (windowMs <= 0 || windowMs > MAX_WINDOW_MS) {
    problems.push({ path: 'input.respondBy', message: 'must be in the future and within 24 hours' });
  }
  if (problems.length > 0) {
    throw ERRORS.BAD_USER_INPUT.err(`Invalid input — ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, {
      fields: problems,
    });
  }

  const inputHash = createHash('sha256').update(JSON.stringify(input)).digest('hex');
  const created = await deps.store.lease.run(`submit:${input.requester}:${key}`, async () => {
    const existing = await findRequestByIdempotencyKey(deps.store, input.requester, key);
    if (existing) {
      if (existing.inputHash !== inputHash) {
        throw ERRORS.CONFLICT.err(
          `Idempotency key ${key} was used for a different request (${existing.number}); use a new key`,
          { reason: 'IDEMPOTENCY_KEY_REUSED', number: existing.number },
        );
      }
      return { record: existing, isNew: false };
    }
    const number = await nextNumber(deps, input.requester, now);
    const _id = newObjectId();
    const exercise = input.incident.exercise ?? false;
    const needs: NeedRecord[] = input.needs.map((n, i) => ({
      id: `N${i + 1}`,
      kind: n.teamType ? 'TEAM' : n.supplyItem ? 'SUPPLY' : 'SOCIAL_FORCE',
      teamType: n.teamType ?? null,
      supplyItem: n.supplyItem ?? null,
      socialCapability: n.socialCapability ?? null,
      quantity: n.quantity,
      maxTier: n.maxTier ?? null,
      neededBy: n.neededBy ?? null,
      note: n.note ?? null,
    }));
    const record: RequestRecord = {
      _id,
      requester: input.requester,
      requestedBy: principal.name,
      requestedBySub: principal.sub,
      number,
      idempotencyKey: key,
      inputHash,
      incident: { ...input.incident, address: input.incident.address ?? null, exercise },
      needs,
      targets: input.targets,
      status: 'OPEN',
      respondBy,
      windowMs,
      acknowledgements: [],
      responses: [],
      offers: [],
      assignments: [],
      escalations: [],
      timeline: [
        event(
          now,
          actorOf(principal),
          'SUBMITTED',
          `${markExercise(`提交增援请求 ${number}`, exercise)}，请求 ${input.targets.map((t) => deps.directory.nameOf(t)).join('、')} 于 ${formatTime(respondBy)} 前答复`,
        ),
      ],
      outbox: [],
      timer: { ring: 1, dueAt: respondBy },
      owesNodes: false,
      timerDueAt: respondBy,
      note: input.note ?? null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    await insertRequest(deps.store, record);
    return { record, isNew: true };
  });

  if (created.isNew) {
    const r = created.record;
    const id = toRequestId(r.requester, r._id);
    await deps.jobs.scheduleEscalation(id, 1, r.respondBy);
    await notifyTargets(deps, r, r.targets);
  }
  return created.record;
}

/** Tells newly asked jurisdictions about the request (once each, also after escalation). */
export async function notifyTargets(deps: MutualAidDeps, r: RequestRecord, targets: readonly string[]): Promise<void> {
  // One call for all of them: the key is per recipient, so each is still told once.
  await tell(
    deps,
    r,
    targets,
    'REQUEST_RECEIVED',
    `${deps.directory.nameOf(r.requester)}请求增援：${r.incident.title}`,
    `编号 ${r.number}；需求：${describeNeeds(r.needs)}；请于 ${formatTime(r.respondBy)} 前答复。`,
    'received',
  );
}

/** The next number of the requester's year, under the counter's lease. */
async function nextNumber(deps: MutualAidDeps, requester: string, now: Date): Promise<string> {
  const { key, year } = counterKey(requester, now);
  const seq = await nextCounterValue(deps.store, key);
  return formatRequestNumber(deps.directory.requestPrefix(requester), year, seq);
}

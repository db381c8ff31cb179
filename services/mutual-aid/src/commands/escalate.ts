import { escalationAudience, nextRing, silentTargets } from '../domain/escalationRing';
import type { EscalationRecord, RequestRecord } from '../domain/records';
import { TERMINAL_STATUSES } from '../domain/records';
import { parseRequestId, toRequestId } from '../domain/requestIds';
import { event } from '../domain/timeline';
import { changeRequest } from '../models/requestWriter';
import { tell } from './answerRequest';
import { SYSTEM, type MutualAidDeps } from './deps';
import { notifyTargets } from './submitRequest';
import { formatTime } from './wording';

/**
 * The escalation timer of ring `ring` fired (a BullMQ delayed job). When targets stayed silent
 * past respondBy: tell their parents and the requester, widen to the next ring of neighbours
 * with a new deadline, and record it. Replays (a restarted worker, a duplicate job) change nothing.
 */
export async function escalate(deps: MutualAidDeps, requestId: string, ring: number): Promise<RequestRecord | null> {
  const parsed = parseRequestId(requestId);
  if (!parsed) return null;
  const now = deps.now();
  let done: EscalationRecord | null = null;
  let dueAt = now.getTime();
  const after = await changeRequest(deps.store, parsed.objectId, (current) => {
    if (!current.timer || current.timer.ring !== ring) return null;
    dueAt = new Date(current.timer.dueAt).getTime();
    if (dueAt > now.getTime()) return null; // fired early (clock skew): the sweeper re-arms it
    if (TERMINAL_STATUSES.includes(current.status) || current.status === 'FILLED') return { timer: null };
    const silent = silentTargets(current);
    if (silent.length === 0) return { timer: null };
    const added =
      ring <= deps.settings.maxRings
        ? nextRing(deps.directory, current.requester, current.targets, current.incident.location)
        : [];
    const respondBy = added.length ? new Date(now.getTime() + current.windowMs) : null;
    done = {
      ring,
      at: now,
      silent,
      notified: escalationAudience(deps.directory, current.requester, silent),
      added,
      respondBy,
    };
    const names = (codes: readonly string[]) => codes.map((c) => deps.directory.nameOf(c)).join('、');
    const nothingOffered = !current.offers.some((o) => o.state === 'OFFERED' || o.state === 'ACCEPTED');
    const expire = !respondBy && nothingOffered;
    return {
      escalations: [...current.escalations, done],
      targets: [...current.targets, ...added],
      respondBy: respondBy ?? current.respondBy,
      timer: respondBy ? { ring: ring + 1, dueAt: respondBy } : null,
      ...(expire ? { status: 'EXPIRED' as const } : {}),
      timeline: [
        ...current.timeline,
        event(
          now,
          SYSTEM,
          'ESCALATED',
          `第 ${ring} 轮升级：${names(silent)} 未在时限内答复；已通知 ${names(done.notified)}` +
            (added.length
              ? `；扩大请求至 ${names(added)}，新时限 ${formatTime(respondBy!)}`
              : '；已无可扩大的相邻辖区') +
            (expire ? '；请求已过期' : ''),
        ),
      ],
    };
  });
  const record = done as EscalationRecord | null;
  if (!record) return after;
  deps.events.escalated(now.getTime() - dueAt);
  const id = toRequestId(after.requester, after._id);
  // The escalation is recorded; tell everyone and arm the next timer at once.
  await Promise.all([
    tell(
      deps,
      after,
      record.notified,
      'REQUEST_ESCALATED',
      `增援请求 ${after.number} 未获及时答复，已升级（第 ${ring} 轮）`,
      `${record.silent.map((c) => deps.directory.nameOf(c)).join('、')} 未在时限内答复。` +
        (record.added.length
          ? `已扩大至 ${record.added.map((c) => deps.directory.nameOf(c)).join('、')}。`
          : '已无可扩大的相邻辖区。'),
      `esc:${ring}`,
    ),
    record.added.length ? notifyTargets(deps, after, record.added) : Promise.resolve(),
    after.timer
      ? deps.jobs.scheduleEscalation(id, after.timer.ring, new Date(after.timer.dueAt))
      : Promise.resolve(true),
  ]);
  return after;
}

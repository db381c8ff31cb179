import { ERRORS } from '../../../common/src/errors';
import { jurisdictionFacts } from '../../../common/src/jurisdictionFacts';
import { DateTime } from '../../../common/src/scalars';
import type { ConferenceContext } from '../context';
import type { Resolvers } from '../__generated__/resolvers-types';
import { assignAction, completeAction, reportProgress } from '../commands/actions';
import {
  cancelMeeting,
  concludeMeeting,
  decideAgendaItem,
  openMeeting,
  proposeAgendaItem,
  recordResolution,
  scheduleMeeting,
} from '../commands/meetings';
import { parseConferenceId, toConferenceId } from '../domain/ids';
import { isOverdue, orderActions, percentOf } from '../domain/records';
import { findMeeting, findReadableMeeting, listActions, listMeetings } from '../queries/meetingFinder';
import { buildReportMeeting } from '../queries/reportBuilder';
import { meetingReportMarkdown } from '../reports';

/** Thin resolvers: parse arguments, call a command or a query, shape the result. */
export const resolvers: Resolvers = {
  DateTime,
  Query: {
    meetings: (_, { filter }, ctx) => listMeetings(ctx.deps.store, ctx.deps.directory, ctx.principal, filter ?? {}),
    meeting: (_, { id }, ctx) => findMeeting(ctx.deps.store, ctx.deps.directory, ctx.principal, id),
    actionItems: (_, { filter }, ctx) =>
      listActions(ctx.deps.store, ctx.deps.directory, ctx.principal, filter ?? {}, ctx.deps.now()),
    myOpenActions: (_, __, ctx) =>
      listActions(
        ctx.deps.store,
        ctx.deps.directory,
        ctx.principal,
        { owner: ctx.principal.jurisdiction, statuses: ['OPEN', 'IN_PROGRESS'] },
        ctx.deps.now(),
      ),
    meetingReport: async (_, { id }, ctx) => {
      const m = await findMeeting(ctx.deps.store, ctx.deps.directory, ctx.principal, id);
      if (!m) throw ERRORS.NOT_FOUND.err(`No joint meeting ${id}`);
      const actions = await ctx.loaders.actionsOfMeeting.load(m._id.toHexString());
      return meetingReportMarkdown(buildReportMeeting(m, actions, ctx.deps.directory, ctx.deps.now()));
    },
  },
  Mutation: {
    scheduleMeeting: (_, { input }, ctx) => scheduleMeeting(ctx.deps, ctx.principal, input),
    openMeeting: (_, { id }, ctx) => openMeeting(ctx.deps, ctx.principal, id),
    cancelMeeting: (_, { id, reason }, ctx) => cancelMeeting(ctx.deps, ctx.principal, id, reason),
    proposeAgendaItem: (_, { meetingId, input }, ctx) => proposeAgendaItem(ctx.deps, ctx.principal, meetingId, input),
    decideAgendaItem: (_, { meetingId, itemId, decision }, ctx) =>
      decideAgendaItem(ctx.deps, ctx.principal, meetingId, itemId, decision),
    recordResolution: (_, { meetingId, input }, ctx) => recordResolution(ctx.deps, ctx.principal, meetingId, input),
    assignAction: (_, { meetingId, input }, ctx) => assignAction(ctx.deps, ctx.principal, meetingId, input),
    reportProgress: (_, { actionId, input }, ctx) => reportProgress(ctx.deps, ctx.principal, actionId, input),
    completeAction: (_, { actionId, note }, ctx) => completeAction(ctx.deps, ctx.principal, actionId, note),
    concludeMeeting: (_, { id, minutes }, ctx) => concludeMeeting(ctx.deps, ctx.principal, id, minutes),
  },
  JointMeeting: {
    __resolveReference: (ref, ctx) =>
      findReadableMeeting((id) => ctx.loaders.meeting.load(id), ctx.deps.directory, ctx.principal, ref.id),
    id: (m) => toConferenceId(m.host, 'JointMeeting', m._id),
    host: (m) => ({ code: m.host }),
    members: (m) => m.members.map((code) => ({ code })),
    agenda: (m) => [...m.agenda].sort((a, b) => a.order - b.order),
    actions: async (m, _, ctx) =>
      orderActions(await ctx.loaders.actionsOfMeeting.load(m._id.toHexString()), ctx.deps.now()),
    reportDocxUrl: (m, _, ctx) =>
      `${ctx.publicBaseUrl}/reports/meetings/${toConferenceId(m.host, 'JointMeeting', m._id)}.docx`,
  },
  Attendee: { jurisdiction: (a) => ({ code: a.jurisdiction }) },
  AgendaItem: { proposedBy: (a) => ({ code: a.proposedBy }) },
  ActionItem: {
    __resolveReference: async (ref, ctx) => {
      const parsed = parseConferenceId(String(ref.id), 'ActionItem');
      const a = parsed ? await ctx.loaders.action.load(parsed.localId) : null;
      return a && a.owner === parsed?.jurisdiction ? a : null;
    },
    id: (a) => toConferenceId(a.owner, 'ActionItem', a._id),
    meeting: async (a, _, ctx) => {
      const m = await ctx.loaders.meeting.load(a.meetingId.toHexString());
      if (!m) throw ERRORS.NOT_FOUND.err('The meeting of this action is gone');
      return m;
    },
    owner: (a) => ({ code: a.owner }),
    overdue: (a, _, ctx) => isOverdue(a, ctx.deps.now()),
    percent: (a) => percentOf(a),
    relatedRequest: (a) => (a.relatedRequestId ? { id: a.relatedRequestId } : null),
  },
  Jurisdiction: {
    __resolveReference: (ref, ctx) => {
      if (!ctx.deps.directory.has(ref.code)) throw ERRORS.NOT_FOUND.err(`unknown jurisdiction ${ref.code}`);
      return { code: ref.code };
    },
    ...jurisdictionFacts<ConferenceContext>((ctx) => ctx.deps.directory),
  },
};

import { GraphQLError } from 'graphql';
import { ERRORS } from '../../../common/src/errors';
import { knownJurisdiction, parseInput } from '../../../common/src/inputs';
import { authorizeJurisdictionView } from '../domain/policy';
import { markExercise, EXERCISE_MARK } from '../domain/exercise';
import { needTotals } from '../domain/fill';
import { toRequestId } from '../domain/requestIds';
import type { Resolvers } from '../__generated__/resolvers-types';
import { acceptOffer } from '../commands/acceptOffer';
import { acknowledgeRequest, confirmOffer, respondToRequest } from '../commands/answerRequest';
import { releaseAssignment, reportAssignmentStatus } from '../commands/assignments';
import { cancelRequest, closeRequest } from '../commands/endRequest';
import { submitRequest } from '../commands/submitRequest';
import { findRequest, listRequests } from '../queries/requestFinder';
import { registryThroughGateway } from '../queries/registryThroughGateway';
import { suggestReinforcements } from '../queries/suggestReinforcements';
import { jurisdictionFacts } from '../../../common/src/jurisdictionFacts';
import { DateTime } from '../../../common/src/scalars';
import type { MutualAidContext } from '../context';

/** Thin resolvers: parse arguments, call a command or a query, shape the result. */
const pendingFor = (
  request: { outbox: { resourceId: string; kind: 'RESERVE' | 'DEPLOY' | 'RELEASE' }[] },
  resourceId: string,
) => request.outbox.find((o) => o.resourceId === resourceId)?.kind ?? null;

const resourceRefs = (kind: string, id: string) => ({
  team: kind === 'TEAM' ? { id } : null,
  socialForce: kind === 'SOCIAL_FORCE' ? { id } : null,
});

export const resolvers: Resolvers = {
  DateTime,
  Query: {
    reinforcementRequest: (_, { id }, ctx) => findRequest(ctx.deps.store, ctx.deps.directory, ctx.principal, id),
    reinforcementRequests: async (_, args, ctx) => {
      const page = await listRequests(ctx.deps.store, ctx.deps.directory, ctx.principal, args);
      return {
        edges: page.items,
        pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.items.at(-1)?.cursor ?? null },
        totalCount: page.totalCount,
      };
    },
    suggestReinforcements: (_, args, ctx) =>
      suggestReinforcements(
        {
          read: registryThroughGateway({
            gatewayUrl: ctx.gatewayUrl(),
            authorization: ctx.authorization,
            coverage: ctx.coverage,
          }),
          directory: ctx.deps.directory,
          travel: ctx.travel,
        },
        args,
      ),
    notifications: async (_, { jurisdiction, unreadOnly, first }, ctx) => {
      parseInput(knownJurisdiction(ctx.deps.directory), jurisdiction, 'jurisdiction');
      authorizeJurisdictionView(ctx.principal, jurisdiction, ctx.deps.directory, 'notifications');
      return ctx.notifications.list(jurisdiction, { unreadOnly: unreadOnly ?? false, first: first ?? 50 });
    },
  },
  Mutation: {
    submitReinforcementRequest: (_, { input, idempotencyKey }, ctx) =>
      submitRequest(ctx.deps, ctx.principal, input, idempotencyKey),
    acknowledgeRequest: (_, { requestId }, ctx) => acknowledgeRequest(ctx.deps, ctx.principal, requestId),
    respondToRequest: (_, { requestId, input }, ctx) =>
      respondToRequest(ctx.deps, ctx.saga, ctx.principal, requestId, input),
    confirmOffer: (_, { requestId, resourceIds }, ctx) =>
      confirmOffer(ctx.deps, ctx.saga, ctx.principal, requestId, resourceIds),
    acceptOffer: (_, { requestId, resourceIds }, ctx) =>
      acceptOffer(ctx.deps, ctx.saga, ctx.principal, requestId, resourceIds),
    reportAssignmentStatus: (_, { assignmentId, status, note }, ctx) =>
      reportAssignmentStatus(ctx.deps, ctx.saga, ctx.principal, assignmentId, status, note),
    releaseAssignment: (_, { assignmentId, note }, ctx) =>
      releaseAssignment(ctx.deps, ctx.saga, ctx.principal, assignmentId, note),
    cancelRequest: (_, { requestId, reason }, ctx) =>
      cancelRequest(ctx.deps, ctx.saga, ctx.principal, requestId, reason),
    closeRequest: (_, { requestId }, ctx) => closeRequest(ctx.deps, ctx.saga, ctx.principal, requestId),
    acknowledgeNotification: async (_, { id }, ctx) => {
      const n = await ctx.notifications.get(id);
      if (!n) throw ERRORS.NOT_FOUND.err(`No notification ${id}`);
      authorizeJurisdictionView(ctx.principal, n.jurisdiction, ctx.deps.directory, 'notifications');
      return ctx.notifications.markRead(id, ctx.principal.name);
    },
  },
  ReinforcementRequest: {
    __resolveReference: (ref, ctx) => findRequest(ctx.deps.store, ctx.deps.directory, ctx.principal, ref.id),
    id: (r) => toRequestId(r.requester, r._id),
    requester: (r) => ({ code: r.requester }),
    label: (r) => (r.incident.exercise ? EXERCISE_MARK : ''),
    needs: (r) => r.needs.map((need) => ({ need, totals: needTotals(need, r.offers, r.assignments) })),
    targets: (r) => r.targets.map((code) => ({ code })),
    responses: (r) => r.responses.map((response) => ({ response, request: r })),
    assignments: (r) => r.assignments.map((assignment) => ({ assignment, request: r })),
    pendingActions: (r) => r.outbox,
  },
  Incident: {
    title: (i) => markExercise(i.title, i.exercise),
  },
  NeedLine: {
    id: (p) => p.need.id,
    kind: (p) => p.need.kind,
    teamType: (p) => p.need.teamType,
    supplyItem: (p) => p.need.supplyItem,
    socialCapability: (p) => p.need.socialCapability,
    quantity: (p) => p.need.quantity,
    maxTier: (p) => p.need.maxTier,
    neededBy: (p) => p.need.neededBy,
    note: (p) => p.need.note,
    offeredQuantity: (p) => p.totals.offeredQuantity,
    acceptedQuantity: (p) => p.totals.acceptedQuantity,
    fulfilledQuantity: (p) => p.totals.fulfilledQuantity,
    fill: (p) => p.totals.fill,
  },
  Acknowledgement: { jurisdiction: (a) => ({ code: a.jurisdiction }) },
  Response: {
    id: (p) => p.response.id,
    responder: (p) => ({ code: p.response.responder }),
    kind: (p) => p.response.kind,
    reason: (p) => p.response.reason,
    by: (p) => p.response.by,
    at: (p) => p.response.at,
    offered: (p) =>
      p.request.offers
        .filter((o) => o.responseId === p.response.id)
        .map((o) => ({ ...o, pendingKind: pendingFor(p.request, o.resourceId) })),
  },
  OfferedResource: {
    jurisdiction: (o) => ({ code: o.jurisdiction }),
    pending: (o) => (o as { pendingKind?: 'RESERVE' | 'DEPLOY' | 'RELEASE' | null }).pendingKind ?? null,
    team: (o) => resourceRefs(o.kind, o.resourceId).team,
    socialForce: (o) => resourceRefs(o.kind, o.resourceId).socialForce,
  },
  Assignment: {
    id: (p) => p.assignment.id,
    needId: (p) => p.assignment.needId,
    resourceId: (p) => p.assignment.resourceId,
    kind: (p) => p.assignment.kind,
    jurisdiction: (p) => ({ code: p.assignment.jurisdiction }),
    name: (p) => p.assignment.name,
    quantity: (p) => p.assignment.quantity,
    status: (p) => p.assignment.status,
    history: (p) => p.assignment.history,
    pending: (p) => pendingFor(p.request, p.assignment.resourceId),
    team: (p) => resourceRefs(p.assignment.kind, p.assignment.resourceId).team,
    socialForce: (p) => resourceRefs(p.assignment.kind, p.assignment.resourceId).socialForce,
  },
  AssignmentStatusChange: { jurisdiction: (c) => ({ code: c.jurisdiction }) },
  Escalation: {
    silent: (e) => e.silent.map((code) => ({ code })),
    notified: (e) => e.notified.map((code) => ({ code })),
    added: (e) => e.added.map((code) => ({ code })),
  },
  RequestEvent: { jurisdiction: (e) => (e.jurisdiction ? { code: e.jurisdiction } : null) },
  PendingAction: { jurisdiction: (o) => ({ code: o.jurisdiction }) },
  Jurisdiction: {
    __resolveReference: (ref, ctx) => {
      if (!ctx.deps.directory.has(ref.code)) throw new GraphQLError(`unknown jurisdiction ${ref.code}`);
      return { code: ref.code };
    },
    ...jurisdictionFacts<MutualAidContext>((ctx) => ctx.deps.directory),
  },
  ReinforcementCandidate: {
    jurisdiction: (c) => ({ code: c.jurisdiction }),
    team: (c) => resourceRefs(c.kind, c.resourceId).team,
    socialForce: (c) => resourceRefs(c.kind, c.resourceId).socialForce,
  },
  Notification: {
    id: (n) => n._id.toHexString(),
    jurisdiction: (n) => ({ code: n.jurisdiction }),
    request: async (n, _, ctx) =>
      n.subjectType === 'ReinforcementRequest' && n.subjectId
        ? findRequest(ctx.deps.store, ctx.deps.directory, ctx.principal, n.subjectId).catch(() => null)
        : null,
  },
};

import type { NetworkDirectory } from '../../../common/src/network';
import { withClientSpan } from '../../../common/src/tracing/spans';
import { ownerOfId } from '../../../common/src/ids';
import {
  DeploySocialForceDocument,
  DeployTeamDocument,
  ReleaseSocialForceDocument,
  ReleaseStockDocument,
  ReleaseTeamDocument,
  ReserveSocialForceDocument,
  ReserveStockDocument,
  ReserveTeamDocument,
  SocialForceFactsDocument,
  StockFactsDocument,
  TeamFactsDocument,
  type DeployTeamMutationVariables,
  type ReleaseTeamMutationVariables,
  type ReserveTeamMutation,
  type ReserveTeamMutationVariables,
  type SocialForceFactsQuery,
  type StockFactsQuery,
  type TeamFactsQuery,
  type TypedDocumentString,
} from '../__generated__/node-operations';
import type { OutboxKind, Point, ResourceKind, StockRef } from '../domain/records';

/**
 * Calls to the registry nodes that own resources: look a resource up, and reserve, deploy or
 * release it through the node's reservation mutations with the service token. Every call has a
 * deadline; the outcome says whether retrying can help. The documents are in
 * registryNodes.node.graphql, typed against the registry node's own schema.
 */
export type NodeOutcome<T = unknown> =
  | { kind: 'ok'; data: T }
  /** The node refused for good (held by another request, unknown resource …). */
  | { kind: 'refused'; code: string; message: string }
  /** The node did not answer in time, or failed: try again later. */
  | { kind: 'unavailable'; message: string };

export interface ResourceFacts {
  id: string;
  kind: ResourceKind;
  jurisdiction: string;
  name: string;
  status: string | null;
  tier: number | null;
  base: Point | null;
  readinessMinutes: number | null;
  /** Team type code, social capability codes, or the supply item code. */
  codes: string[];
  available: number;
  stock: StockRef | null;
  verified: boolean;
}

export interface HoldCall {
  kind: OutboxKind;
  resourceKind: ResourceKind;
  resourceId: string;
  requestId: string;
  exercise: boolean;
  quantity: number;
  stock: StockRef | null;
}

/** The reservation mutations of each kind of held resource; reserving answers alike for both. */
const HOLD_DOCUMENTS: Record<
  'TEAM' | 'SOCIAL_FORCE',
  {
    reserve: TypedDocumentString<ReserveTeamMutation, ReserveTeamMutationVariables>;
    deploy: TypedDocumentString<unknown, DeployTeamMutationVariables>;
    release: TypedDocumentString<unknown, ReleaseTeamMutationVariables>;
  }
> = {
  TEAM: { reserve: ReserveTeamDocument, deploy: DeployTeamDocument, release: ReleaseTeamDocument },
  SOCIAL_FORCE: {
    reserve: ReserveSocialForceDocument,
    deploy: DeploySocialForceDocument,
    release: ReleaseSocialForceDocument,
  },
};

/** Told of every node call's outcome (metrics). */
export type NodeCallObserver = (jurisdiction: string, outcome: NodeOutcome['kind']) => void;

export class RegistryNodes {
  constructor(
    private readonly directory: NetworkDirectory,
    private readonly token: () => string,
    private readonly deadlineMs: number,
    private readonly observe: NodeCallObserver = () => undefined,
  ) {}

  /** @returns what a resource is, asked of its owning node. */
  async lookup(
    resourceId: string,
    kind: ResourceKind,
    supplyItem: string | null,
  ): Promise<NodeOutcome<ResourceFacts | null>> {
    const owner = ownerOfId(resourceId) ?? '';
    if (kind === 'TEAM') {
      const r = await this.call(owner, TeamFactsDocument, { id: resourceId });
      return r.kind === 'ok' ? { kind: 'ok', data: r.data.team && teamFacts(r.data.team) } : r;
    }
    if (kind === 'SOCIAL_FORCE') {
      const r = await this.call(owner, SocialForceFactsDocument, { id: resourceId });
      return r.kind === 'ok' ? { kind: 'ok', data: r.data.socialForce && forceFacts(r.data.socialForce) } : r;
    }
    const r = await this.call(owner, StockFactsDocument, { items: supplyItem ? [supplyItem] : null });
    if (r.kind !== 'ok') return r;
    const line = r.data.supplies.find((s) => s.id === resourceId);
    return { kind: 'ok', data: line ? stockFacts(owner, line) : null };
  }

  /**
   * Reserve, deploy or release one resource for a request; idempotent on the node.
   * @returns for a reservation, the drill (演练) it took the resource from, if it took one.
   */
  async hold(call: HoldCall): Promise<NodeOutcome<HoldResult>> {
    const owner = ownerOfId(call.resourceId) ?? '';
    const done = (r: NodeOutcome): NodeOutcome<HoldResult> =>
      r.kind === 'ok' ? { kind: 'ok', data: { preemptedRequestId: null } } : r;
    if (call.resourceKind === 'SUPPLY') {
      const stock = call.stock!;
      const vars = { depotId: stock.depotId, item: stock.item, requestId: call.requestId };
      if (call.kind === 'RELEASE') {
        return done(await this.call(owner, ReleaseStockDocument, vars));
      }
      // Stock has no separate deployment: the hold is the delivery.
      return done(await this.call(owner, ReserveStockDocument, { ...vars, q: call.quantity }));
    }
    const documents = HOLD_DOCUMENTS[call.resourceKind];
    const vars = { id: call.resourceId, requestId: call.requestId };
    if (call.kind === 'RELEASE') return done(await this.call(owner, documents.release, vars));
    const reserved = await this.call(owner, documents.reserve, { ...vars, exercise: call.exercise });
    if (reserved.kind !== 'ok') return reserved;
    if (call.kind === 'DEPLOY') {
      const deployed = await this.call(owner, documents.deploy, vars);
      if (deployed.kind !== 'ok') return deployed;
    }
    // This reservation took the resource from a drill when the drill's hold ended at its start.
    const { preempted, reservation } = reserved.data.hold;
    const tookOver = preempted && reservation && preempted.at === reservation.at;
    return { kind: 'ok', data: { preemptedRequestId: tookOver ? preempted.requestId : null } };
  }

  /**
   * One GraphQL call to `jurisdiction`'s node, with a document typed against the node's schema, in
   * a client span that the node continues.
   */
  async call<T, V>(jurisdiction: string, document: TypedDocumentString<T, V>, variables: V): Promise<NodeOutcome<T>> {
    const url = this.directory.get(jurisdiction)?.node?.url;
    if (!url) return { kind: 'refused', code: 'BAD_USER_INPUT', message: `${jurisdiction} runs no registry node` };
    return withClientSpan('registry.node', { 'aidnet.jurisdiction': jurisdiction }, async (trace, span) => {
      const outcome = await this.post<T>(jurisdiction, url, document.toString(), variables, trace);
      span.setAttribute('aidnet.outcome', outcome.kind);
      this.observe(jurisdiction, outcome.kind);
      return outcome;
    });
  }

  private async post<T>(
    jurisdiction: string,
    url: string,
    query: string,
    variables: unknown,
    trace: Record<string, string>,
  ): Promise<NodeOutcome<T>> {
    let body: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token()}`, ...trace },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(this.deadlineMs),
      });
      body = (await res.json()) as typeof body;
    } catch (e) {
      return { kind: 'unavailable', message: `${jurisdiction} did not answer (${(e as Error).message})` };
    }
    const error = body.errors?.[0];
    if (!error) return { kind: 'ok', data: body.data as T };
    const code = error.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
    if (code === 'INTERNAL_SERVER_ERROR' || code === 'JURISDICTION_UNAVAILABLE') {
      return { kind: 'unavailable', message: error.message };
    }
    return { kind: 'refused', code, message: error.message };
  }
}

export interface HoldResult {
  /** The drill request whose hold this reservation took over (DESIGN.md section 4.2). */
  preemptedRequestId: string | null;
}

type RawTeam = NonNullable<TeamFactsQuery['team']>;
type RawForce = NonNullable<SocialForceFactsQuery['socialForce']>;
type RawStock = StockFactsQuery['supplies'][number];

function teamFacts(t: RawTeam): ResourceFacts {
  return {
    id: t.id,
    kind: 'TEAM',
    jurisdiction: t.jurisdiction.code,
    name: t.name,
    status: t.status,
    tier: t.tier,
    base: t.base,
    readinessMinutes: t.readinessMinutes,
    codes: [t.type.code],
    available: 1,
    stock: null,
    verified: true,
  };
}

function forceFacts(f: RawForce): ResourceFacts {
  return {
    id: f.id,
    kind: 'SOCIAL_FORCE',
    jurisdiction: f.jurisdiction.code,
    name: f.name,
    status: f.status,
    tier: null,
    base: f.base,
    readinessMinutes: f.assemblyMinutes,
    codes: f.capabilities.map((c) => c.capability.code),
    available: 1,
    stock: null,
    verified: f.verification === 'VERIFIED',
  };
}

function stockFacts(owner: string, s: RawStock): ResourceFacts {
  return {
    id: s.id,
    kind: 'SUPPLY',
    jurisdiction: owner,
    name: `${s.depot.name} · ${s.item.nameZh}`,
    status: null,
    tier: null,
    base: s.depot.location,
    readinessMinutes: 0,
    codes: [s.item.code],
    available: s.mode === 'PHYSICAL' ? s.available : 0,
    stock: { depotId: s.depot.id, item: s.item.code },
    verified: true,
  };
}

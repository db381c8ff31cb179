import type { NetworkDirectory } from '../../../common/src/network';
import { withClientSpan } from '../../../common/src/tracing/spans';
import { ownerOfId } from '../../../common/src/ids';
import type { OutboxKind, Point, ResourceKind, StockRef } from '../domain/records';

/**
 * Calls to the registry nodes that own resources: look a resource up, and reserve, deploy or
 * release it through the node's reservation mutations with the service token. Every call has a
 * deadline; the outcome says whether retrying can help.
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

const TEAM_FIELDS = 'id name tier status base { lat lng } readinessMinutes type { code } jurisdiction { code }';
const FORCE_FIELDS =
  'id name status base { lat lng } assemblyMinutes verification capabilities { capability { code } } jurisdiction { code }';

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
      const r = await this.call<{ team: RawTeam | null }>(
        owner,
        `query($id: ID!) { team(id: $id) { ${TEAM_FIELDS} } }`,
        { id: resourceId },
      );
      return r.kind === 'ok' ? { kind: 'ok', data: r.data.team && teamFacts(r.data.team) } : r;
    }
    if (kind === 'SOCIAL_FORCE') {
      const r = await this.call<{ socialForce: RawForce | null }>(
        owner,
        `query($id: ID!) { socialForce(id: $id) { ${FORCE_FIELDS} } }`,
        { id: resourceId },
      );
      return r.kind === 'ok' ? { kind: 'ok', data: r.data.socialForce && forceFacts(r.data.socialForce) } : r;
    }
    const r = await this.call<{ supplies: RawStock[] }>(
      owner,
      `query($items: [ID!]) { supplies(filter: { items: $items }) { id mode available item { code nameZh unit } depot { id name location { lat lng } } } }`,
      { items: supplyItem ? [supplyItem] : null },
    );
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
        return done(
          await this.call(
            owner,
            'mutation($depotId: ID!, $item: ID!, $requestId: ID!) { releaseStock(depotId: $depotId, item: $item, requestId: $requestId) { id } }',
            vars,
          ),
        );
      }
      // Stock has no separate deployment: the hold is the delivery.
      return done(
        await this.call(
          owner,
          'mutation($depotId: ID!, $item: ID!, $q: Int!, $requestId: ID!) { reserveStock(depotId: $depotId, item: $item, quantity: $q, requestId: $requestId) { id } }',
          {
            ...vars,
            q: call.quantity,
          },
        ),
      );
    }
    const noun = call.resourceKind === 'TEAM' ? 'Team' : 'SocialForce';
    const vars = { id: call.resourceId, requestId: call.requestId };
    if (call.kind === 'RELEASE') {
      return done(
        await this.call(
          owner,
          `mutation($id: ID!, $requestId: ID!) { release${noun}(id: $id, requestId: $requestId) { id } }`,
          vars,
        ),
      );
    }
    const reserved = await this.call<Record<string, RawHold>>(
      owner,
      `mutation($id: ID!, $requestId: ID!, $exercise: Boolean) { hold: reserve${noun}(id: $id, requestId: $requestId, exercise: $exercise) { reservation { at } preempted { requestId at } } }`,
      { ...vars, exercise: call.exercise },
    );
    if (reserved.kind !== 'ok') return reserved;
    if (call.kind === 'DEPLOY') {
      const deployed = await this.call(
        owner,
        `mutation($id: ID!, $requestId: ID!) { deploy${noun}(id: $id, requestId: $requestId) { id } }`,
        vars,
      );
      if (deployed.kind !== 'ok') return deployed;
    }
    // This reservation took the resource from a drill when the drill's hold ended at its start.
    const hold = reserved.data.hold;
    const tookOver = hold?.preempted && hold.reservation && hold.preempted.at === hold.reservation.at;
    return { kind: 'ok', data: { preemptedRequestId: tookOver ? hold.preempted!.requestId : null } };
  }

  /** One GraphQL call to `jurisdiction`'s node, in a client span that the node continues. */
  async call<T>(jurisdiction: string, query: string, variables: Record<string, unknown>): Promise<NodeOutcome<T>> {
    const url = this.directory.get(jurisdiction)?.node?.url;
    if (!url) return { kind: 'refused', code: 'BAD_USER_INPUT', message: `${jurisdiction} runs no registry node` };
    return withClientSpan('registry.node', { 'aidnet.jurisdiction': jurisdiction }, async (trace, span) => {
      const outcome = await this.post<T>(jurisdiction, url, query, variables, trace);
      span.setAttribute('aidnet.outcome', outcome.kind);
      this.observe(jurisdiction, outcome.kind);
      return outcome;
    });
  }

  private async post<T>(
    jurisdiction: string,
    url: string,
    query: string,
    variables: Record<string, unknown>,
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
    if (code === 'INTERNAL_SERVER_ERROR' || code === 'JURISDICTION_UNAVAILABLE')
      return { kind: 'unavailable', message: error.message };
    return { kind: 'refused', code, message: error.message };
  }
}

export interface HoldResult {
  /** The drill request whose hold this reservation took over (DESIGN.md section 4.2). */
  preemptedRequestId: string | null;
}

interface RawHold {
  reservation: { at: string } | null;
  preempted: { requestId: string; at: string } | null;
}

interface RawTeam {
  id: string;
  name: string;
  tier: number;
  status: string;
  base: Point;
  readinessMinutes: number;
  type: { code: string };
  jurisdiction: { code: string };
}

interface RawForce {
  id: string;
  name: string;
  status: string;
  base: Point;
  assemblyMinutes: number;
  verification: string;
  capabilities: { capability: { code: string } }[];
  jurisdiction: { code: string };
}

interface RawStock {
  id: string;
  mode: string;
  available: number;
  item: { code: string; nameZh: string; unit: string };
  depot: { id: string; name: string; location: Point };
}

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

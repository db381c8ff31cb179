import { signToken, type Principal, type Role, type SigningKey } from '../../services/common/src/auth';
import type { JurisdictionEntry } from '../../services/common/src/network';
import { buildDemoData, countDemoData, rosterStartFor, type DemoCounts, type NodeDemoData } from './demoData';

/**
 * Applies the demo data (demoData.ts) to running registry nodes over their GraphQL HTTP APIs, the
 * way their users would: registrars create teams, depots and experts; each social group registers
 * itself with its own social_org token and the registrar verifies some; duty officers schedule the
 * roster. Idempotent: every part of a node (teams, social forces, depots, experts, the duty roster
 * of the next 7 days) is written only when the node has none of it yet, so a node that has its
 * data is left as it is, and one whose seeding was cut short gets only what it lacks.
 */

export interface SeedNetworkOptions {
  /** The network directory; nodes are the entries with a node URL (loopback only). */
  entries: readonly JurisdictionEntry[];
  /** Signs the registrar, duty officer and social group tokens. */
  signingKey: SigningKey;
  /** The clock; the duty roster starts at the last 08:00 handover before it. */
  now?: Date;
  seed?: string;
  /** Nodes seeded at the same time (each one's writes run in order). */
  concurrency?: number;
  requestTimeoutMs?: number;
}

/** seeded: the node had none of the demo data; present: it had all of it; completed: some. */
export type NodeOutcome = 'seeded' | 'present' | 'completed' | 'not-local';

export interface NodeSeedResult {
  jurisdiction: string;
  url: string;
  outcome: NodeOutcome;
  /** Parts written this run (for completed: the missing ones). */
  filledIn: Section[];
  created: DemoCounts;
}

export interface SeedReport {
  nodes: NodeSeedResult[];
  created: DemoCounts;
  millis: number;
  /** One line for the launcher's log. */
  summary: string;
}

type Section = 'teams' | 'socialForces' | 'depots' | 'experts' | 'duty';

const SECTION_LABEL: Record<Section, string> = {
  teams: 'teams',
  socialForces: 'social forces',
  depots: 'depots',
  experts: 'experts',
  duty: 'duty rosters',
};

const DEFAULT_CONCURRENCY = 4;
const DEFAULT_TIMEOUT_MS = 60_000;
/** Mutations per request: aliases keep the round trips few and each body far below the 256 kb limit. */
const BATCH_SIZE = 20;
const DAY_MS = 86_400_000;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

const ZERO: DemoCounts = { teams: 0, socialForces: 0, depots: 0, stockLines: 0, experts: 0, dutyShifts: 0 };

/**
 * Seeds every node of the directory, a few at a time.
 * @returns what was done per node and a one-line summary.
 * @throws an Error naming each failed node with the GraphQL errors it answered, after the other
 *   nodes are done.
 */
export async function seedNetwork(options: SeedNetworkOptions): Promise<SeedReport> {
  const started = Date.now();
  const now = options.now ?? new Date();
  const entries = options.entries.filter((e) => e.node !== undefined);
  const data = buildDemoData(options.entries, { seed: options.seed, rosterStart: rosterStartFor(now) });
  const byCode = new Map(data.map((d) => [d.jurisdiction, d]));
  const failures: string[] = [];
  const results = await mapBounded(entries, options.concurrency ?? DEFAULT_CONCURRENCY, async (entry) => {
    try {
      return await seedNode(entry, byCode.get(entry.code) as NodeDemoData, { ...options, now });
    } catch (e) {
      failures.push(`  ${entry.code} (${entry.node?.url}): ${(e as Error).message}`);
      return null;
    }
  });
  if (failures.length > 0) {
    throw new Error(
      `Demo data: seeding failed on ${failures.length} of ${entries.length} nodes:\n${failures.join('\n')}`,
    );
  }
  const nodes = results.filter((r): r is NodeSeedResult => r !== null);
  const created = nodes.reduce((sum, n) => addCounts(sum, n.created), ZERO);
  const millis = Date.now() - started;
  return { nodes, created, millis, summary: summarize(nodes, created, millis) };
}

/** @returns e.g. "Demo data: seeded 18 nodes, 6 already had data; created 181 teams, … (4.2 s)". */
export function summarize(nodes: readonly NodeSeedResult[], created: DemoCounts, millis: number): string {
  const count = (o: NodeOutcome) => nodes.filter((n) => n.outcome === o).length;
  const parts = [
    `Demo data: seeded ${count('seeded')} nodes, ${count('present') + count('completed')} already had data`,
  ];
  const completed = nodes.filter((n) => n.outcome === 'completed');
  if (completed.length > 0) {
    const sections = [...new Set(completed.flatMap((n) => n.filledIn))].map((s) => SECTION_LABEL[s]);
    parts.push(`filled in missing ${sections.join(', ')} on ${completed.length} of them`);
  }
  if (count('not-local') > 0) parts.push(`left ${count('not-local')} non-local nodes alone`);
  const made = (Object.keys(created) as (keyof DemoCounts)[])
    .filter((k) => created[k] > 0)
    .map((k) => `${created[k]} ${COUNT_LABEL[k]}`);
  if (made.length > 0) parts.push(`created ${made.join(', ')}`);
  return `${parts.join('; ')} (${(millis / 1000).toFixed(1)} s)`;
}

const COUNT_LABEL: Record<keyof DemoCounts, string> = {
  teams: 'teams',
  socialForces: 'social forces',
  depots: 'depots',
  stockLines: 'stock lines',
  experts: 'experts',
  dutyShifts: 'duty shifts',
};

function addCounts(a: DemoCounts, b: DemoCounts): DemoCounts {
  return {
    teams: a.teams + b.teams,
    socialForces: a.socialForces + b.socialForces,
    depots: a.depots + b.depots,
    stockLines: a.stockLines + b.stockLines,
    experts: a.experts + b.experts,
    dutyShifts: a.dutyShifts + b.dutyShifts,
  };
}

/** @returns fn over every item, at most `limit` at a time, results in item order. */
async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/** What the node already has: each part of the demo data is written only when absent. */
const STATE_QUERY = `query DemoSeedState($jurisdiction: ID!, $from: DateTime!, $to: DateTime!) {
  teams(first: 1) { totalCount }
  socialForces(first: 1, filter: { verifications: [PENDING, VERIFIED, REJECTED, SUSPENDED] }) { totalCount }
  depots { id }
  experts { id }
  dutyRoster(jurisdiction: $jurisdiction, from: $from, to: $to) { id }
}`;

interface SeedState {
  teams: { totalCount: number };
  socialForces: { totalCount: number };
  depots: { id: string }[];
  experts: { id: string }[];
  dutyRoster: { id: string }[];
}

async function seedNode(
  entry: JurisdictionEntry,
  data: NodeDemoData,
  options: SeedNetworkOptions & { now: Date },
): Promise<NodeSeedResult> {
  const url = entry.node?.url as string;
  const code = entry.code;
  const result = (outcome: NodeOutcome, filledIn: Section[], created: DemoCounts): NodeSeedResult => ({
    jurisdiction: code,
    url,
    outcome,
    filledIn,
    created,
  });
  // Demo data never goes to a real deployment: only nodes on this machine are seeded.
  if (!LOOPBACK_HOSTS.has(new URL(url).hostname)) return result('not-local', [], ZERO);

  const client = new NodeClient(url, options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS);
  const token = (role: Role, who: Partial<Principal> = {}) =>
    signToken(
      { sub: `demo-seed.${role}@${code}`, name: `${entry.name}演示数据`, jurisdiction: code, roles: [role], ...who },
      options.signingKey,
      {
        audience: 'aidnet',
        issuer: 'aidnet',
        expiresIn: '1h',
      },
    );
  const registrar = token('registrar');
  const dutyOfficer = token('duty_officer');

  const state = (await client.request(registrar, STATE_QUERY, {
    jurisdiction: code,
    from: options.now,
    to: new Date(options.now.getTime() + 7 * DAY_MS),
  })) as unknown as SeedState;
  const present: Record<Section, boolean> = {
    teams: state.teams.totalCount > 0,
    socialForces: state.socialForces.totalCount > 0,
    depots: state.depots.length > 0,
    experts: state.experts.length > 0,
    duty: state.dutyRoster.length > 0,
  };
  const full = countDemoData(data);
  const planned: Record<Section, boolean> = {
    teams: full.teams > 0,
    socialForces: full.socialForces > 0,
    depots: full.depots > 0,
    experts: full.experts > 0,
    duty: full.dutyShifts > 0,
  };
  const sections = (Object.keys(planned) as Section[]).filter((s) => planned[s]);
  const missing = sections.filter((s) => !present[s]);
  const created = { ...ZERO };
  const jurisdictionArg: Arg = ['ID!', code];

  if (missing.includes('teams')) {
    await client.mutate(
      registrar,
      data.teams.map((t) => ({
        field: 'createTeam',
        args: { jurisdiction: jurisdictionArg, input: ['TeamInput!', t] },
        label: `createTeam "${t.name}"`,
      })),
    );
    created.teams = data.teams.length;
  }

  if (missing.includes('socialForces')) {
    const ids: string[] = [];
    for (const f of data.socialForces) {
      // Each group registers itself: its own subject and org, the social_org role, this jurisdiction.
      const group = token('social_org', { sub: `${f.org.id}@${code}`, name: f.org.name, org: f.org.id });
      const [registered] = await client.mutate(group, [
        {
          field: 'registerSocialForce',
          args: { jurisdiction: jurisdictionArg, input: ['SocialForceInput!', f.input] },
          label: `registerSocialForce "${f.input.name}"`,
        },
      ]);
      ids.push(registered?.id as string);
    }
    await client.mutate(
      registrar,
      data.socialForces.flatMap((f, i) =>
        f.review
          ? [
              {
                field: 'reviewSocialForce',
                args: {
                  id: ['ID!', ids[i]],
                  decision: ['ReviewDecision!', f.review.decision],
                  note: ['String', f.review.note],
                  grades: ['[CapabilityAssessmentInput!]', f.review.grades],
                },
                label: `reviewSocialForce "${f.input.name}"`,
              } satisfies MutationCall,
            ]
          : [],
      ),
    );
    created.socialForces = data.socialForces.length;
  }

  if (missing.includes('depots')) {
    const depots = await client.mutate(
      registrar,
      data.depots.map((d) => ({
        field: 'createDepot',
        args: { jurisdiction: jurisdictionArg, input: ['DepotInput!', d.input] },
        label: `createDepot "${d.input.name}"`,
      })),
    );
    await client.mutate(
      registrar,
      data.depots.flatMap((d, i) =>
        d.stock.map((s): MutationCall => ({
          field: 'setStock',
          args: {
            depotId: ['ID!', depots[i]?.id],
            item: ['ID!', s.item],
            quantity: ['Int!', s.quantity],
            mode: ['StockMode', s.mode],
            supplier: ['String', s.supplier],
          },
          label: `setStock ${s.item} ${s.mode} in "${d.input.name}"`,
        })),
      ),
    );
    created.depots = full.depots;
    created.stockLines = full.stockLines;
  }

  if (missing.includes('experts')) {
    await client.mutate(
      registrar,
      data.experts.map((x) => ({
        field: 'createExpert',
        args: { jurisdiction: jurisdictionArg, input: ['ExpertInput!', x] },
        label: `createExpert "${x.name}"`,
      })),
    );
    created.experts = data.experts.length;
  }

  if (missing.includes('duty')) {
    const calls: MutationCall[] = data.duty.shifts.map((s) => ({
      field: 'scheduleDuty',
      args: { jurisdiction: jurisdictionArg, input: ['DutyShiftInput!', s] },
      label: `scheduleDuty ${s.posture} ${s.startsAt.toISOString()}`,
    }));
    if (data.duty.regime !== 'NORMAL') {
      calls.push({
        field: 'setDutyRegime',
        args: { jurisdiction: jurisdictionArg, regime: ['DutyRegime!', data.duty.regime] },
        select: '{ code }',
        label: `setDutyRegime ${data.duty.regime}`,
      });
    }
    await client.mutate(dutyOfficer, calls);
    created.dutyShifts = data.duty.shifts.length;
  }

  const outcome: NodeOutcome =
    missing.length === 0 ? 'present' : missing.length === sections.length ? 'seeded' : 'completed';
  return result(outcome, outcome === 'completed' ? missing : [], created);
}

/** A GraphQL variable: its type and value. */
type Arg = [type: string, value: unknown];

interface MutationCall {
  field: string;
  args: Record<string, Arg>;
  /** Selection set; `{ id }` unless given. */
  select?: string;
  /** Names the write in error messages. */
  label: string;
}

interface GraphQLErrorShape {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string };
}

/** A minimal GraphQL-over-HTTP client for one node (Node 20's fetch). */
class NodeClient {
  constructor(
    private readonly url: string,
    private readonly timeoutMs: number,
  ) {}

  /**
   * @returns the response's data.
   * @throws with every GraphQL error of the answer (code, message, and the write it belongs to).
   */
  async request(
    token: string,
    query: string,
    variables: Record<string, unknown>,
    labelOf: (alias: string) => string | undefined = () => undefined,
  ): Promise<Record<string, unknown>> {
    let res: Response;
    try {
      res = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      const cause = (e as { cause?: { code?: string } }).cause?.code;
      throw new Error(`the node did not answer: ${(e as Error).message}${cause ? ` (${cause})` : ''}`);
    }
    const text = await res.text();
    let body: { data?: Record<string, unknown> | null; errors?: GraphQLErrorShape[] };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new Error(`HTTP ${res.status}, not a GraphQL answer: ${text.slice(0, 200)}`);
    }
    if (body.errors && body.errors.length > 0) {
      const lines = body.errors.map((e) => {
        const alias = typeof e.path?.[0] === 'string' ? e.path[0] : undefined;
        const where = (alias && labelOf(alias)) ?? e.path?.join('.');
        return `${where ? `${where}: ` : ''}${e.extensions?.code ?? 'ERROR'} ${e.message}`;
      });
      throw new Error(`the node refused (HTTP ${res.status}):\n    ${lines.join('\n    ')}`);
    }
    if (!body.data) throw new Error(`HTTP ${res.status} without data`);
    return body.data;
  }

  /**
   * Runs the writes in order, up to BATCH_SIZE per request as aliased fields of one mutation
   * (GraphQL runs a mutation's fields one after the other).
   * @returns each write's selection, in call order.
   */
  async mutate(token: string, calls: readonly MutationCall[]): Promise<({ id?: string } & Record<string, unknown>)[]> {
    const out: ({ id?: string } & Record<string, unknown>)[] = [];
    for (let start = 0; start < calls.length; start += BATCH_SIZE) {
      const chunk = calls.slice(start, start + BATCH_SIZE);
      const definitions: string[] = [];
      const fields: string[] = [];
      const variables: Record<string, unknown> = {};
      chunk.forEach((call, i) => {
        const alias = `m${i}`;
        const args = Object.entries(call.args).map(([name, [type, value]]) => {
          const variable = `${alias}_${name}`;
          definitions.push(`$${variable}: ${type}`);
          variables[variable] = value;
          return `${name}: $${variable}`;
        });
        fields.push(`  ${alias}: ${call.field}(${args.join(', ')}) ${call.select ?? '{ id }'}`);
      });
      const query = `mutation DemoSeed(${definitions.join(', ')}) {\n${fields.join('\n')}\n}`;
      const data = await this.request(token, query, variables, (alias) => chunk[Number(alias.slice(1))]?.label);
      chunk.forEach((_, i) => out.push(data[`m${i}`] as { id?: string }));
    }
    return out;
  }
}

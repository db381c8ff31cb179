import http from 'node:http';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GraphQLError, parse as parseDocument, type GraphQLFormattedError } from 'graphql';
import { ERRORS } from '../../../services/common/src/errors';
import { ownerOfId } from '../../../services/common/src/ids';
import type { Logger } from '../../../services/common/src/logger';
import type { NetworkDirectory } from '../../../services/common/src/network';
import { SHARD_EXTENSION, type ShardMeta } from '../../../services/common/src/shardMeta';
import type { Coverage } from '../coverage';
import type { BreakerOptions, BreakerState } from '../sharding/CircuitBreaker';
import { planMutation, planQueryField, type FieldPlan } from '../sharding/fieldRouting';
import { connectionContributors, mergeConnection, mergeList } from '../sharding/mergeRootFields';
import {
  NodeClient,
  NodePayload,
  type NodeCallObserver,
  type NodeResponseBody,
  type NodeResult,
} from '../sharding/NodeClient';
import { analyzeOperation, effectiveVariables, type OperationAnalysis } from '../sharding/operationAnalysis';
import type { ShardingPlan } from '../sharding/shardingPlan';
import { subOperation } from '../sharding/subOperation';

/**
 * The `registry` subgraph as N jurisdiction nodes behind one data source (DESIGN.md section 3):
 * entity fetches grouped by owner, targeted and scattered root fields, a globally ordered merge,
 * single-node mutations, per-node deadlines and breakers, JURISDICTION_UNAVAILABLE and coverage.
 */
export interface ShardedRegistryOptions {
  network: NetworkDirectory;
  /** How each root field routes and merges, read from the registry SDL (shardingPlan.ts). */
  plan: ShardingPlan;
  deadlineMs: number;
  breaker: BreakerOptions;
  /** How often a node with an open breaker is probed on /readyz. */
  probeIntervalMs: number;
  logger: Logger;
  /** Node URL overrides by jurisdiction (tests, benches); default: the directory's node URL. */
  urls?: Record<string, string>;
  /** Told of every node call (metrics). */
  observeNodeCall?: NodeCallObserver;
}

export interface ShardedContext {
  authorization?: string;
  coverage: Coverage;
}

type FormattedErrors = GraphQLFormattedError[];

function toFormatted(e: GraphQLError): GraphQLFormattedError {
  return { message: e.message, extensions: e.extensions, ...(e.path ? { path: e.path } : {}) };
}

function unavailable(code: string, reason: string, path?: (string | number)[]): GraphQLFormattedError {
  return {
    message: `${code} did not answer (${reason}); its rows are missing from this answer`,
    extensions: { code: ERRORS.JURISDICTION_UNAVAILABLE.code, jurisdiction: code },
    ...(path ? { path } : {}),
  };
}

export class ShardedRegistryDataSource implements GraphQLDataSource<ShardedContext> {
  private readonly clients = new Map<string, NodeClient>();
  private readonly nodeCodes: string[];
  private readonly probeTimer: NodeJS.Timeout;
  // Idle sockets are dropped after 30 s, before the nodes' 65 s keep-alive timeout closes them.
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 64, timeout: 30_000 });

  constructor(private readonly options: ShardedRegistryOptions) {
    for (const entry of options.network.nodes()) {
      const url = options.urls?.[entry.code] ?? entry.node?.url;
      if (!url) continue;
      this.clients.set(
        entry.code,
        new NodeClient({
          jurisdiction: entry.code,
          url,
          deadlineMs: options.deadlineMs,
          breaker: options.breaker,
          agent: this.agent,
          ...(options.observeNodeCall ? { observe: options.observeNodeCall } : {}),
        }),
      );
    }
    this.nodeCodes = [...this.clients.keys()];
    this.probeTimer = setInterval(() => void this.probeOpenNodes(), options.probeIntervalMs);
    this.probeTimer.unref();
  }

  /** Stops background probes and closes idle connections. */
  close(): void {
    clearInterval(this.probeTimer);
    this.agent.destroy();
  }

  async process(options: GraphQLDataSourceProcessOptions<ShardedContext>): Promise<GatewayGraphQLResponse> {
    const { query, variables } = options.request;
    if (options.kind !== 'incoming operation') {
      const client = this.pickAny();
      const result = client ? await client.execute(new NodePayload({ query, variables }), undefined) : undefined;
      return result?.ok ? result.body() : { errors: [{ message: 'no registry node answered' }] };
    }
    const context = options.incomingRequestContext.context;
    try {
      // The planner's own parsed document (exposeDocumentNodeInFetchNode); parsing is the fallback.
      const analysis = analyzeOperation(options.document ?? parseDocument(query as string));
      if (analysis.isEntities) return await this.fetchEntities(query as string, variables ?? {}, context);
      if (analysis.operation === 'mutation') {
        return await this.routeMutation(query as string, variables, analysis, context);
      }
      // Routing and merging read arguments through effectiveVariables; nodes get the original ones.
      return await this.scatterQuery(query as string, variables, analysis, context);
    } catch (e) {
      if (e instanceof GraphQLError) return { errors: [toFormatted(e)] };
      this.options.logger.error({ err: e }, 'sharded fetch failed');
      return {
        errors: [{ message: 'Internal server error', extensions: { code: ERRORS.INTERNAL_SERVER_ERROR.code } }],
      };
    }
  }

  /** @returns each node's breaker state, by jurisdiction. */
  breakerStates(): [string, BreakerState][] {
    return [...this.clients].map(([code, c]) => [code, c.breaker.state]);
  }

  /** Readiness: true as soon as one node answers its /readyz (all probed at once). */
  anyNodeAnswers(): Promise<boolean> {
    const probes = [...this.clients.values()].map(async (c) => {
      if (!(await c.probe())) throw new Error('not ready');
    });
    return Promise.any(probes).then(
      () => true,
      () => false,
    );
  }

  private async probeOpenNodes(): Promise<void> {
    await Promise.all([...this.clients.values()].filter((c) => c.breaker.state !== 'closed').map((c) => c.probe()));
  }

  private pickAny(preferred: readonly string[] = []): NodeClient | undefined {
    const candidates = [...preferred, ...this.nodeCodes]
      .map((c) => this.clients.get(c))
      .filter((c): c is NodeClient => c !== undefined);
    return candidates.find((c) => c.breaker.state === 'closed') ?? candidates[0];
  }

  /** @param payload serialized once for every node the fetch goes to. */
  private async call(code: string, payload: NodePayload, context: ShardedContext): Promise<NodeResult> {
    const client = this.clients.get(code) as NodeClient;
    context.coverage.ask(code);
    const result = await client.execute(payload, context.authorization);
    if (result.ok) {
      context.coverage.answer(code);
    } else {
      context.coverage.miss(code);
      // While the breaker is open every call is skipped: log those at debug, real failures at warn.
      const level = result.skipped ? 'debug' : 'warn';
      this.options.logger[level](
        { jurisdiction: code, reason: result.reason },
        'node unavailable (jurisdiction=%s)',
        code,
      );
    }
    return result;
  }

  /** `_entities`: one sub-batch per owning node, reassembled in the original order. */
  private async fetchEntities(
    query: string,
    variables: Record<string, unknown>,
    context: ShardedContext,
  ): Promise<GatewayGraphQLResponse> {
    const reps = (variables.representations ?? []) as { __typename: string; id?: string; code?: string }[];
    const entities: unknown[] = new Array(reps.length).fill(null);
    const errors: FormattedErrors = [];
    const byOwner = new Map<string, number[]>();
    reps.forEach((rep, i) => {
      const owner = rep.__typename === 'Jurisdiction' ? rep.code : ownerOfId(rep.id ?? '');
      if (owner && this.clients.has(owner)) {
        byOwner.set(owner, [...(byOwner.get(owner) ?? []), i]);
      } else {
        errors.push({
          message: `No node serves the owner of ${rep.id ?? rep.code ?? '?'}`,
          path: ['_entities', i],
          extensions: { code: ERRORS.NOT_FOUND.code },
        });
      }
    });
    await Promise.all(
      [...byOwner].map(async ([owner, indices]) => {
        const result = await this.call(
          owner,
          new NodePayload({ query, variables: { ...variables, representations: indices.map((i) => reps[i]) } }),
          context,
        );
        if (!result.ok) {
          errors.push(unavailable(owner, result.reason, ['_entities', indices[0] as number]));
          return;
        }
        const body = result.body();
        const got = (body.data?._entities ?? []) as unknown[];
        indices.forEach((original, j) => {
          entities[original] = got[j] ?? null;
        });
        for (const err of body.errors ?? []) {
          const [head, j, ...rest] = err.path ?? [];
          errors.push(
            head === '_entities' && typeof j === 'number'
              ? { ...err, path: ['_entities', indices[j] as number, ...rest] }
              : err,
          );
        }
      }),
    );
    return { data: { _entities: entities }, ...(errors.length ? { errors } : {}) };
  }

  /** A mutation goes to exactly one node; naming none or several is refused before any call. */
  private async routeMutation(
    query: string,
    variables: Record<string, unknown> | undefined,
    analysis: OperationAnalysis,
    context: ShardedContext,
  ): Promise<GatewayGraphQLResponse> {
    const target = planMutation(
      analysis.rootFields,
      effectiveVariables(analysis, variables),
      this.nodeCodes,
      this.options.plan,
    );
    const result = await this.call(target, new NodePayload({ query, variables }), context);
    if (!result.ok) return { data: null, errors: [unavailable(target, result.reason)] };
    return stripShardMeta(result.body());
  }

  /** Root query fields: each to its target nodes, in one parallel round, merged per field. */
  private async scatterQuery(
    query: string,
    variables: Record<string, unknown> | undefined,
    analysis: OperationAnalysis,
    context: ShardedContext,
  ): Promise<GatewayGraphQLResponse> {
    const effective = effectiveVariables(analysis, variables);
    const plans: FieldPlan[] = analysis.rootFields.map((f) =>
      planQueryField(f, effective, this.options.network, this.nodeCodes, this.options.plan),
    );
    const targeted = new Set(plans.flatMap((p) => p.targets));
    if (plans.some((p) => p.merge === 'any')) {
      const any = this.pickAny([...targeted]);
      if (any) {
        for (const p of plans) if (p.merge === 'any') p.targets = [any.jurisdiction];
        targeted.add(any.jurisdiction);
      }
    }
    const codes = [...targeted];
    const payloads = nodePayloads(query, variables, analysis, plans);
    const results = new Map<string, NodeResult>(
      await Promise.all(
        codes.map(async (c) => [c, await this.call(c, payloads.get(c) as NodePayload, context)] as const),
      ),
    );
    const needed = bodiesToParse(plans, results, analysis, effective);
    /** A node's part of a field: its parsed answer, or (rows not needed) its shard summary alone. */
    const partOf = (code: string, r: Answered, key: string) => {
      if (!needed.has(code)) return { value: undefined, meta: r.summary?.fields[key] };
      const body = r.body();
      return { value: body.data?.[key], meta: (body.extensions?.[SHARD_EXTENSION] as ShardMeta | undefined)?.[key] };
    };
    const errorsOf = (code: string, r: Answered) => (needed.has(code) ? (r.body().errors ?? []) : []);

    const data: Record<string, unknown> = {};
    const errors: FormattedErrors = [];
    const seenErrors = new Set<string>();
    const pushError = (e: GraphQLFormattedError) => {
      const id = JSON.stringify([e.message, e.path, e.extensions?.code]);
      if (!seenErrors.has(id)) {
        seenErrors.add(id);
        errors.push(e);
      }
    };
    const failed = codes.filter((c) => !results.get(c)?.ok);
    for (const plan of plans) {
      const key = plan.field.responseKey;
      const answered = plan.targets.flatMap((c) => {
        const r = results.get(c);
        return r?.ok ? [[c, r] as const] : [];
      });
      for (const [c, r] of answered) for (const e of errorsOf(c, r)) if (e.path?.[0] === key) pushError(e);
      const parts = answered.map(([c, r]) => partOf(c, r, key));
      switch (plan.merge) {
        case 'any':
        case 'single':
          data[key] = parts[0]?.value ?? null;
          if (parts.length === 0 && plan.merge === 'single') {
            pushError(unavailable(plan.targets[0] as string, reasonOf(results.get(plan.targets[0] as string)), [key]));
          }
          break;
        case 'list':
          data[key] = mergeList(parts);
          break;
        case 'connection':
          data[key] = mergeConnection(plan.field.node, analysis.fragments, effective, parts, plan.connection);
          break;
      }
    }
    for (const code of failed) {
      const alreadyReported = errors.some((e) => e.extensions?.jurisdiction === code);
      if (!alreadyReported) pushError(unavailable(code, reasonOf(results.get(code))));
    }
    // Errors without a path (e.g. an expired token) are the same on every node: report once.
    for (const [c, r] of results) if (r.ok) for (const e of errorsOf(c, r)) if (!e.path) pushError(e);
    return { data, ...(errors.length ? { errors } : {}) };
  }
}

type Answered = Extract<NodeResult, { ok: true }>;

/**
 * What each node of a root fetch is sent: only the root fields that route to it (another node's
 * `jurisdiction:` or id would be refused there). Nodes asked the same fields share one payload,
 * so a plain fan-out is still serialized once, and the original query is sent when a node gets
 * every field.
 */
function nodePayloads(
  query: string,
  variables: Record<string, unknown> | undefined,
  analysis: OperationAnalysis,
  plans: readonly FieldPlan[],
): Map<string, NodePayload> {
  const keysByNode = new Map<string, Set<string>>();
  for (const plan of plans) {
    for (const code of plan.targets) {
      const keys = keysByNode.get(code) ?? new Set<string>();
      keys.add(plan.field.responseKey);
      keysByNode.set(code, keys);
    }
  }
  const allKeys = new Set(plans.map((p) => p.field.responseKey)).size;
  const bySignature = new Map<string, NodePayload>();
  const payloads = new Map<string, NodePayload>();
  for (const [code, keys] of keysByNode) {
    const whole = keys.size === allKeys;
    const signature = whole ? '' : [...keys].sort().join('\u0000');
    let payload = bySignature.get(signature);
    if (!payload) {
      if (whole) {
        payload = new NodePayload({ query, variables });
      } else {
        const sub = subOperation(query, analysis, keys);
        const kept = variables && Object.fromEntries(Object.entries(variables).filter(([k]) => sub.variables.has(k)));
        payload = new NodePayload({ query: sub.query, variables: kept });
      }
      bySignature.set(signature, payload);
    }
    payloads.set(code, payload);
  }
  return payloads;
}

/**
 * The nodes whose answers a scattered query must parse: every one without a shard summary header
 * or with errors, every one a field takes whole ('any', 'single'), for lists those with rows, and
 * for connections those with rows in the merged page. The others' rows would all be cut.
 */
function bodiesToParse(
  plans: readonly FieldPlan[],
  results: ReadonlyMap<string, NodeResult>,
  analysis: OperationAnalysis,
  variables: Record<string, unknown>,
): Set<string> {
  const needed = new Set<string>();
  for (const [code, r] of results) if (r.ok && (!r.summary || r.summary.errors)) needed.add(code);
  for (const plan of plans) {
    const key = plan.field.responseKey;
    const answered = plan.targets.filter((c) => results.get(c)?.ok);
    const metas = answered.map((c) => (results.get(c) as Answered).summary?.fields[key]);
    let parse: (i: number) => boolean;
    if (plan.merge === 'list') {
      parse = (i) => (metas[i]?.keys.length ?? 1) > 0;
    } else if (plan.merge === 'connection') {
      const contributors = connectionContributors(
        plan.field.node,
        analysis.fragments,
        variables,
        metas,
        plan.connection,
      );
      parse = (i) => contributors === 'all' || contributors.has(i);
    } else {
      parse = () => true;
    }
    answered.forEach((c, i) => {
      if (metas[i] === undefined || parse(i)) needed.add(c);
    });
  }
  return needed;
}

function reasonOf(result: NodeResult | undefined): string {
  return result && !result.ok ? result.reason : 'not asked';
}

function stripShardMeta(body: NodeResponseBody): GatewayGraphQLResponse {
  const { extensions: _extensions, ...rest } = body;
  return rest;
}

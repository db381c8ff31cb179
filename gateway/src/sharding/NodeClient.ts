import http from 'node:http';
import { SpanStatusCode } from '@opentelemetry/api';
import { withClientSpan, type TraceCarrier } from '../../../services/common/src/tracing/spans';
import { decodeShardSummary, SHARD_HEADER, type ShardSummary } from '../../../services/common/src/shardMeta';
import { CircuitBreaker, type BreakerOptions } from './CircuitBreaker';

/**
 * HTTP client for one jurisdiction node: keep-alive connections, a hard deadline per call, and a
 * circuit breaker. It never throws: every outcome is a NodeResult, so one node's failure costs
 * only its own rows.
 */
export interface NodeResponseBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
}

/**
 * An answer. `body()` parses it on first use: when the node sent a shard summary header, the
 * gateway can merge a fan-out from the summaries and parse only the bodies it needs.
 */
export type NodeResult =
  | { ok: true; summary?: ShardSummary; body(): NodeResponseBody }
  | { ok: false; reason: string; skipped?: true; timedOut?: true };

/** How a node call ended, for metrics and traces. */
export type NodeCallOutcome = 'answered' | 'timeout' | 'error' | 'breaker_open';

/** Told of every node call: its outcome and, when it was sent, how long it took. */
export type NodeCallObserver = (jurisdiction: string, outcome: NodeCallOutcome, seconds: number) => void;

export function outcomeOfResult(result: NodeResult): NodeCallOutcome {
  if (result.ok) return 'answered';
  if (result.skipped) return 'breaker_open';
  return result.timedOut ? 'timeout' : 'error';
}

/** One request body for any number of nodes: serialized and measured once per fetch. */
export class NodePayload {
  /** A string, not a Buffer: node:http then sends headers and body in one write. */
  readonly text: string;
  readonly byteLength: number;
  constructor(json: unknown) {
    this.text = JSON.stringify(json);
    this.byteLength = Buffer.byteLength(this.text);
  }
}

/** A kept-alive socket the node closed just as we reused it: the request never reached it. */
type PostResult = NodeResult | { ok: false; reason: string; staleSocket: true };

export interface NodeClientOptions {
  jurisdiction: string;
  url: string;
  deadlineMs: number;
  breaker: BreakerOptions;
  agent: http.Agent;
  observe?: NodeCallObserver;
}

export class NodeClient {
  readonly jurisdiction: string;
  readonly breaker: CircuitBreaker;
  private readonly url: URL;

  constructor(private readonly options: NodeClientOptions) {
    this.jurisdiction = options.jurisdiction;
    this.url = new URL(options.url);
    this.breaker = new CircuitBreaker(options.breaker);
  }

  /** POSTs a GraphQL request; a transport failure, timeout, non-JSON or 5xx answer is a failure. */
  async execute(payload: NodePayload, authorization: string | undefined): Promise<NodeResult> {
    if (!this.breaker.tryAcquire()) {
      this.options.observe?.(this.jurisdiction, 'breaker_open', 0);
      return { ok: false, reason: 'skipped: the node failed repeatedly and is probed again later', skipped: true };
    }
    // One client span per node call; its traceparent makes the node's server span its child.
    return withClientSpan('registry.node', { 'aidnet.jurisdiction': this.jurisdiction }, async (trace, span) => {
      const started = performance.now();
      let result = await this.post(payload, authorization, trace);
      if (!result.ok && 'staleSocket' in result) result = await this.post(payload, authorization, trace);
      if (result.ok) this.breaker.succeed();
      else this.breaker.fail();
      const outcome = outcomeOfResult(result);
      this.options.observe?.(this.jurisdiction, outcome, (performance.now() - started) / 1000);
      span.setAttribute('aidnet.outcome', outcome);
      if (!result.ok) span.setStatus({ code: SpanStatusCode.ERROR, message: result.reason });
      return result;
    });
  }

  /** Background probe while the breaker is open: `/readyz` answering 200 closes it. */
  async probe(): Promise<boolean> {
    const readyz = new URL('/readyz', this.url);
    const ok = await new Promise<boolean>((resolve) => {
      const req = http.get(readyz, { agent: this.options.agent, timeout: this.options.deadlineMs }, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      });
      req.on('timeout', () => req.destroy());
      req.on('error', () => resolve(false));
    });
    if (ok) this.breaker.succeed();
    return ok;
  }

  private post(payload: NodePayload, authorization: string | undefined, trace: TraceCarrier): Promise<PostResult> {
    return new Promise((resolve) => {
      let settled = false;
      const finish = (r: PostResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(r);
      };
      const req = http.request(
        this.url,
        {
          method: 'POST',
          agent: this.options.agent,
          headers: {
            'content-type': 'application/json',
            'content-length': payload.byteLength,
            ...(authorization ? { authorization } : {}),
            ...trace,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', (e) => finish({ ok: false, reason: e.message }));
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            const raw = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
            const summary = status < 500 ? decodeShardSummary(res.headers[SHARD_HEADER]) : undefined;
            if (summary) {
              // The node's GraphQL server answered (it wrote the summary): parse when needed.
              finish({ ok: true, summary, body: lazyBody(raw, this.jurisdiction) });
              return;
            }
            try {
              const body = JSON.parse(raw.toString('utf8')) as NodeResponseBody;
              if (status >= 500 && !body.data) finish({ ok: false, reason: `HTTP ${status}` });
              else finish({ ok: true, body: () => body });
            } catch {
              finish({ ok: false, reason: `HTTP ${status}, not a GraphQL response` });
            }
          });
        },
      );
      const timer = setTimeout(() => {
        req.destroy();
        finish({ ok: false, reason: `no answer within ${this.options.deadlineMs} ms`, timedOut: true });
      }, this.options.deadlineMs);
      req.on('error', (e: NodeJS.ErrnoException) => {
        const stale = req.reusedSocket && (e.code === 'ECONNRESET' || e.code === 'EPIPE');
        finish(stale ? { ok: false, reason: e.message, staleSocket: true } : { ok: false, reason: e.message });
      });
      req.end(payload.text);
    });
  }
}

function lazyBody(raw: Buffer, jurisdiction: string): () => NodeResponseBody {
  let body: NodeResponseBody | undefined;
  return () => {
    if (body) return body;
    try {
      body = JSON.parse(raw.toString('utf8')) as NodeResponseBody;
    } catch {
      body = {
        data: null,
        errors: [
          {
            message: `${jurisdiction} sent an answer that is not JSON`,
            extensions: { code: 'INTERNAL_SERVER_ERROR', jurisdiction },
          },
        ],
      };
    }
    return body;
  };
}

import http from 'node:http';
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

export type NodeResult = { ok: true; body: NodeResponseBody } | { ok: false; reason: string; skipped?: true };

/** A kept-alive socket the node closed just as we reused it: the request never reached it. */
type PostResult = NodeResult | { ok: false; reason: string; staleSocket: true };

export interface NodeClientOptions {
  jurisdiction: string;
  url: string;
  deadlineMs: number;
  breaker: BreakerOptions;
  agent: http.Agent;
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
  async execute(payload: string, authorization: string | undefined): Promise<NodeResult> {
    if (!this.breaker.tryAcquire()) return { ok: false, reason: 'skipped: the node failed repeatedly and is probed again later', skipped: true };
    let result = await this.post(payload, authorization);
    if (!result.ok && 'staleSocket' in result) result = await this.post(payload, authorization);
    if (result.ok) this.breaker.succeed();
    else this.breaker.fail();
    return result;
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

  private post(payload: string, authorization: string | undefined): Promise<PostResult> {
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
            'content-length': Buffer.byteLength(payload),
            ...(authorization ? { authorization } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', (e) => finish({ ok: false, reason: e.message }));
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            try {
              const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as NodeResponseBody;
              if (status >= 500 && !body.data) finish({ ok: false, reason: `HTTP ${status}` });
              else finish({ ok: true, body });
            } catch {
              finish({ ok: false, reason: `HTTP ${status}, not a GraphQL response` });
            }
          });
        },
      );
      const timer = setTimeout(() => {
        req.destroy();
        finish({ ok: false, reason: `no answer within ${this.options.deadlineMs} ms` });
      }, this.options.deadlineMs);
      req.on('error', (e: NodeJS.ErrnoException) => {
        const stale = req.reusedSocket && (e.code === 'ECONNRESET' || e.code === 'EPIPE');
        finish(stale ? { ok: false, reason: e.message, staleSocket: true } : { ok: false, reason: e.message });
      });
      req.end(payload);
    });
  }
}

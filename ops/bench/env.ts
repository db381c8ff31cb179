import { z } from 'zod';
import { LogLevelModel, parseEnv } from '../../services/common/src/env';

/** Knobs of `npm run bench` (defaults are the setup). */
const BenchEnvModel = z.object({
  /** Concurrent keep-alive connections of the single-node runs (i)-(iii). */
  BENCH_CONNECTIONS: z.coerce.number().int().min(1).max(64).default(16),
  /**
   * Connections of the runs that fan out, (iv)-(vi), and of (v one), their counterpart. One fan-out
   * keeps the 24 node processes (and, every 5 s, FerretDB reloading their snapshots) busy for a few
   * hundred ms of CPU on this 2-core machine; a few at a time already queue for the cores, and the
   * run would measure the queue (and then the node deadline and breakers), not the gateway.
   */
  BENCH_FANOUT_CONNECTIONS: z.coerce.number().int().min(1).max(64).default(1),
  /** Seconds measured per fan-out scenario: at about one fan-out a second, 8 s gives too few samples. */
  BENCH_FANOUT_DURATION_S: z.coerce.number().int().min(2).max(60).default(16),
  /** Seconds measured per scenario (after the warm-up). */
  BENCH_DURATION_S: z.coerce.number().int().min(2).max(30).default(8),
  BENCH_WARMUP_S: z.coerce.number().int().min(1).max(10).default(2),
  /**
   * Requests sent straight to each node before anything is measured, so that nodes run as
   * long-running ones do (optimised code), not as freshly started ones.
   */
  BENCH_NODE_WARMUP_REQUESTS: z.coerce.number().int().min(0).max(100_000).default(1000),
  BENCH_TEAMS_PER_NODE: z.coerce.number().int().min(20).max(1000).default(100),
  /** One-way delay of the simulated network in (v), per chunk, each direction. */
  BENCH_DELAY_MS: z.coerce.number().int().min(1).max(500).default(30),
  /**
   * The gateway's per-node deadline and breaker, passed to it explicitly (these are its defaults).
   * On a machine busy with other work a fan-out can approach 2 s (all 24 node calls end together
   * under fair CPU sharing); raise the deadline then (e.g. 5000) rather than measure breakers.
   */
  BENCH_NODE_DEADLINE_MS: z.coerce.number().int().min(100).max(10_000).default(2000),
  BENCH_BREAKER_FAILURES: z.coerce.number().int().min(1).max(100).default(3),
  BENCH_BREAKER_OPEN_MS: z.coerce.number().int().min(1000).max(60_000).default(10_000),
  /** 1: profile a separate gateway process (node --cpu-prof) during scenario (iv) and summarise. */
  BENCH_PROFILE: z.enum(['0', '1']).default('0'),
  /** Log level of the nodes and gateways (their logs go to .data/bench-logs/). */
  BENCH_LOG_LEVEL: LogLevelModel.default('warn'),
});

export type BenchEnv = z.infer<typeof BenchEnvModel>;

export function readBenchEnv(env: NodeJS.ProcessEnv = process.env): BenchEnv {
  return parseEnv('npm run bench', BenchEnvModel, env);
}

const DelayProxyEnvModel = z.object({
  /** JSON: [{ "listenPort": n, "targetPort": n }, …] */
  BENCH_PROXY_ROUTES: z.string().min(2),
  BENCH_DELAY_MS: z.coerce.number().int().min(0).max(10_000).default(30),
});

export function readDelayProxyEnv(env: NodeJS.ProcessEnv = process.env): z.infer<typeof DelayProxyEnvModel> {
  return parseEnv('bench delay proxy', DelayProxyEnvModel, env);
}

const StockGatewayEnvModel = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(0),
  /** The one registry node the stock gateway is composed over. */
  BENCH_NODE_URL: z.string().url(),
  LOG_LEVEL: LogLevelModel.default('warn'),
});

export function readStockGatewayEnv(env: NodeJS.ProcessEnv = process.env): z.infer<typeof StockGatewayEnvModel> {
  return parseEnv('bench stock gateway', StockGatewayEnvModel, env);
}

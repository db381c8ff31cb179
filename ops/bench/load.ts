import autocannon from 'autocannon';

/**
 * One load run with autocannon (closed loop: `connections` keep-alive connections, each sending
 * its next request when the previous answer arrived). Latencies are kept per response with
 * sub-millisecond precision (autocannon's own histogram rounds to whole milliseconds).
 */
export interface LoadOptions {
  url: string;
  body: string;
  authorization: string;
  connections: number;
  /** Seconds; ignored when `amount` is given. */
  durationS?: number;
  /** Exactly this many requests (spread over the connections). */
  amount?: number;
  /** A response body that fails this check counts as a bad body. */
  verify?: (body: string) => boolean;
  /** Hard stop for the run (ms), whatever happens. */
  hardLimitMs?: number;
}

export interface LoadResult {
  /** Every response's latency (ms), ascending. */
  latencies: number[];
  responses: number;
  /** Seconds the run sent requests. */
  elapsedS: number;
  p50: number;
  p99: number;
  max: number;
  rps: number;
  /** Transport errors and timeouts. */
  errors: number;
  non2xx: number;
  badBodies: number;
}

/** @returns the value at quantile `q` (nearest rank) of ascending `sorted`, NaN when empty. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

function summarize(
  latencies: number[],
  elapsedS: number,
  errors: number,
  non2xx: number,
  badBodies: number,
): LoadResult {
  latencies.sort((a, b) => a - b);
  return {
    latencies,
    responses: latencies.length,
    elapsedS,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    max: latencies.at(-1) ?? Number.NaN,
    rps: elapsedS > 0 ? latencies.length / elapsedS : Number.NaN,
    errors,
    non2xx,
    badBodies,
  };
}

/** @returns one result from several runs of the same scenario (interleaved slices). */
export function combineLoads(parts: readonly LoadResult[]): LoadResult {
  const sum = (f: (r: LoadResult) => number) => parts.reduce((a, r) => a + f(r), 0);
  return summarize(
    parts.flatMap((r) => r.latencies),
    sum((r) => r.elapsedS),
    sum((r) => r.errors),
    sum((r) => r.non2xx),
    sum((r) => r.badBodies),
  );
}

let current: autocannon.Instance | undefined;

/** Stops the run in progress, if any (Ctrl-C). */
export function stopCurrentLoad(): void {
  current?.stop();
}

export function runLoad(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const started = process.hrtime.bigint();
  return new Promise<LoadResult>((resolve, reject) => {
    let hardStop: NodeJS.Timeout | undefined;
    const instance = autocannon(
      {
        url: options.url,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: options.authorization },
        body: options.body,
        connections: options.connections,
        ...(options.amount !== undefined ? { amount: options.amount } : { duration: options.durationS ?? 8 }),
        timeout: 10,
        ...(options.verify ? { verifyBody: options.verify as (body: unknown) => boolean } : {}),
      },
      (err, result) => {
        clearTimeout(hardStop);
        current = undefined;
        if (err) return reject(err instanceof Error ? err : new Error(String(err)));
        const elapsedS = Number(process.hrtime.bigint() - started) / 1e9;
        resolve(
          summarize(
            latencies,
            options.amount !== undefined ? elapsedS : result.duration || elapsedS,
            result.errors,
            result.non2xx,
            result.mismatches,
          ),
        );
      },
    );
    current = instance;
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      if (latencies.length < 2_000_000) latencies.push(responseTime);
    });
    hardStop = setTimeout(() => instance.stop(), options.hardLimitMs ?? ((options.durationS ?? 8) + 20) * 1000);
  });
}

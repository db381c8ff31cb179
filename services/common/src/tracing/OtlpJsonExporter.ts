import http from 'node:http';
import https from 'node:https';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';

/**
 * Sends spans to an OTLP/HTTP receiver (a collector's `/v1/traces`) in the OTLP JSON encoding,
 * serialized by OpenTelemetry's own transformer. Why not @opentelemetry/exporter-trace-otlp-http:
 * it loads node:http through a dynamic `import()` at its first export, which fails inside Jest's
 * module sandbox, so no test could read what production sends. A failed export drops that batch
 * (tracing must never hold a service up) and is reported to the SDK, which logs it.
 */
const EXPORT_TIMEOUT_MS = 10_000;

export class OtlpJsonExporter implements SpanExporter {
  private readonly url: URL;
  private readonly agent: http.Agent;
  private readonly pending = new Set<Promise<void>>();

  /** @param headers extra request headers (OTEL_EXPORTER_OTLP_HEADERS, e.g. an API key of the collector). */
  constructor(
    url: string,
    private readonly headers: Record<string, string> = {},
  ) {
    this.url = new URL(url);
    this.agent =
      this.url.protocol === 'https:' ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
  }

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    const body = JsonTraceSerializer.serializeRequest(spans);
    if (!body) {
      return resultCallback({ code: ExportResultCode.FAILED, error: new Error('spans could not be serialized') });
    }
    const sent = this.post(body).then(
      () => resultCallback({ code: ExportResultCode.SUCCESS }),
      (error: Error) => resultCallback({ code: ExportResultCode.FAILED, error }),
    );
    this.pending.add(sent);
    void sent.finally(() => this.pending.delete(sent));
  }

  async forceFlush(): Promise<void> {
    await Promise.all(this.pending);
  }

  async shutdown(): Promise<void> {
    await this.forceFlush();
    this.agent.destroy();
  }

  private post(body: Uint8Array): Promise<void> {
    const send = this.url.protocol === 'https:' ? https.request : http.request;
    return new Promise((resolve, reject) => {
      const req = send(
        this.url,
        {
          method: 'POST',
          agent: this.agent,
          timeout: EXPORT_TIMEOUT_MS,
          headers: { ...this.headers, 'content-type': 'application/json', 'content-length': body.byteLength },
        },
        (res) => {
          res.resume();
          res.on('end', () =>
            (res.statusCode ?? 0) < 300
              ? resolve()
              : reject(new Error(`the OTLP receiver answered HTTP ${res.statusCode}`)),
          );
        },
      );
      req.on('timeout', () =>
        req.destroy(new Error(`no answer from the OTLP receiver within ${EXPORT_TIMEOUT_MS} ms`)),
      );
      req.on('error', reject);
      req.end(body);
    });
  }
}

/** @returns the headers of OTEL_EXPORTER_OTLP_HEADERS (`key=value,key2=value2`, values URL-encoded). */
export function parseOtlpHeaders(value: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of (value ?? '').split(',')) {
    const i = pair.indexOf('=');
    if (i > 0) headers[pair.slice(0, i).trim()] = decodeURIComponent(pair.slice(i + 1).trim());
  }
  return headers;
}

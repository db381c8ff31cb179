import type express from 'express';
import type { TokenVerifier } from '../../services/common/src/auth';
import { ERRORS } from '../../services/common/src/errors';

/**
 * Report downloads (`/reports/…`, e.g. the conference's .docx 会议纪要) are served by the
 * conference subgraph; the gateway passes them through so that users need one origin. The token
 * is checked here and again by the conference service.
 */
export function reportProxyRoute(conferenceGraphqlUrl: string, verifier: TokenVerifier, timeoutMs = 15_000) {
  const origin = new URL(conferenceGraphqlUrl).origin;
  return (app: express.Express) => {
    app.get('/reports/*path', async (req, res) => {
      try {
        verifier.verifyHeader(req.headers.authorization);
      } catch (e) {
        res
          .status(ERRORS.UNAUTHENTICATED.httpStatus)
          .json({ errors: [{ message: (e as Error).message, extensions: { code: ERRORS.UNAUTHENTICATED.code } }] });
        return;
      }
      try {
        const upstream = await fetch(`${origin}${req.originalUrl}`, {
          headers: { authorization: req.headers.authorization ?? '' },
          signal: AbortSignal.timeout(timeoutMs),
        });
        for (const h of ['content-type', 'content-disposition']) {
          const v = upstream.headers.get(h);
          if (v) res.setHeader(h, v);
        }
        res.status(upstream.status).send(Buffer.from(await upstream.arrayBuffer()));
      } catch {
        res.status(ERRORS.SERVICE_UNAVAILABLE.httpStatus).json({
          errors: [
            {
              message: 'The conference service did not answer; try again shortly.',
              extensions: { code: ERRORS.SERVICE_UNAVAILABLE.code, service: 'conference' },
            },
          ],
        });
      }
    });
  };
}

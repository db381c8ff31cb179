import type express from 'express';
import type { TokenVerifier } from '../../../common/src/auth';
import { ERRORS } from '../../../common/src/errors';
import type { ConferenceDeps } from '../commands/deps';
import { findActionsOfMeetings } from '../models/conferenceRecords';
import { findMeeting } from '../queries/meetingFinder';
import { buildReportMeeting } from '../queries/reportBuilder';
import {
  attachmentContentDisposition,
  DOCX_CONTENT_TYPE,
  meetingReportDocx,
  meetingReportDocxFileName,
} from '../reports';

/**
 * GET /reports/meetings/<meeting id>.docx — the 会议纪要 as a Word document, with the same bearer
 * token and the same read rule as the GraphQL API. Errors answer JSON with the contract's codes.
 */
export const REPORT_PATH = '/reports/meetings/:id.docx';

export function reportDownloadRoute(deps: ConferenceDeps, verifier: TokenVerifier) {
  return (app: express.Express) => {
    app.get(REPORT_PATH, async (req, res) => {
      try {
        const principal = verifier.verifyHeader(req.headers.authorization);
        const meeting = await findMeeting(deps.store, deps.directory, principal, String(req.params.id));
        if (!meeting) throw ERRORS.NOT_FOUND.err(`No joint meeting ${req.params.id}`);
        const actions = await findActionsOfMeetings(deps.store, [meeting._id.toHexString()]);
        const doc = await meetingReportDocx(buildReportMeeting(meeting, actions, deps.directory, deps.now()));
        res.setHeader('content-type', DOCX_CONTENT_TYPE);
        res.setHeader('content-disposition', attachmentContentDisposition(meetingReportDocxFileName(meeting)));
        res.send(doc);
      } catch (e) {
        const ext = (e as { extensions?: { code?: string } }).extensions;
        const code = ext?.code && ext.code in ERRORS ? (ext.code as keyof typeof ERRORS) : 'INTERNAL_SERVER_ERROR';
        if (code === 'INTERNAL_SERVER_ERROR') deps.logger.error({ err: e }, 'report download failed');
        const message =
          code === 'INTERNAL_SERVER_ERROR' ? 'Internal server error; it was logged.' : (e as Error).message;
        res.status(ERRORS[code].httpStatus).json({ errors: [{ message, extensions: { code } }] });
      }
    });
  };
}

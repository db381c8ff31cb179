/**
 * The joint-meeting report (会议纪要), as Markdown for the `meetingReport` query and as a Word
 * document for download. Pure functions: the caller loads the meeting and passes `generatedAt`.
 */
export type {
  ReportActionStatus,
  ReportAgendaStatus,
  ReportMeeting,
  ReportMeetingStatus,
  ReportAction,
  ReportAgendaItem,
  ReportAttendee,
  ReportJurisdiction,
  ReportResolution,
} from './reportModel';
export { orderActionsForReport, isReportedOverdue, reportTitle } from './reportModel';
export { meetingReportMarkdown } from './markdownReport';
export {
  meetingReportDocx,
  meetingReportDocxFileName,
  attachmentContentDisposition,
  DOCX_CONTENT_TYPE,
} from './docxReport';
export { formatChineseDate, formatChineseDateTime } from './chineseDates';

import type { NetworkDirectory } from '../../../common/src/network';
import { isOverdue, percentOf, type ActionRecord, type MeetingRecord } from '../domain/records';
import type { ReportMeeting } from '../reports';

/** The report's view of a meeting and its actions, with names from the network directory. */
export function buildReportMeeting(
  m: MeetingRecord,
  actions: readonly ActionRecord[],
  directory: NetworkDirectory,
  now: Date,
  requestNumbers: ReadonlyMap<string, string> = new Map(),
): ReportMeeting {
  const jurisdiction = (code: string) => ({ code, name: directory.nameOf(code) });
  return {
    title: m.title,
    scheduledAt: m.scheduledAt,
    location: m.location,
    host: jurisdiction(m.host),
    hostPerson: m.chair,
    members: m.members.map(jurisdiction),
    attendees: m.attendees.map((a) => ({
      name: a.name,
      title: a.title,
      jurisdictionName: directory.nameOf(a.jurisdiction),
    })),
    status: m.status,
    agenda: [...m.agenda]
      .sort((a, b) => a.order - b.order)
      .map((a) => ({
        order: a.order,
        title: a.title,
        summary: a.summary,
        proposedByName: `${directory.nameOf(a.proposedBy)} ${a.proposedByName}`,
        status: a.status,
      })),
    resolutions: m.resolutions.map((r) => ({
      text: r.text,
      agendaTitle: m.agenda.find((a) => a.id === r.agendaItemId)?.title ?? null,
      decidedAt: r.decidedAt,
    })),
    // The report orders them (overdue first); see orderActionsForReport.
    actions: actions.map((a) => ({
      title: a.title,
      ownerName: directory.nameOf(a.owner),
      dueDate: a.dueDate,
      status: a.status,
      overdue: isOverdue(a, now),
      percent: percentOf(a),
      resolutionText: m.resolutions.find((r) => r.id === a.resolutionId)?.text ?? null,
      relatedRequestNumber: a.relatedRequestId ? (requestNumbers.get(a.relatedRequestId) ?? a.relatedRequestId) : null,
    })),
    minutes: m.minutes,
    generatedAt: now,
  };
}

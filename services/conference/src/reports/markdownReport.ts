import {
  ACTION_TABLE_HEADERS,
  buildReportModel,
  FIELD_LABELS,
  NONE_TEXT,
  OVERDUE_LABEL,
  SECTION_HEADINGS,
  type ActionRow,
  type MeetingReportModel,
  type ReportMeeting,
} from './reportModel';

/**
 * Escapes text for inline Markdown: every ASCII punctuation mark that Markdown or GFM gives a
 * meaning (emphasis, links, code, HTML, tables, strikethrough, entities) gets a backslash, so user
 * text renders as written and cannot inject HTML. `|` is escaped everywhere, so cells stay cells.
 */
export function escapeMarkdownInline(text: string): string {
  return text.replace(/[\\`*_[\]<>|~&#]/g, '\\$&');
}

/** As escapeMarkdownInline, and a line that would start a block (heading, list, quote, rule) doesn't. */
export function escapeMarkdownLine(line: string): string {
  const escaped = escapeMarkdownInline(line);
  // '#' and '>' are already escaped inline; list markers, setext underlines and ordered-list numbers are not.
  return escaped.replace(/^([-+=])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
}

/** The lines of one list item, kept as separate lines (Markdown hard breaks: two trailing spaces). */
function withHardBreaks(lines: readonly string[]): string[] {
  return lines.map((line, i) => (i < lines.length - 1 ? `${line}  ` : line));
}

function tableRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function taskCell(row: ActionRow): string {
  const task = escapeMarkdownInline(row.task);
  return row.taskNotes.length ? `${task}（${row.taskNotes.map(escapeMarkdownInline).join('；')}）` : task;
}

function statusCell(row: ActionRow): string {
  const status = escapeMarkdownInline(row.statusLabel);
  return row.overdue ? `**${OVERDUE_LABEL}**（${status}）` : status;
}

function renderActionTable(model: MeetingReportModel): string[] {
  if (model.actions.length === 0) return [NONE_TEXT];
  return [
    tableRow(ACTION_TABLE_HEADERS),
    tableRow(['---:', '---', '---', '---', '---:', '---']),
    ...model.actions.map((row) =>
      tableRow([
        String(row.number),
        taskCell(row),
        escapeMarkdownInline(row.owner),
        escapeMarkdownInline(row.due),
        escapeMarkdownInline(row.progress),
        statusCell(row),
      ]),
    ),
  ];
}

/** Renders the report model as GitHub-flavoured Markdown. */
export function renderMarkdown(model: MeetingReportModel): string {
  const out: string[] = [];
  const block = (...lines: string[]): void => {
    out.push(...lines, '');
  };
  const field = (label: string, value: string): void => block(`**${label}**：${value}`);

  block(`# ${escapeMarkdownInline(model.title)}`);
  if (model.statusNote) block(`> ${escapeMarkdownInline(model.statusNote)}`);
  field(FIELD_LABELS.time, escapeMarkdownInline(model.time));
  field(FIELD_LABELS.location, escapeMarkdownInline(model.location) || NONE_TEXT);
  field(FIELD_LABELS.host, escapeMarkdownInline(model.host));
  field(FIELD_LABELS.members, model.members.map(escapeMarkdownInline).join('、') || NONE_TEXT);
  if (model.attendees.length === 0) {
    field(FIELD_LABELS.attendees, NONE_TEXT);
  } else {
    block(
      `**${FIELD_LABELS.attendees}**：`,
      '',
      ...model.attendees.map(
        (g) => `- ${escapeMarkdownInline(g.jurisdictionName)}：${g.people.map(escapeMarkdownInline).join('、')}`,
      ),
    );
  }

  block(`## ${SECTION_HEADINGS.agenda}`);
  if (model.agenda.length === 0) {
    block(NONE_TEXT);
  } else {
    block(
      ...model.agenda.flatMap((a) => {
        const proposer = a.proposedByName ? `；提出单位：${escapeMarkdownInline(a.proposedByName)}` : '';
        return withHardBreaks([
          `${a.number}. ${escapeMarkdownInline(a.title)}（${escapeMarkdownInline(a.statusLabel)}${proposer}）`,
          ...a.summaryLines.map((line) => `   ${escapeMarkdownLine(line)}`),
        ]);
      }),
    );
  }

  block(`## ${SECTION_HEADINGS.resolutions}`);
  if (model.resolutions.length === 0) {
    block(NONE_TEXT);
  } else {
    block(
      ...model.resolutions.flatMap((r) => {
        const [first = '', ...rest] = r.textLines;
        const topic = r.agendaTitle ? `（议题：${escapeMarkdownInline(r.agendaTitle)}）` : '';
        return withHardBreaks([
          `${r.number}. ${escapeMarkdownInline(first)}${topic}`,
          ...rest.map((line) => `   ${escapeMarkdownLine(line)}`),
        ]);
      }),
    );
  }

  block(`## ${SECTION_HEADINGS.actions}`);
  block(...renderActionTable(model));

  if (model.minutes.length > 0) {
    block(`## ${SECTION_HEADINGS.minutes}`);
    for (const paragraph of model.minutes) block(escapeMarkdownLine(paragraph));
  }

  block('---');
  out.push(escapeMarkdownInline(model.footer));
  return out.join('\n') + '\n';
}

/** The 会议纪要 as Markdown (the `meetingReport` GraphQL field). */
export function meetingReportMarkdown(m: ReportMeeting): string {
  return renderMarkdown(buildReportModel(m));
}

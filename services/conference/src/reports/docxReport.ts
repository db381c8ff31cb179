import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IRunOptions,
} from 'docx';
import {
  ACTION_TABLE_HEADERS,
  buildReportModel,
  FIELD_LABELS,
  NONE_TEXT,
  OVERDUE_LABEL,
  SECTION_HEADINGS,
  type ActionRow,
  type MeetingReportModel,
  reportTitle,
  type ReportMeeting,
} from './reportModel';

/** The MIME type to serve the report with. */
export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

// Chinese official documents: 宋体 for the body, 黑体 for headings; Latin text in Times New Roman.
const LATIN_FONT = 'Times New Roman';
const BODY_FONT = { ascii: LATIN_FONT, hAnsi: LATIN_FONT, cs: LATIN_FONT, eastAsia: '宋体' } as const;
const HEADING_FONT = { ascii: LATIN_FONT, hAnsi: LATIN_FONT, cs: LATIN_FONT, eastAsia: '黑体' } as const;

// Sizes in half-points: 二号 22pt title, 三号 16pt headings, 小四 12pt body, 五号 10.5pt table and footer.
const TITLE_SIZE = 44;
const HEADING_SIZE = 32;
const BODY_SIZE = 24;
const SMALL_SIZE = 21;

// A4 portrait in twips, 2.54 cm margins: 11906 − 2 × 1440 = 9026 twips of text width.
const A4 = { width: 11906, height: 16838 } as const;
const MARGIN = 1440;
const TEXT_WIDTH = A4.width - 2 * MARGIN;
// 序号 | 任务 | 责任单位 | 完成时限 | 进度 | 状态
const COLUMN_WIDTHS = [700, 3226, 1400, 1600, 800, 1300] as const;

const OVERDUE_COLOR = 'C00000';
const HEADER_FILL = 'D9D9D9';

/**
 * A run of text. Every run names its fonts (eastAsia included) rather than relying on the style
 * defaults alone, so WPS and older Word versions also set the Chinese text in 宋体 / 黑体.
 */
function run(text: string, options: Omit<IRunOptions, 'text' | 'children' | 'break'> = {}): TextRun {
  return new TextRun({ text, font: BODY_FONT, ...options });
}

function paragraph(
  children: TextRun[],
  alignment: (typeof AlignmentType)[keyof typeof AlignmentType] = AlignmentType.BOTH,
): Paragraph {
  return new Paragraph({ children, alignment, spacing: { after: 60, line: 360 } });
}

function heading(text: string): Paragraph {
  return new Paragraph({
    heading: HeadingLevel.HEADING_2,
    children: [run(text, { font: HEADING_FONT })],
    spacing: { before: 240, after: 120 },
  });
}

/** 时间：2026年11月28日 14:30 — the label in 黑体, the value in the body font. */
function field(label: string, value: string): Paragraph {
  return paragraph([run(`${label}：`, { font: HEADING_FONT }), run(value)]);
}

function cellParagraphs(
  lines: readonly TextRun[][],
  alignment: (typeof AlignmentType)[keyof typeof AlignmentType],
): Paragraph[] {
  return lines.map((children) => new Paragraph({ children, alignment }));
}

function cell(
  width: number,
  lines: TextRun[][],
  alignment: (typeof AlignmentType)[keyof typeof AlignmentType] = AlignmentType.LEFT,
  shaded = false,
): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { top: 60, bottom: 60, left: 80, right: 80 },
    ...(shaded ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: HEADER_FILL } } : {}),
    children: cellParagraphs(lines, alignment),
  });
}

const small = (text: string, options: Omit<IRunOptions, 'text' | 'children' | 'break'> = {}): TextRun =>
  run(text, { size: SMALL_SIZE, ...options });

function actionRow(row: ActionRow): TableRow {
  const w = COLUMN_WIDTHS;
  const taskLines: TextRun[][] = [
    [small(row.task)],
    ...row.taskNotes.map((note) => [small(note, { color: '595959' })]),
  ];
  const statusLine = row.overdue
    ? [small(OVERDUE_LABEL, { bold: true, color: OVERDUE_COLOR }), small(`（${row.statusLabel}）`)]
    : [small(row.statusLabel)];
  return new TableRow({
    cantSplit: true,
    children: [
      cell(w[0], [[small(String(row.number))]], AlignmentType.CENTER),
      cell(w[1], taskLines),
      cell(w[2], [[small(row.owner)]], AlignmentType.CENTER),
      cell(w[3], [[small(row.due, row.overdue ? { color: OVERDUE_COLOR } : {})]], AlignmentType.CENTER),
      cell(w[4], [[small(row.progress)]], AlignmentType.CENTER),
      cell(w[5], [statusLine], AlignmentType.CENTER),
    ],
  });
}

function actionTable(model: MeetingReportModel): Table {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [...COLUMN_WIDTHS],
    layout: TableLayoutType.FIXED,
    borders: {
      top: border,
      bottom: border,
      left: border,
      right: border,
      insideHorizontal: border,
      insideVertical: border,
    },
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: ACTION_TABLE_HEADERS.map((h, i) =>
          cell(COLUMN_WIDTHS[i]!, [[small(h, { bold: true, font: HEADING_FONT })]], AlignmentType.CENTER, true),
        ),
      }),
      ...model.actions.map(actionRow),
    ],
  });
}

/** The body of the document: the same sections, in the same order, as the Markdown. */
function documentChildren(model: MeetingReportModel): (Paragraph | Table)[] {
  const children: (Paragraph | Table)[] = [];
  children.push(
    new Paragraph({
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
      spacing: { before: 240, after: 360 },
      children: [run(model.title, { bold: true })],
    }),
  );
  if (model.statusNote) {
    children.push(paragraph([run(model.statusNote, { color: OVERDUE_COLOR })], AlignmentType.CENTER));
  }

  children.push(
    field(FIELD_LABELS.time, model.time),
    field(FIELD_LABELS.location, model.location || NONE_TEXT),
    field(FIELD_LABELS.host, model.host),
    field(FIELD_LABELS.members, model.members.join('、') || NONE_TEXT),
  );
  if (model.attendees.length === 0) {
    children.push(field(FIELD_LABELS.attendees, NONE_TEXT));
  } else {
    children.push(paragraph([run(`${FIELD_LABELS.attendees}：`, { font: HEADING_FONT })]));
    for (const g of model.attendees) {
      children.push(
        new Paragraph({
          indent: { left: 480 },
          spacing: { after: 60, line: 360 },
          children: [run(`${g.jurisdictionName}：`), run(g.people.join('、'))],
        }),
      );
    }
  }

  children.push(heading(SECTION_HEADINGS.agenda));
  if (model.agenda.length === 0) children.push(paragraph([run(NONE_TEXT)]));
  for (const a of model.agenda) {
    const proposer = a.proposedByName ? `；提出单位：${a.proposedByName}` : '';
    children.push(
      paragraph([run(`${a.number}．`), run(a.title, { bold: true }), run(`（${a.statusLabel}${proposer}）`)]),
    );
    for (const line of a.summaryLines) {
      children.push(new Paragraph({ indent: { left: 480 }, spacing: { after: 60, line: 360 }, children: [run(line)] }));
    }
  }

  children.push(heading(SECTION_HEADINGS.resolutions));
  if (model.resolutions.length === 0) children.push(paragraph([run(NONE_TEXT)]));
  for (const r of model.resolutions) {
    const [first = '', ...rest] = r.textLines;
    const topic = r.agendaTitle ? [run(`（议题：${r.agendaTitle}）`, { color: '595959' })] : [];
    children.push(paragraph([run(`${r.number}．${first}`), ...topic]));
    for (const line of rest) {
      children.push(new Paragraph({ indent: { left: 480 }, spacing: { after: 60, line: 360 }, children: [run(line)] }));
    }
  }

  children.push(heading(SECTION_HEADINGS.actions));
  if (model.actions.length === 0) children.push(paragraph([run(NONE_TEXT)]));
  else children.push(actionTable(model));

  if (model.minutes.length > 0) {
    children.push(heading(SECTION_HEADINGS.minutes));
    for (const line of model.minutes) {
      children.push(
        new Paragraph({
          indent: { firstLine: 480 },
          alignment: AlignmentType.BOTH,
          spacing: { after: 60, line: 360 },
          children: [run(line)],
        }),
      );
    }
  }

  children.push(
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: { before: 480 },
      children: [small(model.footer, { color: '595959' })],
    }),
  );
  return children;
}

/** Renders the report model as a Word document (A4, 宋体 body, 黑体 headings). */
export async function renderDocx(model: MeetingReportModel): Promise<Buffer> {
  const doc = new Document({
    creator: 'AidNet',
    title: model.title,
    description: '区域应急联动联席会议纪要',
    styles: {
      default: {
        document: {
          run: { font: BODY_FONT, size: BODY_SIZE, language: { value: 'zh-CN', eastAsia: 'zh-CN' } },
        },
        title: {
          run: { font: BODY_FONT, size: TITLE_SIZE, bold: true, color: '000000' },
          paragraph: { alignment: AlignmentType.CENTER },
        },
        heading2: {
          run: { font: HEADING_FONT, size: HEADING_SIZE, bold: false, color: '000000' },
          paragraph: { spacing: { before: 240, after: 120 } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: A4.width, height: A4.height, orientation: PageOrientation.PORTRAIT },
            margin: { top: MARGIN, right: MARGIN, bottom: MARGIN, left: MARGIN },
          },
        },
        children: documentChildren(model),
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** The 会议纪要 as a Word document (.docx), for download over HTTP (see DOCX_CONTENT_TYPE). */
export async function meetingReportDocx(m: ReportMeeting): Promise<Buffer> {
  return renderDocx(buildReportModel(m));
}

/** A file name for the download: the report title, without characters file systems refuse. */
export function meetingReportDocxFileName(m: Pick<ReportMeeting, 'title'>): string {
  const base = reportTitle(m.title.replace(/[\\/:*?"<>|]/g, ''));
  return `${base.slice(0, 120)}.docx`;
}

/**
 * A Content-Disposition value for a file name with Chinese characters: an ASCII fallback and
 * the UTF-8 name (RFC 6266 / RFC 5987), which every current browser uses.
 */
export function attachmentContentDisposition(fileName: string): string {
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="meeting-report.docx"; filename*=UTF-8''${encoded}`;
}

import { unzipSync, strFromU8 } from 'fflate';
import {
  attachmentContentDisposition,
  formatChineseDate,
  formatChineseDateTime,
  meetingReportDocx,
  meetingReportDocxFileName,
  meetingReportMarkdown,
  orderActionsForReport,
  reportTitle,
  type ReportAction,
  type ReportMeeting,
} from './index';

/** An instant given as Beijing wall-clock time. */
const cst = (iso: string): Date => new Date(`${iso}+08:00`);

const WUJIN = { code: 'WJ', name: '武进区' };
const JINTAN = { code: 'JT', name: '金坛区' };
const ZHONGLOU = { code: 'ZL', name: '钟楼区' };
const TIANNING = { code: 'TN', name: '天宁区' };

const MEETING_TITLE = '2026年第四季度武进、金坛、钟楼、天宁区域应急联动联席会议';
const RESOLUTION_FLOOD = '建立四区防汛物资联储联调机制，汛前完成物资清单互认。';
const RESOLUTION_DRILL = '2027年一季度联合开展一次跨区危化品事故应急演练。';

/** The quarterly joint meeting of the scenario, concluded, reported on 2026-12-20. */
function quarterlyMeeting(): ReportMeeting {
  const actions: ReportAction[] = [
    {
      title: '编制四区防汛物资联储清单',
      ownerName: '武进区',
      dueDate: cst('2026-12-31T17:00:00'),
      status: 'IN_PROGRESS',
      overdue: false,
      percent: 40,
      resolutionText: RESOLUTION_FLOOD,
      relatedRequestNumber: null,
    },
    {
      title: '完成危化品演练方案初稿',
      ownerName: '钟楼区',
      dueDate: cst('2027-01-20T17:00:00'),
      status: 'OPEN',
      overdue: false,
      percent: 0,
      resolutionText: RESOLUTION_DRILL,
      relatedRequestNumber: null,
    },
    {
      title: '补充增援队伍通讯录并报秘书处',
      ownerName: '天宁区',
      dueDate: cst('2026-12-10T17:00:00'),
      status: 'DONE',
      overdue: false,
      percent: 100,
      resolutionText: null,
      relatedRequestNumber: null,
    },
    {
      title: '整改“11·15”增援调度响应迟缓问题',
      ownerName: '金坛区',
      dueDate: cst('2026-12-15T17:00:00'),
      status: 'IN_PROGRESS',
      overdue: true,
      percent: 60,
      resolutionText: RESOLUTION_FLOOD,
      relatedRequestNumber: 'JT-2026-0007',
    },
  ];
  return {
    title: MEETING_TITLE,
    scheduledAt: cst('2026-11-28T14:30:00'),
    location: '常州市应急指挥中心三楼会议室',
    host: WUJIN,
    hostPerson: '王建国',
    members: [WUJIN, JINTAN, ZHONGLOU, TIANNING],
    attendees: [
      { name: '王建国', title: '应急管理局局长', jurisdictionName: '武进区' },
      { name: '李明', title: '副局长', jurisdictionName: '金坛区' },
      { name: '张华', title: null, jurisdictionName: '钟楼区' },
      { name: '陈静', title: '应急管理局科长', jurisdictionName: '天宁区' },
      { name: '赵强', title: '秘书处', jurisdictionName: '武进区' },
    ],
    status: 'CONCLUDED',
    agenda: [
      {
        order: 2,
        title: '跨区危化品事故联合处置',
        summary: '钟楼区通报辖区危化品企业分布。',
        proposedByName: '钟楼区',
        status: 'ACCEPTED',
      },
      { order: 1, title: '防汛物资联储联调', summary: null, proposedByName: '武进区', status: 'ACCEPTED' },
      { order: 3, title: '应急队伍联合培训计划', summary: null, proposedByName: '金坛区', status: 'DEFERRED' },
      { order: 4, title: '增援调度平台使用情况', summary: null, proposedByName: '天宁区', status: 'PROPOSED' },
    ],
    resolutions: [
      { text: RESOLUTION_FLOOD, agendaTitle: '防汛物资联储联调', decidedAt: cst('2026-11-28T15:10:00') },
      { text: RESOLUTION_DRILL, agendaTitle: '跨区危化品事故联合处置', decidedAt: cst('2026-11-28T15:40:00') },
    ],
    actions,
    minutes: '会议听取了各区工作汇报。\n\n会议强调，各区要压实责任，按期完成任务。',
    generatedAt: cst('2026-12-20T09:05:00'),
  };
}

const OWNERS = ['武进区', '金坛区', '钟楼区', '天宁区'];
const OVERDUE_TASK = '整改“11·15”增援调度响应迟缓问题';
const OTHER_TASKS = ['编制四区防汛物资联储清单', '完成危化品演练方案初稿', '补充增援队伍通讯录并报秘书处'];

/** Splits a GFM table row into cells, honouring `\|` escapes. */
function cellsOf(row: string): string[] {
  expect(row.startsWith('| ')).toBe(true);
  expect(row.endsWith(' |')).toBe(true);
  return row
    .slice(2, -2)
    .split(/(?<!\\) \| /)
    .map((c) => c.trim());
}

function tableLines(markdown: string): string[] {
  return markdown.split('\n').filter((line) => line.startsWith('|'));
}

describe('Chinese dates in China Standard Time', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  it.each(['UTC', 'America/Los_Angeles', 'Asia/Shanghai', 'Pacific/Kiritimati'])(
    'is the same on a machine in %s',
    (tz) => {
      process.env.TZ = tz;
      expect(formatChineseDateTime(new Date('2026-11-28T06:30:00Z'))).toBe('2026年11月28日 14:30');
      // UTC midnight boundaries: 16:00Z is already the next day in Beijing, 15:59Z is not.
      expect(formatChineseDateTime(new Date('2026-11-28T16:00:00Z'))).toBe('2026年11月29日 00:00');
      expect(formatChineseDateTime(new Date('2026-11-28T15:59:00Z'))).toBe('2026年11月28日 23:59');
      expect(formatChineseDateTime(new Date('2026-11-29T00:00:00Z'))).toBe('2026年11月29日 08:00');
      expect(formatChineseDateTime(new Date('2026-12-31T16:05:00Z'))).toBe('2027年1月1日 00:05');
      expect(formatChineseDate(new Date('2026-12-31T16:00:00Z'))).toBe('2027年1月1日');
      expect(formatChineseDate(new Date('2026-12-31T15:59:59Z'))).toBe('2026年12月31日');
    },
  );

  it('refuses an invalid date instead of printing NaN', () => {
    expect(() => formatChineseDateTime(new Date('not a date'))).toThrow(RangeError);
  });
});

describe('orderActionsForReport', () => {
  it('puts overdue first, then open ones by due date, then done and cancelled', () => {
    const a = (id: string, status: string, due: string, overdue = false) => ({
      id,
      status,
      dueDate: cst(due),
      overdue,
    });
    const ordered = orderActionsForReport([
      a('done-early', 'DONE', '2026-12-01T00:00:00'),
      a('open-late', 'OPEN', '2027-01-10T00:00:00'),
      a('overdue-recent', 'IN_PROGRESS', '2026-12-15T00:00:00', true),
      a('cancelled', 'CANCELLED', '2026-11-30T00:00:00'),
      a('open-soon', 'IN_PROGRESS', '2026-12-31T00:00:00'),
      a('overdue-oldest', 'OPEN', '2026-12-05T00:00:00', true),
      a('done-but-flagged', 'DONE', '2026-12-02T00:00:00', true),
      // Not flagged overdue (e.g. the flag was computed with a grace period): after the overdue ones even though earlier.
      a('open-unflagged-earliest', 'OPEN', '2026-12-01T00:00:00'),
    ]);
    expect(ordered.map((x) => x.id)).toEqual([
      'overdue-oldest',
      'overdue-recent',
      'open-unflagged-earliest',
      'open-soon',
      'open-late',
      'cancelled',
      'done-early',
      'done-but-flagged',
    ]);
  });

  it('does not change its input and keeps ties in input order', () => {
    const input = [
      { n: 1, status: 'OPEN', dueDate: cst('2026-12-31T00:00:00'), overdue: false },
      { n: 2, status: 'OPEN', dueDate: cst('2026-12-31T00:00:00'), overdue: false },
      { n: 3, status: 'OPEN', dueDate: cst('2026-12-01T00:00:00'), overdue: true },
    ] as const;
    const copy = [...input];
    expect(orderActionsForReport(input).map((x) => x.n)).toEqual([3, 1, 2]);
    expect([...input]).toEqual(copy);
  });
});

describe('meetingReportMarkdown', () => {
  const md = meetingReportMarkdown(quarterlyMeeting());

  it('has the 会议纪要 title, once', () => {
    expect(md.startsWith(`# ${MEETING_TITLE}会议纪要\n`)).toBe(true);
    expect(reportTitle('某某联席会议会议纪要')).toBe('某某联席会议会议纪要');
    const titled = meetingReportMarkdown({ ...quarterlyMeeting(), title: `${MEETING_TITLE}会议纪要` });
    expect(titled.split('\n')[0]).toBe(`# ${MEETING_TITLE}会议纪要`);
  });

  it('has the header fields: time in CST, place, host, members, attendees', () => {
    expect(md).toContain('**时间**：2026年11月28日 14:30');
    expect(md).toContain('**地点**：常州市应急指挥中心三楼会议室');
    expect(md).toContain('**主持**：武进区（主持人：王建国）');
    expect(md).toContain('**参会单位**：武进区、金坛区、钟楼区、天宁区');
    expect(md).toContain('**参会人员**：');
    expect(md).toContain('- 武进区：王建国（应急管理局局长）、赵强（秘书处）');
    expect(md).toContain('- 钟楼区：张华\n');
    expect(md).not.toContain('> 注：'); // concluded: no status note
  });

  it('has every section, in the 会议纪要 order', () => {
    const sections = ['## 一、会议议程', '## 二、会议议定事项', '## 三、工作任务分解', '## 会议纪要正文', '---'];
    const positions = sections.map((s) => md.indexOf(`\n${s}\n`));
    positions.forEach((p) => expect(p).toBeGreaterThan(0));
    expect([...positions].sort((x, y) => x - y)).toEqual(positions);
    expect(md.trimEnd().split('\n').pop()).toBe(
      '本纪要由 AidNet 应急联动平台生成，生成时间：2026年12月20日 09:05（北京时间）',
    );
  });

  it('numbers the agenda by order, with the status in Chinese and the proposer', () => {
    expect(md).toContain('1. 防汛物资联储联调（已列入议程；提出单位：武进区）\n');
    expect(md).toContain(
      '2. 跨区危化品事故联合处置（已列入议程；提出单位：钟楼区）  \n   钟楼区通报辖区危化品企业分布。\n',
    );
    expect(md).toContain('3. 应急队伍联合培训计划（暂缓；提出单位：金坛区）\n');
    expect(md).toContain('4. 增援调度平台使用情况（已提出；提出单位：天宁区）\n');
  });

  it('numbers the resolutions', () => {
    expect(md).toContain(`1. ${RESOLUTION_FLOOD}（议题：防汛物资联储联调）\n`);
    expect(md).toContain(`2. ${RESOLUTION_DRILL}（议题：跨区危化品事故联合处置）\n`);
    expect(md).toContain('会议听取了各区工作汇报。\n\n会议强调');
  });

  it('has a well-formed action table, overdue first, every owner present', () => {
    const rows = tableLines(md);
    expect(rows).toHaveLength(2 + 4);
    expect(cellsOf(rows[0]!)).toEqual(['序号', '任务', '责任单位', '完成时限', '进度', '状态']);
    expect(cellsOf(rows[1]!).every((c) => /^:?-{3,}:?$/.test(c))).toBe(true);
    const body = rows.slice(2).map(cellsOf);
    body.forEach((cells) => expect(cells).toHaveLength(6));
    expect(body.map((c) => c[0])).toEqual(['1', '2', '3', '4']);
    expect(body.map((c) => c[2]).sort()).toEqual([...OWNERS].sort());

    expect(body[0]).toEqual([
      '1',
      `${OVERDUE_TASK}（落实议定事项第一项；关联增援请求：JT-2026-0007）`,
      '金坛区',
      '2026年12月15日',
      '60%',
      '**已逾期**（进行中）',
    ]);
    expect(body[1]).toEqual([
      '2',
      '编制四区防汛物资联储清单（落实议定事项第一项）',
      '武进区',
      '2026年12月31日',
      '40%',
      '进行中',
    ]);
    expect(body[2]).toEqual([
      '3',
      '完成危化品演练方案初稿（落实议定事项第二项）',
      '钟楼区',
      '2027年1月20日',
      '0%',
      '未开始',
    ]);
    expect(body[3]).toEqual(['4', '补充增援队伍通讯录并报秘书处', '天宁区', '2026年12月10日', '100%', '已完成']);
    expect(md.match(/已逾期/g)).toHaveLength(1);
  });

  it('escapes pipes and Markdown in user text, so the table stays six columns and no HTML gets through', () => {
    const m = quarterlyMeeting();
    m.actions = [{ ...m.actions[0]!, title: '核对 A|B 两区清单 <b>*急*</b>\n第二行', ownerName: '武进区|应急局' }];
    m.minutes = '# 不是标题\n- 不是列表\n1. 不是编号';
    const out = meetingReportMarkdown(m);
    const [header, , row] = tableLines(out);
    expect(cellsOf(header!)).toHaveLength(6);
    const cells = cellsOf(row!);
    expect(cells).toHaveLength(6);
    expect(cells[1]).toBe('核对 A\\|B 两区清单 \\<b\\>\\*急\\*\\</b\\> 第二行（落实议定事项第一项）');
    expect(cells[2]).toBe('武进区\\|应急局');
    expect(out).toContain('\n\\# 不是标题\n');
    expect(out).toContain('\n\\- 不是列表\n');
    expect(out).toContain('\n1\\. 不是编号\n');
  });

  it('says so when the meeting is not concluded, and copes with empty sections', () => {
    const out = meetingReportMarkdown({
      ...quarterlyMeeting(),
      status: 'CANCELLED',
      hostPerson: null,
      attendees: [],
      agenda: [],
      resolutions: [],
      actions: [],
      minutes: '  \n ',
    });
    expect(out).toContain('> 注：本次会议已取消。');
    expect(out).toContain('**主持**：武进区\n');
    expect(out).toContain('**参会人员**：（无）');
    expect(out).toContain('## 三、工作任务分解\n\n（无）\n');
    expect(out).not.toContain('会议纪要正文');
    expect(tableLines(out)).toHaveLength(0);
  });
});

describe('meetingReportDocx', () => {
  let zipBytes: Buffer;
  let files: Record<string, Uint8Array>;
  let documentXml: string;

  beforeAll(async () => {
    zipBytes = await meetingReportDocx(quarterlyMeeting());
    files = unzipSync(new Uint8Array(zipBytes));
    documentXml = strFromU8(files['word/document.xml']!);
  });

  it('is a valid zip with the parts of a Word document', () => {
    expect(Buffer.isBuffer(zipBytes)).toBe(true);
    expect(zipBytes.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining(['[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/styles.xml']),
    );
    expect(strFromU8(files['[Content_Types].xml']!)).toContain('wordprocessingml.document.main+xml');
  });

  it('has the Chinese title, centered and bold, and every action owner', () => {
    expect(documentXml).toContain(`${MEETING_TITLE}会议纪要`);
    const titleParagraph = documentXml.slice(
      documentXml.lastIndexOf('<w:p>', documentXml.indexOf(`${MEETING_TITLE}会议纪要`)),
      documentXml.indexOf(`${MEETING_TITLE}会议纪要`),
    );
    expect(titleParagraph).toContain('<w:jc w:val="center"/>');
    expect(titleParagraph).toContain('<w:b/>');
    for (const owner of OWNERS) expect(documentXml).toContain(owner);
    for (const heading of ['一、会议议程', '二、会议议定事项', '三、工作任务分解', '会议纪要正文']) {
      expect(documentXml).toContain(heading);
    }
    expect(documentXml).toContain('2026年11月28日 14:30');
  });

  it('has a real table for the actions, the overdue row first', () => {
    const table = documentXml.slice(documentXml.indexOf('<w:tbl>'), documentXml.indexOf('</w:tbl>'));
    expect(table.length).toBeGreaterThan(0);
    const rows = table.split('<w:tr>').slice(1);
    expect(rows).toHaveLength(5);
    expect(rows[0]).toContain('责任单位');
    expect(rows[1]).toContain(OVERDUE_TASK);
    expect(rows[1]).toContain('已逾期');
    expect(rows[1]).toContain('JT-2026-0007');
    const overdueAt = table.indexOf(OVERDUE_TASK);
    for (const task of OTHER_TASKS) expect(table.indexOf(task)).toBeGreaterThan(overdueAt);
    OWNERS.forEach((owner) => expect(table).toContain(owner));
  });

  it('is A4 with Chinese fonts (宋体 body, 黑体 headings)', () => {
    expect(documentXml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const styles = strFromU8(files['word/styles.xml']!);
    expect(styles).toContain('w:eastAsia="宋体"');
    expect(styles).toContain('w:eastAsia="黑体"');
    const runFontsOf = (text: string): string => {
      const at = documentXml.indexOf(`>${text}</w:t>`);
      const runXml = documentXml.slice(documentXml.lastIndexOf('<w:r>', at), at);
      return /w:eastAsia="([^"]+)"/.exec(runXml)?.[1] ?? '';
    };
    expect(runFontsOf(`${MEETING_TITLE}会议纪要`)).toBe('宋体');
    expect(runFontsOf('一、会议议程')).toBe('黑体');
    expect(runFontsOf(OVERDUE_TASK)).toBe('宋体');
  });

  it('drops control characters that would make document.xml unreadable', async () => {
    const m = quarterlyMeeting();
    m.minutes = 'bad\u0001char & <tag>';
    const xml = strFromU8(unzipSync(new Uint8Array(await meetingReportDocx(m)))['word/document.xml']!);
    expect(xml).toContain('badchar &amp; &lt;tag&gt;');
    expect(xml).not.toContain('\u0001');
  });
});

describe('download helpers', () => {
  it('names the file after the report and encodes it for Content-Disposition', () => {
    const name = meetingReportDocxFileName({ title: '2026年第四季度联席会议/草稿' });
    expect(name).toBe('2026年第四季度联席会议草稿会议纪要.docx');
    const header = attachmentContentDisposition(name);
    expect(header).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''[A-Za-z0-9%._~-]+$/);
    expect(decodeURIComponent(header.split("UTF-8''")[1]!)).toBe(name);
  });
});

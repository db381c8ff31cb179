import { startAidNetwork, type AidNetwork } from '../../testkit/mutualAid';
import { data } from '../../testkit/requests';
import {
  ACTIONS,
  ASSIGN,
  CONCLUDE,
  DECIDE,
  documentXml,
  download,
  MEETING,
  MY_OPEN,
  OPEN,
  PROGRESS,
  PROPOSE,
  quarterlyMeeting,
  REPORT,
  RESOLVE,
  SCHEDULE,
  COMPLETE,
} from '../../testkit/conference';

/**
 * Issue 5, points a and c: the secretariat runs the quarterly joint meeting of Wujin, Jintan,
 * Zhonglou and Tianning from agenda to actions; one action becomes overdue (the test moves the
 * service's clock) and comes first in the report, in actionItems(overdue: true) and in the .docx.
 */
jest.setTimeout(90_000);

const DAY = 86_400_000;
let offset = 0;
let net: AidNetwork;

beforeAll(async () => {
  net = await startAidNetwork([], { conference: { now: () => new Date(Date.now() + offset) } });
});

afterAll(async () => {
  await net?.stop();
});

test('schedule, agenda, resolutions, actions, progress, overdue, report and .docx', async () => {
  const meetingAt = new Date(Date.now() + DAY);
  const scheduled = data(
    await net.as('wujin', 'secretariat', SCHEDULE, { input: quarterlyMeeting(meetingAt) }),
  ).scheduleMeeting;
  expect(scheduled.status).toBe('SCHEDULED');
  expect(scheduled.members.map((m: { name: string }) => m.name)).toEqual(['武进区', '金坛区', '钟楼区', '天宁区']);
  const id: string = scheduled.id;
  expect(id).toMatch(/^wujin:JointMeeting:[0-9a-f]{24}$/);

  // Each member proposes an item; two are accepted and one deferred.
  const proposals = [
    ['jintan', '金坛—武进交界水域联合搜救机制'],
    ['zhonglou', '危化品运输车辆事故跨区处置流程'],
    ['tianning', '汛期物资互借与归还办法'],
  ] as const;
  let meeting = scheduled;
  for (const [j, title] of proposals) {
    meeting = data(
      await net.as(j, 'commander', PROPOSE, { id, input: { title, summary: `${title}（${j}提出）` } }),
    ).proposeAgendaItem;
  }
  expect(meeting.agenda.map((a: { status: string }) => a.status)).toEqual(['PROPOSED', 'PROPOSED', 'PROPOSED']);
  const [water, hazmat, loans] = meeting.agenda.map((a) => a.id) as [string, string, string];
  data(await net.as('wujin', 'secretariat', OPEN, { id }));
  data(await net.as('wujin', 'secretariat', DECIDE, { id, item: water, d: 'ACCEPT' }));
  data(await net.as('wujin', 'secretariat', DECIDE, { id, item: hazmat, d: 'ACCEPT' }));
  meeting = data(await net.as('wujin', 'secretariat', DECIDE, { id, item: loans, d: 'DEFER' })).decideAgendaItem;
  expect(meeting.agenda.map((a: { status: string }) => a.status)).toEqual(['ACCEPTED', 'ACCEPTED', 'DEFERRED']);
  expect(meeting.agenda[0]!.proposedBy.code).toBe('jintan');

  // Two resolutions, four actions with due dates.
  data(
    await net.as('wujin', 'secretariat', RESOLVE, {
      id,
      input: { text: '建立金坛—武进交界水域联合搜救值守机制，汛期实行双向值班。', agendaItemId: water },
    }),
  );
  meeting = data(
    await net.as('wujin', 'secretariat', RESOLVE, {
      id,
      input: { text: '统一危化品运输事故跨区处置流程，明确首接负责。', agendaItemId: hazmat },
    }),
  ).recordResolution;
  const [r1, r2] = meeting.resolutions.map((r: { id: string }) => r.id);
  const actions = [
    {
      title: '制定交界水域联合值守方案',
      owner: 'jintan',
      dueDate: new Date(Date.now() + 10 * DAY).toISOString(),
      resolutionId: r1,
    },
    {
      title: '组织交界水域联合搜救演练',
      owner: 'wujin',
      dueDate: new Date(Date.now() + 30 * DAY).toISOString(),
      resolutionId: r1,
    },
    {
      title: '修订危化品运输事故处置流程',
      owner: 'zhonglou',
      dueDate: new Date(Date.now() + 20 * DAY).toISOString(),
      resolutionId: r2,
    },
    {
      title: '梳理危化品运输车辆途经路线',
      owner: 'tianning',
      dueDate: new Date(Date.now() + 40 * DAY).toISOString(),
      resolutionId: r2,
    },
  ];
  const ids: string[] = [];
  for (const a of actions) {
    ids.push(data(await net.as('wujin', 'secretariat', ASSIGN, { id, input: a })).assignAction.id);
  }
  expect(ids[0]).toMatch(/^jintan:ActionItem:/);

  // Progress is reported by the owners.
  const p = data(
    await net.as('zhonglou', 'duty_officer', PROGRESS, {
      id: ids[2]!,
      input: { note: '已形成初稿，征求意见中', percent: 40 },
    }),
  ).reportProgress;
  expect(p).toMatchObject({
    status: 'IN_PROGRESS',
    percent: 40,
    progress: [{ note: '已形成初稿，征求意见中', percent: 40 }],
  });
  data(await net.as('tianning', 'commander', COMPLETE, { id: ids[3]!, note: '路线图已报送' }));
  const concluded = data(
    await net.as('wujin', 'secretariat', CONCLUDE, { id, minutes: '会议听取了各区汇报，议定两项事项，明确四项任务。' }),
  ).concludeMeeting;
  expect(concluded.status).toBe('CONCLUDED');

  // Nothing is overdue yet.
  expect(data(await net.as('wujin', 'secretariat', ACTIONS, { f: { overdue: true } })).actionItems).toEqual([]);

  // Fifteen days later Jintan's action (due in 10 days) is overdue.
  offset = 15 * DAY;
  const overdue = data(await net.as('wujin', 'secretariat', ACTIONS, { f: { overdue: true } })).actionItems;
  expect(overdue.map((a: { id: string }) => a.id)).toEqual([ids[0]]);
  const all = data(await net.as('wujin', 'secretariat', ACTIONS, { f: { meeting: id } })).actionItems;
  expect(all.map((a: { id: string }) => a.id)).toEqual([ids[0], ids[2], ids[1], ids[3]]); // overdue, then by due date, done last
  expect(all[0]!.overdue).toBe(true);
  expect(data(await net.as('wujin', 'secretariat', MEETING, { id })).meeting!.actions[0]!.id).toBe(ids[0]!);
  const jintanOpen = data(await net.as('jintan', 'duty_officer', MY_OPEN, {})).myOpenActions;
  expect(jintanOpen.map((a: { id: string; overdue: boolean }) => [a.id, a.overdue])).toEqual([[ids[0], true]]);
  expect(data(await net.as('tianning', 'commander', MY_OPEN, {})).myOpenActions).toEqual([]);

  // The Markdown report: overdue first.
  const md: string = data(await net.as('jintan', 'commander', REPORT, { id })).meetingReport;
  expect(md).toContain('会议纪要');
  expect(md).toContain('已逾期');
  const rows = md.split('\n').filter((l) => /^\|\s*\d+\s*\|/.test(l));
  expect(rows).toHaveLength(4);
  expect(rows[0]).toContain('制定交界水域联合值守方案');
  expect(rows[0]).toContain('金坛区');

  // The .docx through the gateway, with the same token rules.
  const res = await download(net, id);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('wordprocessingml');
  const xml = documentXml(new Uint8Array(await res.arrayBuffer()));
  expect(xml).toContain('2026年第四季度武进、金坛、钟楼、天宁区域应急联动联席会议会议纪要');
  for (const owner of ['金坛区', '武进区', '钟楼区', '天宁区']) expect(xml).toContain(owner);
  expect(xml.indexOf('制定交界水域联合值守方案')).toBeLessThan(xml.indexOf('修订危化品运输事故处置流程'));
  expect((await download(net, id, null)).status).toBe(401);
  expect(concluded.reportDocxUrl.endsWith(`/reports/meetings/${id}.docx`)).toBe(true);
});

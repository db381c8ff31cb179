import { signToken, type Role, type SigningKey } from '../../services/common/src/auth';

/**
 * Demo data of the joint conference, written through the gateway as the people would: Wujin's
 * secretariat schedules last quarter's joint meeting of the four districts, members propose items,
 * resolutions and four actions follow (one already overdue), and the meeting is concluded.
 * Idempotent: nothing is written when a meeting of that title exists.
 */
const DAY = 86_400_000;
export const DEMO_MEETING_TITLE = '武进、金坛、钟楼、天宁区域应急联动联席会议（季度例会）';

export async function seedConference(gatewayUrl: string, key: SigningKey, now = new Date()): Promise<string> {
  const token = (jurisdiction: string, role: Role) =>
    signToken({ sub: `${role}@${jurisdiction}`, name: `${jurisdiction}-${role}`, jurisdiction, roles: [role] }, key, {
      audience: 'aidnet',
      issuer: 'aidnet',
      expiresIn: '10m',
    });
  const call = async (jurisdiction: string, role: Role, query: string, variables: Record<string, unknown> = {}) => {
    const res = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token(jurisdiction, role)}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: Record<string, any>; errors?: { message: string }[] };
    if (body.errors?.length) throw new Error(`conference demo data: ${body.errors[0]!.message}`);
    return body.data!;
  };
  const existing = await call('wujin', 'secretariat', 'query { meetings(filter: { member: "wujin" }) { title } }');
  if (existing.meetings.some((m: { title: string }) => m.title === DEMO_MEETING_TITLE)) {
    return 'Conference: demo meeting already there';
  }

  const scheduledAt = new Date(now.getTime() - 20 * DAY);
  const m = (
    await call('wujin', 'secretariat', 'mutation($input: MeetingInput!) { scheduleMeeting(input: $input) { id } }', {
      input: {
        title: DEMO_MEETING_TITLE,
        scheduledAt: scheduledAt.toISOString(),
        location: '武进区应急管理局三楼会议室',
        host: 'wujin',
        chair: '武进区应急管理局局长',
        members: ['wujin', 'jintan', 'zhonglou', 'tianning'],
        attendees: [
          { name: '张伟', title: '局长', jurisdiction: 'wujin' },
          { name: '李娜', title: '副局长', jurisdiction: 'jintan' },
          { name: '王强', title: '科长', jurisdiction: 'zhonglou' },
          { name: '赵敏', title: '科长', jurisdiction: 'tianning' },
        ],
      },
    })
  ).scheduleMeeting;
  const propose = async (j: string, title: string) =>
    (
      await call(
        j,
        'commander',
        'mutation($id: ID!, $input: AgendaItemInput!) { proposeAgendaItem(meetingId: $id, input: $input) { agenda { id } } }',
        { id: m.id, input: { title } },
      )
    ).proposeAgendaItem.agenda.at(-1).id as string;
  const water = await propose('jintan', '金坛—武进交界水域联合搜救机制');
  const hazmat = await propose('zhonglou', '危化品运输车辆事故跨区处置流程');
  const loans = await propose('tianning', '汛期物资互借与归还办法');
  for (const [item, d] of [
    [water, 'ACCEPT'],
    [hazmat, 'ACCEPT'],
    [loans, 'DEFER'],
  ] as const) {
    await call(
      'wujin',
      'secretariat',
      'mutation($id: ID!, $item: ID!, $d: AgendaDecision!) { decideAgendaItem(meetingId: $id, itemId: $item, decision: $d) { id } }',
      { id: m.id, item, d },
    );
  }
  const resolve = async (text: string, agendaItemId: string) =>
    (
      await call(
        'wujin',
        'secretariat',
        'mutation($id: ID!, $input: ResolutionInput!) { recordResolution(meetingId: $id, input: $input) { resolutions { id } } }',
        { id: m.id, input: { text, agendaItemId } },
      )
    ).recordResolution.resolutions.at(-1).id as string;
  const r1 = await resolve('建立金坛—武进交界水域联合搜救值守机制，汛期实行双向值班。', water);
  const r2 = await resolve('统一危化品运输事故跨区处置流程，明确首接负责。', hazmat);
  const actions = [
    { title: '制定交界水域联合值守方案', owner: 'jintan', due: -3, resolutionId: r1 },
    { title: '组织交界水域联合搜救演练', owner: 'wujin', due: 25, resolutionId: r1 },
    { title: '修订危化品运输事故处置流程', owner: 'zhonglou', due: 10, resolutionId: r2 },
    { title: '梳理危化品运输车辆途经路线', owner: 'tianning', due: 40, resolutionId: r2 },
  ];
  const ids: string[] = [];
  for (const a of actions) {
    const input = {
      title: a.title,
      owner: a.owner,
      dueDate: new Date(now.getTime() + a.due * DAY).toISOString(),
      resolutionId: a.resolutionId,
    };
    ids.push(
      (
        await call(
          'wujin',
          'secretariat',
          'mutation($id: ID!, $input: ActionInput!) { assignAction(meetingId: $id, input: $input) { id } }',
          { id: m.id, input },
        )
      ).assignAction.id,
    );
  }
  await call(
    'zhonglou',
    'duty_officer',
    'mutation($id: ID!, $input: ProgressInput!) { reportProgress(actionId: $id, input: $input) { id } }',
    { id: ids[2], input: { note: '已形成初稿，征求意见中', percent: 40 } },
  );
  await call(
    'wujin',
    'secretariat',
    'mutation($id: ID!, $minutes: String!) { concludeMeeting(id: $id, minutes: $minutes) { id } }',
    { id: m.id, minutes: '会议听取了各区汇报，议定两项事项，明确四项任务，请各责任单位按时报告进展。' },
  );
  return `Conference: demo joint meeting with 4 actions (${m.id})`;
}

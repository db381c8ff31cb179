import { data, teamStatus } from '../testkit/requests';
import { buildTeam, seedTeams } from '../testkit/teamSeeder';
import { startConsoleNetwork, type ConsoleNetwork } from './consoleKit';

/**
 * Issue 6, a: a Wujin commander finds a hazmat team in Tianning and asks for it; Tianning's duty
 * officer (a second browser) acknowledges and offers it; the commander accepts, reports the team
 * en route and on scene, releases it; Tianning reports it back at base. Real network, real Chromium.
 */
jest.setTimeout(60_000);

let c: ConsoleNetwork;
let team: string;

beforeAll(async () => {
  c = await startConsoleNetwork(['wujin', 'tianning', 'zhonglou']);
  [team] = (await seedTeams(c.net.nodes.get('tianning')!, [
    buildTeam({
      name: '天宁区危化品应急救援队',
      type: 'hazmat',
      tier: 1,
      base: { lat: 31.78, lng: 119.98 },
      readinessMinutes: 10,
    }),
  ])) as [string];
  await seedTeams(c.net.nodes.get('zhonglou')!, [
    buildTeam({ name: '钟楼区危化品应急救援队', type: 'hazmat', tier: 2, base: { lat: 31.78, lng: 119.93 } }),
  ]);
});

afterAll(async () => {
  await c?.stop();
});

test('search, request, respond from a second browser, accept, statuses, release', async () => {
  const wujin = await c.signIn('wujin', 'commander');
  // Search: hazmat teams nearest the incident in Wujin's high-tech zone.
  await wujin.goto(`${c.origin}/#/search`);
  await wujin.locator('input[name=types][value=hazmat]').check();
  await wujin.locator('input[name=lat]').fill('31.69');
  await wujin.locator('input[name=lng]').fill('119.96');
  await wujin.locator('#search-button').click();
  const row = wujin.locator('#team-results tbody tr', { hasText: '天宁区危化品应急救援队' });
  await row.waitFor();
  expect(await wujin.locator('#team-results tbody tr').first().textContent()).toContain('分钟');
  await row.getByRole('link', { name: '请求增援' }).click();

  // The request form is prefilled from the pick: the need line, the target and the point.
  await wujin.locator('#new-request').waitFor();
  expect(await wujin.locator('select[name=needCode]').inputValue()).toBe('hazmat');
  expect(await wujin.locator('input[name=target][value=tianning]').isChecked()).toBe(true);
  await wujin.locator('input[name=incidentKind]').fill('危化品泄漏');
  await wujin.locator('input[name=incidentTitle]').fill('高新区储罐泄漏');
  await wujin.locator('#send-request').click();
  await wujin.locator('#request-detail').waitFor();
  const heading = await wujin.locator('#request-detail h2').first().textContent();
  const number = /WJ-\d{4}-\d{4}/.exec(heading ?? '')?.[0];
  expect(number).toBeTruthy();

  // Tianning's duty officer, in another browser context: told, acknowledges, offers the team.
  const tianning = await c.signIn('tianning', 'duty_officer');
  await tianning.locator('#unread:not([hidden])').waitFor();
  await tianning.goto(`${c.origin}/#/notifications`);
  const note = tianning.locator('li.note.unread', { hasText: number! });
  await note.waitFor();
  await note.locator('button.mark-read').click();
  await tianning.locator(`li.note.read`, { hasText: number! }).waitFor();
  await tianning.goto(`${c.origin}/#/requests?dir=INCOMING`);
  await tianning.locator('#request-list a.req-link', { hasText: number! }).click();
  await tianning.locator('#ack').click();
  await tianning.locator('#request-detail dd', { hasText: '天宁区（' }).waitFor();
  await tianning.locator('#respond-form input[name=offer]').first().check();
  await tianning.locator('#respond-submit').click();
  await tianning.locator('.response[data-responder=tianning]').waitFor();
  expect(await teamStatus(c.net, team)).toBe('RESERVED');

  // The commander accepts: the team is deployed and the assignment dispatched.
  await wujin.reload();
  await wujin.locator(`button.accept[data-resource="${team}"]`).click();
  const status = wujin.locator('#assignments .assignment-status');
  await status.filter({ hasText: '已派出' }).waitFor();
  expect(await teamStatus(c.net, team)).toBe('DEPLOYED');
  await wujin.locator('button.report[data-status=EN_ROUTE]').click();
  await status.filter({ hasText: '途中' }).waitFor();
  await wujin.locator('button.report[data-status=ON_SCENE]').click();
  await status.filter({ hasText: '已到达现场' }).waitFor();
  await wujin.locator('button.release').click();
  await status.filter({ hasText: '已解除任务' }).waitFor();
  expect(await teamStatus(c.net, team)).toBe('AVAILABLE');

  // Tianning reports its team back at base; both sides see the whole timeline.
  await tianning.reload();
  await tianning.locator('button.report[data-status=RETURNED]').click();
  await tianning.locator('#assignments .assignment-status', { hasText: '已归建' }).waitFor();
  await wujin.reload();
  for (const type of [
    'SUBMITTED',
    'ACKNOWLEDGED',
    'RESPONDED_OFFER',
    'ACCEPTED',
    'ASSIGNMENT_EN_ROUTE',
    'ASSIGNMENT_ON_SCENE',
    'ASSIGNMENT_RELEASED',
    'ASSIGNMENT_RETURNED',
  ]) {
    await wujin.locator(`#timeline li[data-type=${type}]`).first().waitFor();
  }
  await wujin.locator('#close-request').click();
  await wujin.locator('#request-detail[data-status=CLOSED]').waitFor();
  const final = data(
    await c.net.as(
      'wujin',
      'observer',
      '{ reinforcementRequests(filter: { direction: OUTGOING }) { edges { node { number status } } } }',
      {},
    ),
  );
  expect(final.reinforcementRequests.edges[0].node).toEqual({ number, status: 'CLOSED' });
  expect(c.externalRequests).toEqual([]);
});

test('an exercise carries the 【演练】 watermark, and a forbidden action says what to do next', async () => {
  const wujin = await c.signIn('wujin', 'commander');
  await wujin.goto(`${c.origin}/#/requests/new?kind=TEAM&need=hazmat&target=zhonglou&lat=31.69&lng=119.96`);
  await wujin.locator('input[name=incidentKind]').fill('危化品泄漏');
  await wujin.locator('input[name=incidentTitle]').fill('年度危化品事故联合演练');
  await wujin.locator('#exercise').check();
  await wujin.locator('#send-request').click();
  await wujin.locator('#request-detail.exercise .watermark').waitFor();
  await wujin.locator('#request-detail h2', { hasText: '【演练】年度危化品事故联合演练' }).first().waitFor();
  expect(await wujin.locator('#request-detail h2').first().textContent()).not.toContain('【演练】【演练】');

  // A Zhonglou observer may read it but not answer: the console has no answer form for them.
  const observer = await c.signIn('zhonglou', 'observer');
  await observer.goto(`${c.origin}/#/requests?dir=INCOMING`);
  await observer.locator('#request-list a.req-link').first().click();
  await observer.locator('#request-detail').waitFor();
  expect(await observer.locator('#respond-form').count()).toBe(0);
  expect(await observer.locator('#ack').count()).toBe(0);

  // Bad input is refused with the field messages and a Chinese instruction.
  await wujin.goto(`${c.origin}/#/requests/new?kind=TEAM&need=hazmat&lat=31.69&lng=119.96`);
  await wujin.locator('input[name=incidentKind]').fill('危化品泄漏');
  await wujin.locator('input[name=incidentTitle]').fill('没有选择被请求方');
  await wujin.locator('#send-request').click();
  await wujin.locator('.msg-error[data-code=BAD_USER_INPUT]', { hasText: '请按下列提示修改后重新提交' }).waitFor();
  expect(c.externalRequests).toEqual([]);
});

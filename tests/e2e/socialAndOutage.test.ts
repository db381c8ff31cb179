import { get } from 'node:http';
import { readFileSync } from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';
import { DEMO_MEETING_TITLE, seedConference } from '../../ops/seed/seedConference';
import { signingKey } from '../testkit/tokens';
import { creditCodeCheckChar } from '../../services/registry/src/domain/creditCode';
import { buildTeam, seedTeams } from '../testkit/teamSeeder';
import { startConsoleNetwork, type ConsoleNetwork } from './consoleKit';

/**
 * Issue 6, a: the social-group journey (a group registers, Wujin's registrar verifies it, Jintan
 * finds it in search) and the outage journey (Zhonglou's node stops; the console says who answered
 * and names Zhonglou as missing).
 */
jest.setTimeout(60_000);

let c: ConsoleNetwork;

beforeAll(async () => {
  c = await startConsoleNetwork(['wujin', 'jintan', 'zhonglou']);
  await seedTeams(c.net.nodes.get('zhonglou')!, [
    buildTeam({ name: '钟楼区防汛抢险队', type: 'flood', base: { lat: 31.78, lng: 119.93 } }),
  ]);
  await seedTeams(c.net.nodes.get('jintan')!, [
    buildTeam({ name: '金坛区防汛抢险队', type: 'flood', base: { lat: 31.73, lng: 119.59 } }),
  ]);
});

afterAll(async () => {
  await c?.stop();
});

function creditCode(seed: string): string {
  const first17 = `52320412${seed.padStart(9, '0')}`.slice(0, 17);
  return first17 + creditCodeCheckChar(first17)!;
}

test('a social group registers, the registrar verifies it, and it appears in search', async () => {
  const name = '武进蓝天救援队';
  const group = await c.signIn('wujin', 'social_org');
  await group.locator('#register-form').waitFor();
  await group.locator('input[name=name]').fill(name);
  await group.locator('input[name=creditCode]').fill(creditCode('MA1X2Y3U4'));
  await group.locator('input[name=members]').fill('36');
  await group.locator('input[name=contactName]').fill('周队长');
  await group.locator('input[name=contactPhone]').fill('13912345678');
  await group.locator('input[name=cap][value=water_sar]').check();
  await group.locator('select[name="grade:water_sar"]').selectOption('GRADE_2');
  await group.locator('textarea[name=equipment]').fill('冲锋舟 2\n救生衣 40');
  await group.locator('#register-submit').click();
  await group.locator('#register-result .msg').waitFor();
  expect(await group.locator('#register-result').textContent()).toContain(name);
  await group.locator('#my-groups-table tr', { hasText: '待审核' }).waitFor();

  // Before review, Jintan does not find it.
  const jintan = await c.signIn('jintan', 'duty_officer');
  await jintan.goto(`${c.origin}/#/search?what=social&types=water_sar&go=1`);
  await jintan.locator('#results .card').waitFor();
  expect(await jintan.locator('#social-results tr', { hasText: name }).count()).toBe(0);

  // Wujin's registrar verifies it with an assessed grade.
  const registrar = await c.signIn('wujin', 'registrar');
  await registrar.goto(`${c.origin}/#/social/review`);
  const card = registrar.locator(`.review-card[data-name="${name}"]`);
  await card.waitFor();
  await card.locator('select[name="grade:water_sar"]').selectOption('GRADE_1');
  await card.locator('input[name=note]').fill('装备与人员核查属实');
  await card.locator('button.verify').click();
  await registrar.locator('#review-result .msg-ok', { hasText: name }).waitFor();

  // Now Jintan finds it, graded 一级, and the group sees its own status.
  await jintan.goto(`${c.origin}/#/search?what=social&types=water_sar&lat=31.73&lng=119.59&go=1`);
  await jintan.locator('#social-results tr', { hasText: name }).filter({ hasText: '一级' }).waitFor();
  await group.reload();
  await group.locator('#my-groups-table tr', { hasText: '已审核通过' }).waitFor();
  expect(c.externalRequests).toEqual([]);
});

test('the secretariat sees overdue actions first and downloads the minutes; a district reports progress', async () => {
  await seedConference(c.net.gateway.url, signingKey());
  const secretariat = await c.signIn('wujin', 'secretariat');
  await secretariat.goto(`${c.origin}/#/actions`);
  const first = secretariat.locator('#action-table tbody tr').first();
  await first.waitFor();
  expect(await first.getAttribute('class')).toContain('overdue-row');
  expect(await first.textContent()).toContain('已逾期');
  await secretariat.goto(`${c.origin}/#/meetings`);
  await secretariat.locator('a.meeting-link', { hasText: DEMO_MEETING_TITLE }).click();
  const [download] = await Promise.all([
    secretariat.waitForEvent('download'),
    secretariat.locator('#download-docx').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/会议纪要\.docx$/);
  const xml = strFromU8(unzipSync(readFileSync(await download.path()))['word/document.xml']!);
  expect(xml).toContain('制定交界水域联合值守方案');

  // Jintan's commander reports progress on its overdue action.
  const jintan = await c.signIn('jintan', 'commander');
  await jintan.goto(`${c.origin}/#/my-actions`);
  const form = jintan.locator('form.progress-form').first();
  await form.locator('input[name=note]').fill('方案已起草，报局务会审议');
  await form.locator('input[name=percent]').fill('60');
  await form.locator('button[type=submit]').click();
  await jintan.locator('ul.progress-log li', { hasText: '方案已起草' }).waitFor();
  expect(c.externalRequests).toEqual([]);
});

test('with a node stopped, the console names the missing jurisdiction and who answered', async () => {
  const page = await c.signIn('jintan', 'duty_officer');
  await page.goto(`${c.origin}/#/search?types=flood&go=1`);
  await page.locator('#team-results tr', { hasText: '钟楼区防汛抢险队' }).waitFor();
  expect(await page.locator('#coverage').isHidden()).toBe(true);

  await c.net.nodes.get('zhonglou')!.stop();
  await page.goto(`${c.origin}/#/search?types=flood&lat=31.73&lng=119.59&go=1`);
  const notice = page.locator('#coverage [data-missing=zhonglou]');
  await notice.waitFor();
  const text = (await page.locator('#coverage').textContent()) ?? '';
  expect(text).toContain('部分辖区未应答：钟楼区');
  expect(text).toContain('武进区');
  expect(text).toContain('金坛区');
  // The rows of the jurisdictions that answered are still there.
  await page.locator('#team-results tr', { hasText: '金坛区防汛抢险队' }).waitFor();
  expect(await page.locator('#team-results tr', { hasText: '钟楼区防汛抢险队' }).count()).toBe(0);

  // The map says the same.
  await page.goto(`${c.origin}/#/board?type=flood`);
  await page.locator('#coverage [data-missing=zhonglou]').waitFor();
  expect(c.externalRequests).toEqual([]);
});

test('the console bundle is revalidated with a 304; GraphQL answers carry no ETag', async () => {
  const first = await fetch(`${c.origin}/console/app.js`);
  const etag = first.headers.get('etag');
  expect(first.status).toBe(200);
  expect(etag).toMatch(/^"[\w-]+"$/);
  expect((await first.text()).length).toBeGreaterThan(1000);

  // node:http, not fetch: fetch adds `cache-control: no-cache` to a conditional request, as a
  // browser's reload does, and that asks for the full answer.
  const again = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    get(`${c.origin}/console/app.js`, { headers: { 'if-none-match': etag! } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
  expect(again).toEqual({ status: 304, body: '' });

  const answer = await fetch(c.net.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  expect(answer.headers.get('etag')).toBeNull();
});

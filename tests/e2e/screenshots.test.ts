import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { seedConference } from '../../ops/seed/seedConference';
import { seedNetwork } from '../../ops/seed/seedNetwork';
import { REPO_ROOT } from '../../services/common/src/paths';
import { ACCEPT, ACK, data, INCIDENT, inMs, REPORT, RESPOND, SUBMIT } from '../testkit/requests';
import { buildTeam, seedTeams } from '../testkit/teamSeeder';
import type { ReinforcementRequestInput } from '../testkit/__generated__/gateway-operations';
import { graphql, type TypedOperation } from '../testkit/graphql';
import { signingKey, tokenFor } from '../testkit/tokens';
import { startConsoleNetwork, type ConsoleNetwork } from './consoleKit';

/**
 * `npm run screenshots`: the console's main pages against a real network with the demo data
 * (npm start's seeders), written to docs/screenshots/*.png. Skipped unless SCREENSHOTS=1.
 */
const OUT = path.join(REPO_ROOT, 'docs/screenshots');
const maybe = process.env.SCREENSHOTS === '1' ? test : test.skip;
jest.setTimeout(240_000);

let c: ConsoleNetwork;

afterAll(async () => {
  await c?.stop();
});

/** People with names, so that the timeline reads as it would on duty. */
const PEOPLE: Record<string, string> = { wujin: '张伟', tianning: '赵敏', zhonglou: '王强', jintan: '李娜' };
async function as<T, V>(
  jurisdiction: string,
  role: 'commander' | 'duty_officer',
  document: TypedOperation<T, V>,
  variables: V,
) {
  return graphql(
    c.net.gateway.url,
    document,
    variables,
    tokenFor({
      jurisdiction,
      roles: [role],
      name: `${PEOPLE[jurisdiction] ?? ''}（${role === 'commander' ? '指挥员' : '值班员'}）`,
    }),
  );
}

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage });
}

maybe('screenshots of the main pages', async () => {
  mkdirSync(OUT, { recursive: true });
  c = await startConsoleNetwork([
    'wujin',
    'jintan',
    'zhonglou',
    'tianning',
    'wujin.hutang',
    'wujin.hitech',
    'wujin.niutang',
    'wujin.luoyang',
    'wujin.lijia',
    'wujin.xihu',
  ]);
  await seedNetwork({ entries: c.net.directory.entries, signingKey: signingKey() });
  await seedConference(c.net.gateway.url, signingKey());
  const [tianningHazmat] = (await seedTeams(c.net.nodes.get('tianning')!, [
    buildTeam({
      name: '天宁区危化品应急救援一队',
      type: 'hazmat',
      tier: 1,
      base: { lat: 31.78, lng: 119.98 },
      readinessMinutes: 10,
      contact: { name: '陈队长', role: '队长', phone: '13905190001' },
    }),
  ])) as [string];
  const [zhonglouHazmat] = (await seedTeams(c.net.nodes.get('zhonglou')!, [
    buildTeam({
      name: '钟楼区危化品应急救援队',
      type: 'hazmat',
      tier: 2,
      base: { lat: 31.78, lng: 119.93 },
      contact: { name: '吴队长', role: '队长', phone: '13905190002' },
    }),
  ])) as [string];

  // A request in flight: Tianning offered and is en route, Zhonglou offered provisionally.
  const input = {
    requester: 'wujin',
    incident: { ...INCIDENT, address: '武进国家高新区龙江路' },
    needs: [
      { teamType: 'hazmat', quantity: 2 },
      { teamType: 'medical', quantity: 1 },
    ],
    targets: ['tianning', 'zhonglou'],
    respondBy: inMs(15 * 60_000),
  };
  const req = data(await as('wujin', 'commander', SUBMIT, { input, key: 'screenshots-1' })).submitReinforcementRequest;
  data(await as('tianning', 'duty_officer', ACK, { id: req.id }));
  data(
    await as('tianning', 'commander', RESPOND, {
      id: req.id,
      input: { kind: 'OFFER', offers: [{ needId: req.needs[0]!.id, resourceId: tianningHazmat }] },
    }),
  );
  data(
    await as('zhonglou', 'commander', RESPOND, {
      id: req.id,
      input: { kind: 'PROVISIONAL', offers: [{ needId: req.needs[0]!.id, resourceId: zhonglouHazmat }] },
    }),
  );
  const accepted = data(await as('wujin', 'commander', ACCEPT, { id: req.id, ids: [tianningHazmat] })).acceptOffer;
  data(
    await as('tianning', 'duty_officer', REPORT, {
      a: accepted.assignments[0]!.id,
      s: 'EN_ROUTE',
      note: '已出发，预计 25 分钟到达',
    }),
  );
  const drill: ReinforcementRequestInput = {
    requester: 'wujin',
    incident: {
      kind: '防汛',
      title: '太湖湾汛期联合抢险演练',
      severity: 'LARGE',
      location: { lat: 31.45, lng: 120.02 },
      exercise: true,
    },
    needs: [{ teamType: 'flood', quantity: 2 }],
    targets: ['jintan', 'tianning'],
    respondBy: inMs(30 * 60_000),
  };
  const ex = data(
    await as('wujin', 'commander', SUBMIT, { input: drill, key: 'screenshots-2' }),
  ).submitReinforcementRequest;

  const signin = await c.browser.newContext({ viewport: { width: 1280, height: 860 } });
  const sp = await signin.newPage();
  await sp.goto(`${c.origin}/#/signin`);
  await sp.locator('button.demo').first().waitFor();
  await shot(sp, '01-signin');
  await signin.close();

  const wujin = await c.signIn('wujin', 'commander');
  await wujin.goto(`${c.origin}/#/board?lat=31.69&lng=119.96`);
  await wujin.locator('#nearest').waitFor();
  await shot(wujin, '02-board-map');
  await wujin.goto(`${c.origin}/#/search?types=hazmat,flood&lat=31.69&lng=119.96&go=1`);
  await wujin.locator('#team-results').waitFor();
  await shot(wujin, '03-team-search');
  await wujin.goto(`${c.origin}/#/request/${encodeURIComponent(req.id)}`);
  await wujin.locator('#timeline').waitFor();
  await shot(wujin, '04-request-timeline', true);
  await wujin.goto(`${c.origin}/#/requests?dir=OUTGOING`);
  await wujin.locator('#request-list').waitFor();
  await shot(wujin, '05-request-board');
  await wujin.goto(`${c.origin}/#/request/${encodeURIComponent(ex.id)}`);
  await wujin.locator('#request-detail.exercise').waitFor();
  await shot(wujin, '06-exercise-watermark');
  await wujin.goto(`${c.origin}/#/requests/new?kind=TEAM&need=hazmat&target=tianning&lat=31.69&lng=119.96`);
  await wujin.locator('#new-request').waitFor();
  await shot(wujin, '07-new-request', true);

  const tianning = await c.signIn('tianning', 'duty_officer');
  await tianning.goto(`${c.origin}/#/notifications`);
  await tianning.locator('#notifications').waitFor();
  await shot(tianning, '08-notifications');

  const group = await c.signIn('wujin', 'social_org');
  await group.locator('#register-form').waitFor();
  await group.locator('input[name=name]').fill('武进蓝天救援队');
  await group.locator('input[name=members]').fill('36');
  await group.locator('input[name=cap][value=water_sar]').check();
  await group.locator('select[name="grade:water_sar"]').selectOption('GRADE_2');
  await shot(group, '09-social-registration');
  const registrar = await c.signIn('wujin', 'registrar');
  await registrar.goto(`${c.origin}/#/social/review`);
  await registrar.locator('#review-queue').waitFor();
  await shot(registrar, '10-social-review');

  const secretariat = await c.signIn('wujin', 'secretariat');
  await secretariat.goto(`${c.origin}/#/meetings`);
  await secretariat.locator('#meeting-list').waitFor();
  await shot(secretariat, '11-meetings');
  await secretariat.locator('a.meeting-link').first().click();
  await secretariat.locator('#download-docx').waitFor();
  await shot(secretariat, '12-meeting-detail', true);
  await secretariat.goto(`${c.origin}/#/actions`);
  await secretariat.locator('#action-table').waitFor();
  await shot(secretariat, '13-action-tracker');

  const english = await c.signIn('jintan', 'duty_officer', { lang: 'en' });
  await english.goto(`${c.origin}/#/board?lat=31.73&lng=119.59&type=flood`);
  await english.locator('#nearest').waitFor();
  await shot(english, '14-board-en');

  const phone = await c.signIn('tianning', 'commander', { viewport: { width: 390, height: 844 } });
  await phone.goto(`${c.origin}/#/request/${encodeURIComponent(req.id)}`);
  await phone.locator('#timeline').waitFor();
  await shot(phone, '15-phone-request');

  await c.net.nodes.get('zhonglou')!.stop();
  await wujin.goto(`${c.origin}/#/search?types=hazmat,flood&lat=31.69&lng=119.96&go=1`);
  await wujin.locator('#coverage [data-missing=zhonglou]').waitFor();
  await shot(wujin, '16-coverage-notice');
  expect(c.externalRequests).toEqual([]);
});

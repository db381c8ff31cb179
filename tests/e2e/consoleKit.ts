import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { demoIdentities } from '../../gateway/src/console';
import type { Role } from '../../services/common/src/auth';
import { REPO_ROOT } from '../../services/common/src/paths';
import { startAidNetwork, type AidNetwork, type AidNetworkOptions } from '../testkit/mutualAid';
import { testNetwork } from '../testkit/registry';
import { tokenFor } from '../testkit/tokens';

/**
 * The web console against a real in-process network, driven in Debian's headless Chromium
 * (playwright-core, no browser download). Chromium may reach the gateway on 127.0.0.1 only:
 * every other request is aborted and recorded, and `externalRequests` must stay empty.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface ConsoleNetwork {
  net: AidNetwork;
  origin: string;
  browser: Browser;
  /** URLs Chromium tried to fetch outside 127.0.0.1 (must stay empty). */
  externalRequests: string[];
  /** A fresh browser context (its own sessionStorage) signed in as `role` of `jurisdiction`. */
  signIn(
    jurisdiction: string,
    role: Role | 'social_org',
    options?: { viewport?: { width: number; height: number }; lang?: 'zh' | 'en' },
  ): Promise<Page>;
  stop(): Promise<void>;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-domain-reliability',
      '--disable-sync',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
  });
}

/** Aborts (and records) every request that is not for 127.0.0.1. */
export async function guardContext(context: BrowserContext, external: string[]): Promise<void> {
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (/^(https?|wss?):\/\/127\.0\.0\.1(:\d+)?\//.test(url) || url.startsWith('data:') || url.startsWith('blob:')) {
      return route.continue();
    }
    external.push(url);
    return route.abort('blockedbyclient');
  });
}

export async function startConsoleNetwork(
  codes: readonly string[],
  options: AidNetworkOptions = {},
): Promise<ConsoleNetwork> {
  const dir = path.join(REPO_ROOT, '.data/test');
  mkdirSync(dir, { recursive: true });
  const demoFile = path.join(dir, `console-demo-${randomBytes(4).toString('hex')}.json`);
  writeFileSync(
    demoFile,
    JSON.stringify(
      demoIdentities(testNetwork(), (p) => tokenFor({ ...p, roles: p.roles as Role[] }, { expiresIn: 4 * 3600 })),
    ),
  );
  process.env.CONSOLE_DEMO_IDENTITIES_FILE = demoFile;
  const net = await startAidNetwork(codes, { conference: {}, ...options });
  const browser = await launchChromium();
  const origin = new URL(net.gateway.url).origin;
  const externalRequests: string[] = [];
  const contexts: BrowserContext[] = [];
  return {
    net,
    origin,
    browser,
    externalRequests,
    async signIn(jurisdiction, role, opts = {}) {
      const context = await browser.newContext({
        viewport: opts.viewport ?? { width: 1366, height: 900 },
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      });
      contexts.push(context);
      await guardContext(context, externalRequests);
      const page = await context.newPage();
      page.on('dialog', (d) => void d.accept());
      page.setDefaultTimeout(15_000);
      if (opts.lang === 'en') await page.addInitScript("localStorage.setItem('aidnet.lang', 'en')");
      await page.goto(`${origin}/#/signin`);
      await page.locator(`button.demo[data-jurisdiction="${jurisdiction}"][data-role="${role}"]`).click();
      await page.locator('#whoami').waitFor();
      return page;
    },
    async stop() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await net.stop();
      rmSync(demoFile, { force: true });
    },
  };
}

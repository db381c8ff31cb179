import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type express from 'express';
import type { NetworkDirectory } from '../../services/common/src/network';
import { REPO_ROOT } from '../../services/common/src/paths';

/**
 * The web console (issue 6), served by the gateway on its own origin: `/` (index.html), one JS
 * bundle, one CSS file and the network directory for the offline map. The TypeScript under
 * console/src is bundled in memory with esbuild once per process, so neither `npm start` nor the
 * tests need a build step. Everything is local: no CDN, no web fonts, no map tiles.
 *
 * `/console/demo-identities.json` is served only when `demoIdentitiesFile` is set (from
 * CONSOLE_DEMO_IDENTITIES_FILE, which only `npm start` and the tests set) and NODE_ENV is not
 * `production`.
 */
export interface ConsoleOptions {
  network: NetworkDirectory;
  demoIdentitiesFile?: string | undefined;
}

export interface ConsoleAssets {
  html: string;
  js: string;
  css: string;
}

const CONSOLE_DIR = path.join(REPO_ROOT, 'console');
let assets: Promise<ConsoleAssets> | undefined;

/** @returns the bundled console, built on first use and kept for the life of the process. */
export function consoleAssets(): Promise<ConsoleAssets> {
  assets ??= (async () => {
    // Loaded lazily: only the gateway needs the bundler.
    const esbuild = await import('esbuild');
    const result = await esbuild.build({
      entryPoints: [path.join(CONSOLE_DIR, 'src/main.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      target: ['es2020', 'chrome100', 'safari15'],
      minify: true,
      legalComments: 'none',
      logLevel: 'silent',
    });
    const js = result.outputFiles[0]?.text;
    if (!js) throw new Error('console bundle is empty');
    return {
      html: readFileSync(path.join(CONSOLE_DIR, 'index.html'), 'utf8'),
      js,
      css: readFileSync(path.join(CONSOLE_DIR, 'styles.css'), 'utf8'),
    };
  })();
  assets.catch(() => (assets = undefined));
  return assets;
}

/** The directory as the console needs it: no node URLs, only whether a node exists. */
export function publicDirectory(network: NetworkDirectory) {
  return {
    jurisdictions: network.entries.map((e) => ({
      code: e.code,
      name: e.name,
      nameEn: e.nameEn,
      level: e.level,
      parent: e.parent,
      location: e.location,
      neighbors: e.neighbors,
      hasNode: e.node !== undefined,
    })),
  };
}

/** @returns the routes to register on the gateway's Express app (assets must be built first). */
export function consoleRoutes(built: ConsoleAssets, options: ConsoleOptions) {
  const directory = JSON.stringify(publicDirectory(options.network));
  const demoFile = process.env.NODE_ENV === 'production' ? undefined : options.demoIdentitiesFile;
  const security = (res: express.Response) => {
    // Same origin only; nothing is loaded from anywhere else.
    res.setHeader(
      'content-security-policy',
      "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    );
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
  };
  // The services compute no ETags (see graphqlService); these fixed assets carry their own, made
  // once, so that a browser revalidating them (no-cache) gets a 304 instead of the bundle again.
  const tagged = (body: string) => ({ body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` });
  const assets = {
    html: tagged(built.html),
    js: tagged(built.js),
    css: tagged(built.css),
    directory: tagged(directory),
  };
  const sendAsset = (res: express.Response, type: string, asset: { body: string; etag: string }) => {
    res.setHeader('cache-control', 'no-cache');
    res.setHeader('etag', asset.etag);
    res.type(type).send(asset.body);
  };
  return (app: express.Express) => {
    app.get(['/', '/console', '/console/'], (_req, res) => {
      security(res);
      sendAsset(res, 'html', assets.html);
    });
    app.get('/console/app.js', (_req, res) => {
      security(res);
      sendAsset(res, 'application/javascript', assets.js);
    });
    app.get('/console/app.css', (_req, res) => {
      security(res);
      sendAsset(res, 'text/css', assets.css);
    });
    app.get('/console/network.json', (_req, res) => {
      sendAsset(res, 'application/json', assets.directory);
    });
    app.get('/console/demo-identities.json', (_req, res) => {
      if (!demoFile || !existsSync(demoFile)) {
        res.status(404).json({ error: 'no demo identities here' });
        return;
      }
      res.setHeader('cache-control', 'no-store');
      res.type('application/json').send(readFileSync(demoFile, 'utf8'));
    });
  };
}

/** One demo sign-in of the development console. */
export interface DemoIdentity {
  label: string;
  jurisdiction: string;
  role: string;
  token: string;
}

const ROLE_WORDS: Record<string, string> = {
  commander: '指挥员',
  duty_officer: '值班员',
  observer: '观察员',
  registrar: '登记审核员',
  secretariat: '联席会议秘书处',
  social_org: '社会应急力量',
};

/**
 * The development console's demo identities: commander, duty officer and observer of every
 * district, Wujin's registrar and secretariat, and a social group registering in Wujin.
 * @param sign signs a token for the principal (the caller holds the development key).
 */
export function demoIdentities(
  network: NetworkDirectory,
  sign: (p: { sub: string; name: string; jurisdiction: string; roles: string[]; org?: string }) => string,
): DemoIdentity[] {
  const districts = network.nodes().filter((e) => e.level === 'DISTRICT');
  const wanted: { jurisdiction: string; role: string; org?: string; name?: string }[] = [
    ...districts.flatMap((d) =>
      ['commander', 'duty_officer', 'observer'].map((role) => ({ jurisdiction: d.code, role })),
    ),
    { jurisdiction: 'wujin', role: 'registrar' },
    { jurisdiction: 'wujin', role: 'secretariat' },
    { jurisdiction: 'wujin', role: 'social_org', org: 'demo-blue-sky', name: '武进蓝天救援队（演示）' },
  ];
  return wanted
    .filter((w) => network.has(w.jurisdiction))
    .map((w) => {
      const label = `${network.nameOf(w.jurisdiction)}${ROLE_WORDS[w.role] ?? w.role}`;
      const token = sign({
        sub: `${w.role}@${w.jurisdiction}${w.org ? `:${w.org}` : ''}`,
        name: w.name ?? label,
        jurisdiction: w.jurisdiction,
        roles: [w.role],
        ...(w.org ? { org: w.org } : {}),
      });
      return { label, jurisdiction: w.jurisdiction, role: w.role, token };
    });
}

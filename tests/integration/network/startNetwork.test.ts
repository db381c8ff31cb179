import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../../ops/store/ferretdb';
import { REPO_ROOT } from '../../../services/common/src/paths';
import { isLocal, parseDestinations } from '../../testkit/syscallTrace';
import { testNetwork } from '../../testkit/registry';

/**
 * `npm start` end to end, on a five-node directory so it fits a test: it starts under strace,
 * seeds, answers the README's curl examples as printed (on this test's port), stops cleanly on
 * Ctrl-C, and no process of the tree ever connects anywhere but loopback.
 */
const CODES = ['wujin', 'jintan', 'zhonglou', 'tianning', 'wujin.xueyan'];
const HAS_STRACE = spawnSync('strace', ['-V']).status === 0;

let workDir: string;
let port: number;
let launcher: ChildProcess;
let output = '';
let nodeUrls: string[] = [];

async function waitFor(predicate: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; output so far:\n${output.slice(-3000)}`);
    if (launcher.exitCode !== null) {
      throw new Error(`npm start exited (${launcher.exitCode}) before ${what}:\n${output.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), 'aidnet-start-'));
  port = await freePort();
  const entries = await Promise.all(
    testNetwork().entries.map(async (e) => {
      const { node: _node, ...rest } = e;
      return CODES.includes(e.code) ? { ...rest, node: { url: `http://127.0.0.1:${await freePort()}/graphql` } } : rest;
    }),
  );
  nodeUrls = entries.flatMap((e) => ('node' in e && e.node ? [e.node.url] : []));
  const networkFile = path.join(workDir, 'network.json');
  writeFileSync(networkFile, JSON.stringify({ jurisdictions: entries }));
  const command = [process.execPath, '--import', 'tsx', 'ops/launcher/startNetwork.ts'];
  const traced = HAS_STRACE
    ? ['strace', '-f', '-qq', '-e', 'trace=connect,sendto,sendmsg', '-o', path.join(workDir, 'trace.txt'), ...command]
    : command;
  launcher = spawn(traced[0] as string, traced.slice(1), {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      MUTUAL_AID_PORT: String(await freePort()),
      CONFERENCE_PORT: String(await freePort()),
      NETWORK_FILE: networkFile,
      AIDNET_DATA_DIR: path.join(workDir, 'data'),
      MONGODB_URL: '',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, like a terminal's foreground job: Ctrl-C signals the whole group.
    detached: true,
  });
  launcher.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  launcher.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  await waitFor(() => output.includes('Press Ctrl-C to stop'), 240_000, 'the network to be up');
}, 300_000);

afterAll(async () => {
  if (launcher.exitCode === null) process.kill(-(launcher.pid as number), 'SIGKILL');
  rmSync(workDir, { recursive: true, force: true });
});

test('it prints the gateway URL and ready-made tokens', () => {
  expect(output).toContain(`http://127.0.0.1:${port}/graphql`);
  expect(output).toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
});

test("the README's curl examples work as printed", () => {
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)]
    .map((m) => m[1] as string)
    .filter((b) => b.includes('curl') && b.includes(':4000'));
  expect(blocks.length).toBeGreaterThanOrEqual(2);
  for (const block of blocks) {
    const script = block.replaceAll(':4000', `:${port}`);
    const run = spawnSync('bash', ['-euo', 'pipefail', '-c', script], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(0);
    const body = JSON.parse(run.stdout) as { data?: unknown; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    expect(body.data).toBeTruthy();
  }
});

test('Ctrl-C stops every process it started, and nothing ever left 127.0.0.1', async () => {
  const exited = new Promise<number | null>((resolve) => launcher.once('exit', (code) => resolve(code)));
  process.kill(-(launcher.pid as number), 'SIGINT'); // what Ctrl-C in a terminal does
  expect(await exited).toBe(0);
  // Nothing listens any more: not the gateway, not a node, not FerretDB.
  const ferret = spawnSync('pgrep', ['-f', path.join(workDir, 'data')], { encoding: 'utf8' }).stdout.trim();
  expect(ferret).toBe('');
  for (const url of [`http://127.0.0.1:${port}/graphql`, ...nodeUrls]) {
    await expect(fetch(url.replace('/graphql', '/healthz'))).rejects.toThrow();
  }
  if (!HAS_STRACE) return;
  const destinations = parseDestinations(readFileSync(path.join(workDir, 'trace.txt'), 'utf8'));
  expect(destinations.length).toBeGreaterThan(100);
  expect(destinations.filter((d) => !isLocal(d)).map((d) => d.line)).toEqual([]);
}, 60_000);

import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { REPO_ROOT } from '../../services/common/src/paths';

/**
 * The embedded FerretDB 1.24.2 (MongoDB wire protocol over SQLite) for development and tests:
 * the launcher in ops/ferretdb is built with `go build` into `.tools/` on first use, then reused
 * while its sources are unchanged. Production uses MongoDB itself (docker-compose.yml).
 */
const LAUNCHER_SRC = path.join(REPO_ROOT, 'ops/ferretdb');
export const TOOLS_DIR = path.join(REPO_ROOT, '.tools');
const LAUNCHER_BIN = path.join(TOOLS_DIR, 'ferretdb-launcher');
const STAMP_FILE = `${LAUNCHER_BIN}.stamp`;

type Log = (line: string) => void;

function sourceStamp(): string {
  const hash = createHash('sha256');
  for (const file of ['main.go', 'go.mod', 'go.sum']) hash.update(readFileSync(path.join(LAUNCHER_SRC, file)));
  return hash.digest('hex');
}

function runGoBuild(extraArgs: string[], log: Log): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolve, reject) => {
    // -v lists each package as it is compiled: our progress indicator.
    const child = spawn('go', ['build', '-v', ...extraArgs, '-o', LAUNCHER_BIN, '.'], {
      cwd: LAUNCHER_SRC,
      env: { ...process.env, GOFLAGS: '-buildvcs=false', CGO_ENABLED: process.env.CGO_ENABLED ?? '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let packages = 0;
    const started = Date.now();
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      packages += text.split('\n').filter((l) => l.trim() && !l.startsWith('#')).length;
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const timer = setInterval(
      () => log(`  … ${packages} packages compiled (${Math.round((Date.now() - started) / 1000)} s)`),
      10_000,
    );
    child.once('error', (e) => {
      clearInterval(timer);
      reject(
        new Error(
          `Cannot run "go": ${e.message}. Install Go 1.22 or newer (the FerretDB launcher is built from source).`,
        ),
      );
    });
    child.once('exit', (code) => {
      clearInterval(timer);
      resolve({ ok: code === 0, output });
    });
  });
}

/**
 * Builds the launcher unless an up-to-date build exists.
 * @returns the launcher's path.
 * @throws with the compiler's output when both build attempts fail.
 */
export async function ensureFerretDbLauncher(log: Log = (l) => process.stderr.write(`${l}\n`)): Promise<string> {
  const stamp = sourceStamp();
  if (existsSync(LAUNCHER_BIN) && existsSync(STAMP_FILE) && readFileSync(STAMP_FILE, 'utf8') === stamp) {
    return LAUNCHER_BIN;
  }
  mkdirSync(TOOLS_DIR, { recursive: true });
  log('Building the FerretDB 1.24.2 launcher (first run only; about 2 minutes)…');
  const started = Date.now();
  let result = await runGoBuild([], log);
  if (!result.ok) {
    log('First build failed; retrying with -ldflags=-checklinkname=0');
    result = await runGoBuild(['-ldflags=-checklinkname=0'], log);
  }
  if (!result.ok) throw new Error(`Building the FerretDB launcher failed:\n${result.output.slice(-4000)}`);
  writeFileSync(STAMP_FILE, stamp);
  log(`FerretDB launcher built in ${Math.round((Date.now() - started) / 1000)} s`);
  return LAUNCHER_BIN;
}

/** @returns a TCP port that was free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningFerretDb {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (child.exitCode !== null) {
        return reject(new Error(`FerretDB exited with code ${child.exitCode} before accepting connections`));
      }
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) {
          reject(new Error(`FerretDB did not listen on 127.0.0.1:${port} within ${timeoutMs} ms`));
        } else {
          setTimeout(attempt, 50);
        }
      });
    };
    attempt();
  });
}

/**
 * Starts FerretDB on a free loopback port with its SQLite files in `dataDir`.
 * @returns its MongoDB URL and a `stop()` that waits for the process to exit.
 */
export async function startFerretDb(dataDir: string, log?: Log): Promise<RunningFerretDb> {
  const bin = await ensureFerretDbLauncher(log);
  mkdirSync(dataDir, { recursive: true });
  const port = await freePort();
  const child = spawn(bin, ['-listen', `127.0.0.1:${port}`, '-data', dataDir], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, DO_NOT_TRACK: 'true', FERRETDB_TELEMETRY: 'disable' },
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => {
    stderr = (stderr + c.toString()).slice(-4000);
  });
  try {
    await waitForPort(port, child, 30_000);
  } catch (e) {
    child.kill('SIGKILL');
    throw new Error(`${(e as Error).message}\n${stderr}`);
  }
  return {
    url: `mongodb://127.0.0.1:${port}/`,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '../../services/common/src/paths';

/**
 * Runs AidNet services as child processes (one per jurisdiction node), with output prefixed by
 * the process name, readiness polling and a clean stop.
 */
export interface ServiceProcess {
  name: string;
  url: string;
  child: ChildProcess;
}

const TSX_LOADER = ['--import', 'tsx'];

export function spawnService(name: string, entry: string, env: NodeJS.ProcessEnv, url: string): ServiceProcess {
  const child = spawn(process.execPath, [...TSX_LOADER, path.join(REPO_ROOT, entry)], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = (stream: NodeJS.ReadableStream | null, out: NodeJS.WritableStream) => {
    let buffer = '';
    stream?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) out.write(`[${name}] ${line}\n`);
    });
  };
  prefix(child.stdout, process.stdout);
  prefix(child.stderr, process.stderr);
  return { name, url, child };
}

/** Polls `<base>/readyz` until it answers 200. @throws after `timeoutMs` or if the process exits. */
export async function waitReady(service: ServiceProcess, timeoutMs = 60_000): Promise<void> {
  const readyz = service.url.replace(/\/graphql$/, '/readyz');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (service.child.exitCode !== null) throw new Error(`${service.name} exited with code ${service.child.exitCode}`);
    try {
      const res = await fetch(readyz);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${service.name} was not ready within ${timeoutMs} ms (${readyz})`);
}

/** Sends SIGTERM to every process and waits (up to 10 s, then SIGKILL). */
export async function stopServices(services: readonly ServiceProcess[]): Promise<void> {
  await Promise.all(
    services.map(
      ({ child }) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
        }),
    ),
  );
}

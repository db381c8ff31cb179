import { execFileSync, spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { REPO_ROOT } from '../../services/common/src/paths';
import type { ServiceProcess } from '../launcher/nodeProcesses';

/**
 * Child processes of the bench: each writes its output to a log file of its own (so a node's
 * warnings never interleave with the results table), and its CPU time is read from /proc.
 */
export interface BenchProcess extends ServiceProcess {
  logFile: string;
}

/**
 * Starts `node [nodeArgs] --import tsx <entry>` with `env` added to this process's environment.
 * @param url the service's GraphQL URL (its `/readyz` is polled by `waitReady`).
 */
export function spawnLogged(
  name: string,
  entry: string,
  env: NodeJS.ProcessEnv,
  url: string,
  logDir: string,
  nodeArgs: readonly string[] = [],
): BenchProcess {
  mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, `${name.replace(/[^\w.-]+/g, '_')}.log`);
  const fd = openSync(logFile, 'w');
  try {
    const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(REPO_ROOT, entry)], {
      cwd: REPO_ROOT,
      // Free ports here: the default (service port + 1000) could be another bench process's port.
      env: { ...process.env, METRICS_PORT: '0', ...env },
      stdio: ['ignore', fd, fd],
    });
    return { name, url, child, logFile };
  } finally {
    closeSync(fd);
  }
}

/** @returns the last `chars` characters of a process's log, for error messages. */
export function logTail(p: BenchProcess, chars = 1500): string {
  try {
    return readFileSync(p.logFile, 'utf8').slice(-chars);
  } catch {
    return '';
  }
}

let clockTicks: number | undefined;

function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8', timeout: 2000 }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** @returns user and system CPU time (ms) a live process has used so far, all its threads included. */
export function processCpu(pid: number): { userMs: number; sysMs: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after "pid (comm) ": state is field 3, utime field 14, stime field 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return {
    userMs: (Number(fields[11]) * 1000) / ticksPerSecond(),
    sysMs: (Number(fields[12]) * 1000) / ticksPerSecond(),
  };
}

/** @returns user + system CPU time (ms) a live process has used so far. */
export function processCpuMs(pid: number): number {
  const { userMs, sysMs } = processCpu(pid);
  return userMs + sysMs;
}

/** @returns `count` distinct TCP ports that were free on 127.0.0.1 a moment ago. */
export async function freePorts(count: number): Promise<number[]> {
  const servers: net.Server[] = [];
  try {
    // Holding every listener open until all are allocated keeps the ports distinct.
    for (let i = 0; i < count; i++) {
      const server = net.createServer();
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve());
      });
      servers.push(server);
    }
    return servers.map((s) => (s.address() as net.AddressInfo).port);
  } finally {
    await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }
}

/** Polls until something accepts TCP connections on the port. @throws after `timeoutMs`. */
export async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing listened on 127.0.0.1:${port} within ${timeoutMs} ms`);
}

/** @returns CPU time (ms) the whole machine has spent busy (not idle, not waiting on I/O) since boot. */
export function machineBusyMs(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
  const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
  return (
    (((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) * 1000) / ticksPerSecond()
  );
}

/** @returns CPU time (ms) used so far by `rootPid` and every live process descended from it. */
export function treeCpuMs(rootPid: number): number {
  const parentOf = new Map<number, number>();
  const cpuOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parentOf.set(Number(entry), Number(fields[1]));
      cpuOf.set(Number(entry), ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond());
    } catch {
      // the process ended while we looked
    }
  }
  let total = 0;
  for (const [pid, cpu] of cpuOf) {
    for (
      let p: number | undefined = pid, hops = 0;
      p !== undefined && p > 1 && hops < 64;
      p = parentOf.get(p), hops++
    ) {
      if (p === rootPid) {
        total += cpu;
        break;
      }
    }
  }
  return total;
}

/**
 * For a bench child process: runs `stop` on SIGTERM/SIGINT, and also when the bench that started
 * it has gone (its parent changed), so a killed bench never leaves servers behind.
 */
export function stopWithParent(stop: () => void): void {
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) stop();
  }, 1000).unref();
}

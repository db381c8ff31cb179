import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../services/common/src/paths';

/**
 * Reads a V8 `.cpuprofile` (node --cpu-prof) and lists where the time went: self time per
 * function and per package (node_modules/<pkg>, our own code by folder, Node internals).
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileLine {
  name: string;
  selfMs: number;
  share: number;
}

export interface ProfileSummary {
  /** False when the window matched no sample and the whole profile was counted. */
  windowed: boolean;
  totalMs: number;
  idleMs: number;
  functions: ProfileLine[];
  packages: ProfileLine[];
}

function shortUrl(url: string): string {
  const file = url.replace(/^file:\/\//, '');
  const nm = file.lastIndexOf('node_modules/');
  if (nm >= 0) return file.slice(nm + 'node_modules/'.length);
  return file.startsWith(REPO_ROOT) ? path.relative(REPO_ROOT, file) : file;
}

function packageOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return '(node internals)';
  const file = url.replace(/^file:\/\//, '');
  const nm = file.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = file.slice(nm + 'node_modules/'.length).split('/');
    return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? '?');
  }
  if (file.startsWith(REPO_ROOT)) return path.relative(REPO_ROOT, file).split('/').slice(0, 3).join('/');
  return file;
}

/**
 * @param window monotonic-clock microseconds (process.hrtime in this process, the clock V8's
 * profiler stamps samples with on Linux): only samples inside it count. When none fall inside
 * (another clock), every sample counts.
 */
export function summarizeProfile(file: string, top = 20, window?: { fromUs: number; toUs: number }): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const tally = (inWindow: (t: number) => boolean) => {
    const self = new Map<number, number>();
    let t = profile.startTime;
    profile.samples.forEach((id, i) => {
      const delta = profile.timeDeltas[i] ?? 0;
      t += delta;
      if (inWindow(t)) self.set(id, (self.get(id) ?? 0) + delta);
    });
    return self;
  };
  let selfUs = window ? tally((t) => t >= window.fromUs && t <= window.toUs) : new Map<number, number>();
  const windowed = selfUs.size > 0;
  if (!windowed) selfUs = tally(() => true);
  const fn = new Map<string, number>();
  const pkg = new Map<string, number>();
  let idleUs = 0;
  let totalUs = 0;
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = (byId.get(id) as ProfileNode).callFrame;
    totalUs += us;
    if (functionName === '(idle)') {
      idleUs += us;
      continue;
    }
    const name = `${functionName || '(anonymous)'} ${url ? `${shortUrl(url)}:${lineNumber + 1}` : ''}`.trim();
    fn.set(name, (fn.get(name) ?? 0) + us);
    const p = packageOf(url, functionName);
    pkg.set(p, (pkg.get(p) ?? 0) + us);
  }
  const busyUs = totalUs - idleUs;
  const lines = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, selfMs: us / 1000, share: busyUs > 0 ? us / busyUs : 0 }));
  return { totalMs: totalUs / 1000, idleMs: idleUs / 1000, windowed, functions: lines(fn), packages: lines(pkg) };
}

/** @returns the summary as printable lines. */
export function formatProfile(summary: ProfileSummary): string[] {
  const scope = summary.windowed ? '' : ' (whole process life: start-up included)';
  const out = [
    `busy ${(summary.totalMs - summary.idleMs).toFixed(0)} ms of ${summary.totalMs.toFixed(0)} ms sampled${scope}`,
    '',
    'Top self time by function (% of busy):',
  ];
  for (const l of summary.functions) {
    out.push(`  ${(l.share * 100).toFixed(1).padStart(5)}%  ${l.selfMs.toFixed(0).padStart(6)} ms  ${l.name}`);
  }
  out.push('', 'Self time by package / folder (% of busy):');
  for (const l of summary.packages) {
    out.push(`  ${(l.share * 100).toFixed(1).padStart(5)}%  ${l.selfMs.toFixed(0).padStart(6)} ms  ${l.name}`);
  }
  return out;
}

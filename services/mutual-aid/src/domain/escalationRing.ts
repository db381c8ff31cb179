import { greatCircleKm } from '../../../common/src/geo';
import type { NetworkDirectory } from '../../../common/src/network';
import type { Point, RequestRecord } from './records';

/** Targets that neither acknowledged nor responded. */
export function silentTargets(request: Pick<RequestRecord, 'targets' | 'acknowledgements' | 'responses'>): string[] {
  const answered = new Set([
    ...request.acknowledgements.map((a) => a.jurisdiction),
    ...request.responses.map((r) => r.responder),
  ]);
  return request.targets.filter((t) => !answered.has(t));
}

/**
 * The next ring: neighbours of the current targets not yet asked (nor the requester), nearest to
 * the incident first (DESIGN.md section 4.2).
 */
export function nextRing(
  directory: NetworkDirectory,
  requester: string,
  targets: readonly string[],
  incident: Point,
): string[] {
  const asked = new Set([requester, ...targets]);
  const ring = new Set<string>();
  for (const t of targets) {
    for (const n of directory.get(t)?.neighbors ?? []) if (!asked.has(n) && directory.has(n)) ring.add(n);
  }
  const distance = (code: string) => greatCircleKm(directory.get(code)!.location, incident);
  return [...ring].sort((a, b) => distance(a) - distance(b) || (a < b ? -1 : 1));
}

/** Who hears of an escalation: each silent target's parent and the requester, once each. */
export function escalationAudience(
  directory: NetworkDirectory,
  requester: string,
  silent: readonly string[],
): string[] {
  const out = new Set<string>();
  for (const s of silent) {
    const parent = directory.get(s)?.parent;
    if (parent) out.add(parent);
  }
  out.add(requester);
  return [...out];
}

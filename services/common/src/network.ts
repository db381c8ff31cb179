import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { GeoPoint } from './geo';

/**
 * The network directory (`ops/network.json`): every jurisdiction, its place in the tree, its
 * neighbours and its node URL. Adding a township is a data change, never a code change.
 */
export type JurisdictionLevel = 'CITY' | 'DISTRICT' | 'TOWNSHIP' | 'STREET' | 'ZONE';

export interface JurisdictionEntry {
  code: string;
  name: string;
  nameEn: string;
  /** Starts the numbers of its reinforcement requests: WJ → WJ-2026-0001. */
  requestPrefix?: string;
  level: JurisdictionLevel;
  parent: string | null;
  nbsCode?: string | null;
  location: GeoPoint;
  neighbors: string[];
  administeredBy?: string;
  /** Absent for a jurisdiction that runs no node of its own. */
  node?: { url: string };
  /** Optional webhook for notifications. */
  webhook?: string;
}

export const DEFAULT_NETWORK_FILE = path.resolve(__dirname, '../../../ops/network.json');

export class NetworkDirectory {
  private readonly byCode: Map<string, JurisdictionEntry>;

  constructor(readonly entries: readonly JurisdictionEntry[]) {
    this.byCode = new Map(entries.map((e) => [e.code, e]));
  }

  /** @returns the entry for `code`, or undefined when the directory has none. */
  get(code: string): JurisdictionEntry | undefined {
    return this.byCode.get(code);
  }

  has(code: string): boolean {
    return this.byCode.has(code);
  }

  /** Jurisdictions that run a node, in directory order. */
  nodes(): JurisdictionEntry[] {
    return this.entries.filter((e) => e.node !== undefined);
  }

  /** @returns the Chinese name of `code`, or the code itself when the directory lacks it. */
  nameOf(code: string): string {
    return this.byCode.get(code)?.name ?? code;
  }

  /** @returns the prefix of the jurisdiction's request numbers (its code's letters when none is set). */
  requestPrefix(code: string): string {
    return (
      this.byCode.get(code)?.requestPrefix ??
      code
        .replace(/[^a-z]/g, '')
        .slice(0, 6)
        .toUpperCase()
    );
  }

  /** @returns true when `ancestor` is `code` itself or above it in the tree. */
  isSelfOrAncestor(ancestor: string, code: string): boolean {
    for (let c: string | null | undefined = code; c; c = this.byCode.get(c)?.parent) {
      if (c === ancestor) return true;
    }
    return false;
  }
}

/** @returns the directory read from `file` (default `ops/network.json`). */
export function loadNetwork(file: string = DEFAULT_NETWORK_FILE): NetworkDirectory {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { jurisdictions: JurisdictionEntry[] };
  return new NetworkDirectory(doc.jurisdictions);
}

import { currentLang } from './i18n';

/** The network directory (ops/network.json without node URLs), served by the gateway. */
export interface DirEntry {
  code: string;
  name: string;
  nameEn: string;
  level: 'CITY' | 'DISTRICT' | 'TOWNSHIP' | 'STREET' | 'ZONE';
  parent: string | null;
  location: { lat: number; lng: number };
  neighbors: string[];
  hasNode: boolean;
}

let entries: DirEntry[] = [];
const byCode = new Map<string, DirEntry>();

export async function loadDirectory(): Promise<void> {
  const res = await fetch('/console/network.json');
  const doc = (await res.json()) as { jurisdictions: DirEntry[] };
  entries = doc.jurisdictions;
  byCode.clear();
  for (const e of entries) byCode.set(e.code, e);
}

export function directory(): DirEntry[] {
  return entries;
}

export function entry(code: string): DirEntry | undefined {
  return byCode.get(code);
}

/** @returns the jurisdiction's name in the current language (the code when unknown). */
export function jname(code: string | null | undefined): string {
  if (!code) return '';
  const e = byCode.get(code);
  if (!e) return code;
  return currentLang() === 'zh' ? e.name : e.nameEn;
}

export function nodes(): DirEntry[] {
  return entries.filter((e) => e.hasNode);
}

import { gql } from './api';
import { currentLang } from './i18n';

/** The registry's reference catalogues (identical on every node), loaded once. */
export interface Named {
  code: string;
  nameZh: string;
  nameEn: string;
}

export interface Catalogue {
  teamTypes: Named[];
  socialCapabilities: Named[];
  supplyItems: (Named & { unit: string })[];
}

let cached: Promise<Catalogue> | undefined;

export function catalogue(): Promise<Catalogue> {
  cached ??= gql<Catalogue>(
    '{ teamTypes { code nameZh nameEn } socialCapabilities { code nameZh nameEn } supplyItems { code nameZh nameEn unit } }',
    {},
    { partial: true },
  );
  cached.catch(() => (cached = undefined));
  return cached;
}

export function nm(n: Named | null | undefined): string {
  if (!n) return '';
  return currentLang() === 'zh' ? n.nameZh : n.nameEn;
}

export function nameIn(list: Named[], code: string | null | undefined): string {
  if (!code) return '';
  const n = list.find((x) => x.code === code);
  return n ? nm(n) : code;
}

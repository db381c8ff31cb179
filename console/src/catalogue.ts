import { CatalogueDocument, type CatalogueQuery } from './__generated__/operations';
import { gql } from './api';
import { currentLang } from './i18n';

/** The registry's reference catalogues (identical on every node, catalogue.graphql), loaded once. */
export type Catalogue = CatalogueQuery;

/** What a catalogue entry is named by. */
export interface Named {
  code: string;
  nameZh: string;
  nameEn: string;
}

let cached: Promise<Catalogue> | undefined;

export function catalogue(): Promise<Catalogue> {
  cached ??= gql(CatalogueDocument, {}, { partial: true });
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

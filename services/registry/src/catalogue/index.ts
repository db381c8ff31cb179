import socialCapabilitiesDoc from './social-capabilities.json';
import supplyDoc from './supply-items.json';
import teamTypesDoc from './team-types.json';

/**
 * The reference catalogues, identical on every node. Their data files keep the sources of each
 * entry (`basis`: S sourced, P partly sourced, I inferred).
 */
export interface CatalogueEntry {
  code: string;
  nameZh: string;
  nameEn: string;
}

export interface SupplyItemEntry extends CatalogueEntry {
  unit: string;
  category: string;
}

function byCode<T extends CatalogueEntry>(entries: readonly T[]): ReadonlyMap<string, T> {
  return new Map(entries.map((e) => [e.code, e]));
}

const pick = ({ code, nameZh, nameEn }: CatalogueEntry): CatalogueEntry => ({ code, nameZh, nameEn });

export const teamTypes: readonly CatalogueEntry[] = teamTypesDoc.teamTypes.map(pick);
export const socialCapabilities: readonly CatalogueEntry[] = socialCapabilitiesDoc.socialCapabilities.map(pick);
export const supplyCategories: readonly CatalogueEntry[] = supplyDoc.categories.map(pick);
export const supplyItems: readonly SupplyItemEntry[] = supplyDoc.items.map((i) => ({
  ...pick(i),
  unit: i.unit,
  category: i.category,
}));

export const teamTypeByCode = byCode(teamTypes);
export const socialCapabilityByCode = byCode(socialCapabilities);
export const supplyCategoryByCode = byCode(supplyCategories);
export const supplyItemByCode = byCode(supplyItems);

import { z } from 'zod';
import { int, optionalMultilineText, optionalText, parseInput, PointModel, text } from '../../../common/src/inputs';
import { socialCapabilityByCode, supplyCategoryByCode, supplyItemByCode, teamTypeByCode } from '../catalogue';
import { isValidCreditCode } from './creditCode';

/**
 * Validation models for every write and every search filter. GraphQL checks types; these check
 * ranges, lengths, the text rule and catalogue codes, and report every bad field at once as
 * BAD_USER_INPUT before anything is written. Text fields are single-line unless built with a
 * multi-line model here (the SDL descriptions say the same).
 */

/**
 * Domain bounds (stated in schema/registry.graphql). A district specialist team is tens to a few
 * hundred people; a stock line of one item in one depot holds at most millions of units (the
 * largest flood-control depots keep hundreds of thousands of bags); more is a typing mistake.
 */
export const BOUNDS = {
  teamHeadcount: 2_000,
  socialForceMembers: 10_000,
  equipmentQuantity: 10_000,
  /** readinessMinutes, assemblyMinutes and recallMinutes: at most a day. */
  leadMinutes: 1_440,
  stockUnits: 10_000_000,
} as const;
const PhoneModel = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9\- ]{4,19}$/, 'a phone number: digits, spaces, + and - (5 to 20)');

const ContactModel = z.object({ name: text(50), role: optionalText(50), phone: PhoneModel.nullish() });

const EquipmentModel = z
  .array(z.object({ name: text(60), quantity: int(0, BOUNDS.equipmentQuantity) }))
  .max(100, 'at most 100 lines');

const knownCode = (map: ReadonlyMap<string, unknown>, what: string, list: string) =>
  z.string().refine((c) => map.has(c), { message: `unknown ${what} code; see ${list}` });

export const TeamTypeCode = knownCode(teamTypeByCode, 'team type', 'teamTypes');
export const CapabilityCode = knownCode(socialCapabilityByCode, 'capability', 'socialCapabilities');
export const SupplyItemCode = knownCode(supplyItemByCode, 'supply item', 'supplyItems');
export const SupplyCategoryCode = knownCode(supplyCategoryByCode, 'supply category', 'supplyCategories');

const TeamKindModel = z.enum(['SPECIALIST', 'TOWNSHIP_COMPREHENSIVE', 'ENTERPRISE']);

export const TeamInputModel = z.object({
  name: text(100),
  type: TeamTypeCode,
  kind: TeamKindModel,
  tier: int(1, 4),
  headcount: int(1, BOUNDS.teamHeadcount),
  equipment: EquipmentModel.nullish(),
  base: PointModel,
  readinessMinutes: int(0, BOUNDS.leadMinutes),
  status: z
    .enum(['AVAILABLE', 'STANDBY', 'OUT_OF_SERVICE'], 'a new team is AVAILABLE, STANDBY or OUT_OF_SERVICE')
    .nullish(),
  contact: ContactModel,
});

export const TeamUpdateModel = TeamInputModel.omit({ status: true })
  .partial()
  .refine((v) => Object.values(v).some((x) => x !== undefined && x !== null), 'give at least one field to change');

const GradeModel = z.enum(['GRADE_1', 'GRADE_2', 'GRADE_3', 'UNGRADED']);

const CapabilityListModel = z
  .array(
    z
      .object({
        capability: CapabilityCode,
        grade: GradeModel.nullish(),
        assessedAt: z.date().nullish(),
        validUntil: z.date().nullish(),
      })
      .refine((c) => !c.assessedAt || !c.validUntil || c.validUntil > c.assessedAt, {
        message: 'validUntil must be after assessedAt',
        path: ['validUntil'],
      }),
  )
  .min(1, 'at least one capability')
  .max(20, 'at most 20 capabilities')
  .refine((list) => new Set(list.map((c) => c.capability)).size === list.length, 'each capability once');

const RangeModel = z.enum(['LOCAL', 'CITY', 'PROVINCE', 'NEIGHBOURING_PROVINCES']);

export const SocialForceInputModel = z.object({
  name: text(100),
  creditCode: z
    .string()
    .trim()
    .toUpperCase()
    .refine(
      isValidCreditCode,
      '18-character unified social credit code (统一社会信用代码) with a valid check character',
    ),
  capabilities: CapabilityListModel,
  members: int(1, BOUNDS.socialForceMembers),
  equipment: EquipmentModel.nullish(),
  base: PointModel,
  range: RangeModel,
  assemblyMinutes: int(0, BOUNDS.leadMinutes),
  contact: ContactModel,
});

export const SocialForceUpdateModel = SocialForceInputModel.omit({ creditCode: true })
  .partial()
  .refine((v) => Object.values(v).some((x) => x !== undefined && x !== null), 'give at least one field to change');

export const ReviewGradesModel = CapabilityListModel.nullish();
export const ReviewNoteModel = optionalMultilineText(500);

export const DepotInputModel = z.object({
  name: text(100),
  address: optionalText(200),
  location: PointModel,
  contact: ContactModel,
});

export const SetStockModel = z
  .object({
    item: SupplyItemCode,
    quantity: int(0, BOUNDS.stockUnits),
    mode: z.enum(['PHYSICAL', 'AGREEMENT']),
    supplier: optionalText(100),
  })
  .refine((v) => v.mode === 'AGREEMENT' || !v.supplier, {
    message: 'a supplier is given only for AGREEMENT stock',
    path: ['supplier'],
  });

export const ExpertInputModel = z.object({
  name: text(50),
  title: optionalText(50),
  organization: optionalText(100),
  specialties: z.array(text(30)).min(1, 'at least one specialty').max(20, 'at most 20 specialties'),
  contact: ContactModel,
  available: z.boolean().nullish(),
});

const MAX_SHIFT_HOURS = 48;

export const DutyShiftInputModel = z
  .object({
    startsAt: z.date(),
    endsAt: z.date(),
    posture: z.enum(['ON_POST', 'STANDBY', 'REST']),
    recallMinutes: int(0, BOUNDS.leadMinutes).nullish(),
    leader: text(50),
    officer: text(50),
    phone: PhoneModel,
    note: optionalMultilineText(500),
  })
  .refine((s) => s.endsAt > s.startsAt, { message: 'endsAt must be after startsAt', path: ['endsAt'] })
  .refine((s) => s.endsAt.getTime() - s.startsAt.getTime() <= MAX_SHIFT_HOURS * 3_600_000, {
    message: `a shift lasts at most ${MAX_SHIFT_HOURS} hours`,
    path: ['endsAt'],
  });

export const RequestIdModel = z
  .string()
  .min(1, 'must not be empty')
  .max(100, 'at most 100 characters')
  .regex(/^[A-Za-z0-9:._-]+$/, 'letters, digits and : . _ - only');

export const ReserveQuantityModel = int(1, BOUNDS.stockUnits);

// --- search filters: unknown codes and impossible minimums are refused, never an empty answer ---

const codes = <T extends z.ZodType>(code: T) => z.array(code).max(100, 'at most 100 codes').nullish();
/** The search radius around `near`. */
const WithinKmModel = z.number().gt(0, 'between 0 and 2000 km').max(2000, 'between 0 and 2000 km').nullish();

export const TeamFilterModel = z.object({
  types: codes(TeamTypeCode),
  maxTier: int(1, 4).nullish(),
  minHeadcount: int(0, BOUNDS.teamHeadcount).nullish(),
  near: PointModel.nullish(),
  withinKm: WithinKmModel,
});

export const SocialForceFilterModel = z.object({
  capabilities: codes(CapabilityCode),
  near: PointModel.nullish(),
  withinKm: WithinKmModel,
});

export const SupplyFilterModel = z.object({
  items: codes(SupplyItemCode),
  categories: codes(SupplyCategoryCode),
  minAvailable: int(0, BOUNDS.stockUnits).nullish(),
  near: PointModel.nullish(),
  withinKm: WithinKmModel,
});

export const ExpertFilterModel = z.object({
  specialties: z.array(text(30)).max(20, 'at most 20 specialties').nullish(),
});

export { parseInput, PointModel };

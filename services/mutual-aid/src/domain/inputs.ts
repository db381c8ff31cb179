import { z } from 'zod';
import { int, optionalMultilineText, optionalText, PointModel, text } from '../../../common/src/inputs';
import { isJurisdictionCode } from '../../../common/src/ids';
import type { NetworkDirectory } from '../../../common/src/network';
import { socialCapabilityByCode, supplyItemByCode, teamTypeByCode } from '../../../registry/src/catalogue';

/**
 * Validation of every mutual-aid write: ranges, lengths, the text rule, catalogue codes (the
 * registry's taxonomies) and cross-field rules, all reported at once as BAD_USER_INPUT before
 * anything is written. Text is single-line unless built with a multi-line model here: notes and a
 * response's reason are paragraphs; a cancellation reason goes into notification titles, one line.
 */
const code = (map: ReadonlyMap<string, unknown>, what: string, list: string) =>
  z
    .string()
    .refine((c) => map.has(c), { message: `unknown ${what} code; see ${list}` })
    .nullish();

const JurisdictionCode = z
  .string()
  .refine(isJurisdictionCode, { message: 'not a jurisdiction code (e.g. tianning, wujin.hutang)' });

/** What is needed in one line: one catalogue code, a quantity, a worst tier (requests and suggestions alike). */
const NEED_FIELDS = {
  teamType: code(teamTypeByCode, 'team type', 'teamTypes'),
  supplyItem: code(supplyItemByCode, 'supply item', 'supplyItems'),
  socialCapability: code(socialCapabilityByCode, 'capability', 'socialCapabilities'),
  quantity: int(1, 1_000_000),
  maxTier: int(1, 3).nullish(),
};

type NeedFields = z.infer<z.ZodObject<typeof NEED_FIELDS>>;

function needRules<M extends z.ZodType<NeedFields>>(model: M) {
  return model
    .refine((n) => [n.teamType, n.supplyItem, n.socialCapability].filter((x) => x != null).length === 1, {
      message: 'give exactly one of teamType, supplyItem and socialCapability',
    })
    .refine((n) => n.supplyItem != null || n.quantity <= 50, {
      message: 'at most 50 teams or forces in one line',
      path: ['quantity'],
    });
}

export const NeedModel = needRules(
  z.object({ ...NEED_FIELDS, neededBy: z.date().nullish(), note: optionalMultilineText(300) }),
);

/** suggestReinforcements' arguments, each parsed under its own name. */
export const SuggestionNeedsModel = z
  .array(needRules(z.object({ ...NEED_FIELDS, needId: text(40).nullish() })))
  .min(1, 'name at least one need')
  .max(30, 'at most 30 needs');

/** @returns the model of a `jurisdictions` argument: codes of the network directory. */
export function jurisdictionListModel(directory: NetworkDirectory) {
  return z
    .array(z.string().refine((c) => directory.has(c), { message: 'not a jurisdiction of the network directory' }))
    .max(100, 'at most 100 jurisdictions')
    .nullish();
}

export const SuggestionCountModel = int(1, 50);

export const SubmissionModel = z.object({
  requester: JurisdictionCode,
  incident: z.object({
    kind: text(40),
    title: text(100),
    location: PointModel,
    address: optionalText(200),
    severity: z.enum(['GENERAL', 'LARGE', 'MAJOR', 'EXTRAORDINARY']),
    exercise: z.boolean().nullish(),
  }),
  needs: z.array(NeedModel).min(1, 'name at least one need').max(30, 'at most 30 need lines'),
  targets: z
    .array(JurisdictionCode)
    .min(1, 'ask at least one jurisdiction')
    .max(30, 'at most 30 jurisdictions')
    .refine((t) => new Set(t).size === t.length, { message: 'each jurisdiction once' }),
  respondBy: z.date().nullish(),
  note: optionalMultilineText(1000),
});
export type Submission = z.infer<typeof SubmissionModel>;

export const IdempotencyKeyModel = z
  .string()
  .min(8, 'at least 8 characters (use a UUID)')
  .max(100, 'at most 100 characters')
  .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only');

export const ResponseModel = z
  .object({
    kind: z.enum(['OFFER', 'PROVISIONAL', 'DECLINE']),
    offers: z
      .array(
        z.object({
          needId: z.string().min(1).max(20),
          resourceId: z.string().min(1).max(120),
          quantity: int(1, 1_000_000).nullish(),
          etaMinutes: int(0, 7 * 24 * 60).nullish(),
        }),
      )
      .max(100, 'at most 100 resources in one response')
      .nullish(),
    reason: optionalMultilineText(500),
  })
  .refine((r) => (r.kind === 'DECLINE') === (r.offers ?? []).length < 1, {
    message: 'an OFFER or PROVISIONAL response names resources; a DECLINE names none',
    path: ['offers'],
  })
  .refine((r) => new Set((r.offers ?? []).map((o) => o.resourceId)).size === (r.offers ?? []).length, {
    message: 'each resource once',
    path: ['offers'],
  });
export type ResponseSubmission = z.infer<typeof ResponseModel>;

export const ResourceIdsModel = z.array(z.string().min(1).max(120)).min(1, 'name at least one resource').max(100);
export const ReasonModel = text(500);
export const NoteModel = optionalMultilineText(500);

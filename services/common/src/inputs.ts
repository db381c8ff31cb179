import { z } from 'zod';
import { badInput } from './errors';
import { codePointLength, quoteInput, textProblem, type TextLines } from './textRule';

/**
 * Building blocks of the services' input models. GraphQL checks types; these check ranges,
 * lengths and the text rule, and `parseInput` reports every bad field at once as BAD_USER_INPUT.
 * Every string input of every service goes through `text` or `multilineText` (or a stricter code
 * grammar such as a phone number or an id): which one is decided per field in the service's
 * domain/inputs.ts and stated in the field's SDL description.
 */

/**
 * A string input under the one text rule (textRule.ts): trimmed, then refused when empty, when it
 * holds a character the rule forbids, or when longer than `max` characters (code points).
 */
function ruledText(max: number, lines: TextLines) {
  return z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      const problem = value.length === 0 ? 'must not be empty' : textProblem(value, lines);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
      else if (codePointLength(value) > max) ctx.addIssue({ code: 'custom', message: `at most ${max} characters` });
    });
}

/** A single-line text: names, titles, places, roles, short reasons. */
export const text = (max: number) => ruledText(max, 'single');
export const optionalText = (max: number) => text(max).nullish();
/** A multi-line text (notes, summaries, minutes): line breaks (LF or CRLF) and tabs allowed. */
export const multilineText = (max: number) => ruledText(max, 'multi');
export const optionalMultilineText = (max: number) => multilineText(max).nullish();
export const int = (min: number, max: number) =>
  z.number().int('must be a whole number').min(min, `at least ${min}`).max(max, `at most ${max}`);

/** A jurisdiction code of the network directory (a filter or an argument naming one). */
export const knownJurisdiction = (directory: { has(code: string): boolean }) =>
  z.string().superRefine((code, ctx) => {
    if (!directory.has(code)) {
      ctx.addIssue({
        code: 'custom',
        message: `unknown jurisdiction ${quoteInput(code)}; see the jurisdictions query`,
      });
    }
  });

export const PointModel = z.object({
  lat: z.number().min(-90, 'latitude is between -90 and 90').max(90, 'latitude is between -90 and 90'),
  lng: z.number().min(-180, 'longitude is between -180 and 180').max(180, 'longitude is between -180 and 180'),
});

/**
 * Validates `value` against `model`.
 * @returns the parsed (trimmed, normalised) value.
 * @param argument the GraphQL argument `value` came from; '' when `value` gathers several arguments
 * (its keys are then the arguments' names).
 * @throws BAD_USER_INPUT naming every invalid field under `argument`.
 */
export function parseInput<M extends z.ZodType>(model: M, value: unknown, argument: string): z.infer<M> {
  const result = model.safeParse(value);
  if (result.success) return result.data;
  const fields = result.error.issues.map((i) => ({
    path: [...(argument ? [argument] : []), ...i.path.map(String)].join('.'),
    message: i.message,
  }));
  const summary = fields.map((f) => `${f.path}: ${f.message}`).join('; ');
  throw badInput(`Invalid input — ${summary}`, fields);
}

import { z } from 'zod';
import { badInput } from './errors';

/**
 * Building blocks of the services' input models. GraphQL checks types; these check ranges and
 * lengths, and `parseInput` reports every bad field at once as BAD_USER_INPUT.
 */
export const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);
export const optionalText = (max: number) => text(max).nullish();
export const int = (min: number, max: number) =>
  z.number().int('must be a whole number').min(min, `at least ${min}`).max(max, `at most ${max}`);

export const PointModel = z.object({
  lat: z.number().min(-90, 'latitude is between -90 and 90').max(90, 'latitude is between -90 and 90'),
  lng: z.number().min(-180, 'longitude is between -180 and 180').max(180, 'longitude is between -180 and 180'),
});

/**
 * Validates `value` against `model`.
 * @returns the parsed (trimmed, normalised) value.
 * @throws BAD_USER_INPUT naming every invalid field under `argument`.
 */
export function parseInput<M extends z.ZodType>(model: M, value: unknown, argument: string): z.infer<M> {
  const result = model.safeParse(value);
  if (result.success) return result.data;
  const fields = result.error.issues.map((i) => ({
    path: [argument, ...i.path.map(String)].join('.'),
    message: i.message,
  }));
  const summary = fields.map((f) => `${f.path}: ${f.message}`).join('; ');
  throw badInput(`Invalid input — ${summary}`, fields);
}

import { z } from 'zod';
import { int, optionalText, text } from '../../../common/src/inputs';
import { isJurisdictionCode } from '../../../common/src/ids';

/** Validation of every conference write, all problems reported at once as BAD_USER_INPUT. */
const JurisdictionCode = z
  .string()
  .refine(isJurisdictionCode, { message: 'not a jurisdiction code (e.g. wujin, tianning)' });

export const MeetingModel = z.object({
  title: text(120),
  scheduledAt: z.date(),
  location: text(120),
  host: JurisdictionCode,
  chair: optionalText(60),
  members: z
    .array(JurisdictionCode)
    .min(2, 'a joint meeting has at least two members')
    .max(30, 'at most 30 members')
    .refine((m) => new Set(m).size === m.length, { message: 'each member once' }),
  attendees: z
    .array(z.object({ name: text(60), title: optionalText(60), jurisdiction: JurisdictionCode }))
    .max(200, 'at most 200 attendees')
    .nullish(),
});

export const AgendaItemModel = z.object({ title: text(120), summary: optionalText(2000) });
export const ResolutionModel = z.object({ text: text(2000), agendaItemId: z.string().max(20).nullish() });
export const ActionModel = z.object({
  title: text(200),
  owner: JurisdictionCode,
  dueDate: z.date(),
  resolutionId: z.string().max(20).nullish(),
  relatedRequestId: z
    .string()
    .regex(/^[a-z][a-z0-9_.]*:ReinforcementRequest:[0-9a-f]{24}$/, 'a reinforcement request id')
    .nullish(),
});
export const ProgressModel = z.object({ note: text(2000), percent: int(0, 100) });
export const ReasonModel = text(500);
export const MinutesModel = text(20_000);
export const NoteModel = optionalText(2000);

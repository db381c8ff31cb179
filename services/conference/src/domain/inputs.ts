import { z } from 'zod';
import {
  int,
  knownJurisdiction,
  multilineText,
  optionalMultilineText,
  optionalText,
  text,
} from '../../../common/src/inputs';
import { isJurisdictionCode } from '../../../common/src/ids';

/**
 * Validation of every conference write, all problems reported at once as BAD_USER_INPUT. Text is
 * single-line (titles, places, names) unless built with a multi-line model here: summaries,
 * resolutions, progress notes, reasons and minutes are paragraphs.
 */
const JurisdictionCode = z
  .string()
  .refine(isJurisdictionCode, { message: 'not a jurisdiction code (e.g. wujin, tianning)' });

const RequestIdModel = z
  .string()
  .regex(/^[a-z][a-z0-9_.]*:ReinforcementRequest:[0-9a-f]{24}$/, 'a reinforcement request id');
const idOf = (type: string) =>
  z
    .string()
    .regex(
      new RegExp(`^[a-z][a-z0-9_.]*:${type}:[0-9a-f]{24}$`),
      `a ${type} id (<jurisdiction>:${type}:<24 hex digits>)`,
    );

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

export const AgendaItemModel = z.object({ title: text(120), summary: optionalMultilineText(2000) });
export const ResolutionModel = z.object({ text: multilineText(2000), agendaItemId: z.string().max(20).nullish() });
export const ActionModel = z.object({
  title: text(200),
  owner: JurisdictionCode,
  dueDate: z.date(),
  resolutionId: z.string().max(20).nullish(),
  relatedRequestId: RequestIdModel.nullish(),
});
export const ProgressModel = z.object({ note: multilineText(2000), percent: int(0, 100) });
export const ReasonModel = multilineText(500);
export const MinutesModel = multilineText(20_000);
export const NoteModel = optionalMultilineText(2000);

// --- read filters: a code or id that names nothing is refused, never an empty list ---------------

type Directory = { has(code: string): boolean };

export const MeetingFilterModel = (directory: Directory) =>
  z
    .object({ member: knownJurisdiction(directory).nullish(), from: z.date().nullish(), to: z.date().nullish() })
    .refine((f) => !f.from || !f.to || f.to >= f.from, { message: 'to must not be before from', path: ['to'] });

export const ActionFilterModel = (directory: Directory) =>
  z.object({
    owner: knownJurisdiction(directory).nullish(),
    meeting: idOf('JointMeeting').nullish(),
    relatedRequest: RequestIdModel.nullish(),
  });

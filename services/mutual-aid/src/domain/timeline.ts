import type { Actor } from '../commands/deps';
import type { EventRecord } from './records';

/** Timeline events are append-only: every step with actor, jurisdiction and time. */
export function event(at: Date, actor: Actor, type: string, detail: string): EventRecord {
  return { at, actor: actor.name, jurisdiction: actor.jurisdiction, type, detail };
}

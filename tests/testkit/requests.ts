import { TeamStatusDocument, type IncidentInput } from './__generated__/gateway-operations';
import { expectData, type GraphQLResult } from './graphql';
import type { AidNetwork } from './mutualAid';

/**
 * GraphQL documents (requests.graphql, typed against the gateway's API schema) and small helpers
 * shared by the mutual-aid tests.
 */
export {
  AcceptOfferDocument as ACCEPT,
  AcknowledgeRequestDocument as ACK,
  CancelRequestDocument as CANCEL,
  CloseRequestDocument as CLOSE,
  ConfirmOfferDocument as CONFIRM,
  GetRequestDocument as GET,
  NotificationsDocument as NOTIFICATIONS,
  ReleaseAssignmentDocument as RELEASE,
  ReportAssignmentStatusDocument as REPORT,
  RespondToRequestDocument as RESPOND,
  SubmitRequestDocument as SUBMIT,
  TeamStatusDocument as TEAM_STATUS,
} from './__generated__/gateway-operations';

/** A Wujin incident: the chemical park at Changzhou's west side (approximate). */
export const INCIDENT = {
  kind: '危化品泄漏',
  title: '武进高新区化工企业储罐泄漏',
  location: { lat: 31.69, lng: 119.96 },
  severity: 'MAJOR',
} satisfies IncidentInput;

export function inMs(ms: number): string {
  return new Date(Date.now() + ms).toISOString();
}

/** @returns the status of a team, read through the gateway from its own node. */
export async function teamStatus(net: AidNetwork, id: string): Promise<string> {
  const owner = id.split(':')[0]!;
  const r = expectData(await net.as(owner, 'commander', TeamStatusDocument, { id }));
  if (!r.team) throw new Error(`no team ${id}`);
  return r.team.status;
}

/** Polls `read` until `accept` holds, or fails after `timeoutMs`. */
export async function eventually<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 10_000,
  stepMs = 100,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: T = await read();
  while (!accept(last)) {
    if (Date.now() > until) {
      throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(last).slice(0, 2000)}`);
    }
    await new Promise((r) => setTimeout(r, stepMs));
    last = await read();
  }
  return last;
}

export function data<T>(r: GraphQLResult<T>): T {
  return expectData(r);
}

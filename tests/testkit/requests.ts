import { expectData, type GraphQLResult } from './graphql';
import type { AidNetwork } from './mutualAid';

/** GraphQL documents and small helpers shared by the mutual-aid tests. */
export const REQUEST_FIELDS = `
  id number label status respondBy requestedBy createdAt
  requester { code name }
  incident { kind title severity exercise location { lat lng } }
  targets { code name }
  needs { id kind teamType supplyItem quantity offeredQuantity acceptedQuantity fulfilledQuantity fill }
  acknowledgements { jurisdiction { code } by at }
  responses { id kind responder { code } by at reason offered { resourceId needId name quantity state reason pending etaMinutes jurisdiction { code } } }
  assignments { id resourceId needId name status pending history { status at by jurisdiction { code } note } }
  escalations { ring at silent { code } notified { code } added { code } respondBy }
  pendingActions { kind resourceId attempts lastError jurisdiction { code } }
  timeline { at actor jurisdiction { code } type detail }
`;

export const SUBMIT = `mutation($input: ReinforcementRequestInput!, $key: String!) { submitReinforcementRequest(input: $input, idempotencyKey: $key) { ${REQUEST_FIELDS} } }`;
export const GET = `query($id: ID!) { reinforcementRequest(id: $id) { ${REQUEST_FIELDS} } }`;
export const ACK = `mutation($id: ID!) { acknowledgeRequest(requestId: $id) { id acknowledgements { jurisdiction { code } } } }`;
export const RESPOND = `mutation($id: ID!, $input: ResponseInput!) { respondToRequest(requestId: $id, input: $input) { ${REQUEST_FIELDS} } }`;
export const CONFIRM = `mutation($id: ID!, $ids: [ID!]!) { confirmOffer(requestId: $id, resourceIds: $ids) { ${REQUEST_FIELDS} } }`;
export const ACCEPT = `mutation($id: ID!, $ids: [ID!]!) { acceptOffer(requestId: $id, resourceIds: $ids) { ${REQUEST_FIELDS} } }`;
export const REPORT = `mutation($a: ID!, $s: AssignmentStatus!, $note: String) { reportAssignmentStatus(assignmentId: $a, status: $s, note: $note) { ${REQUEST_FIELDS} } }`;
export const RELEASE = `mutation($a: ID!) { releaseAssignment(assignmentId: $a) { ${REQUEST_FIELDS} } }`;
export const CANCEL = `mutation($id: ID!, $reason: String!) { cancelRequest(requestId: $id, reason: $reason) { ${REQUEST_FIELDS} } }`;
export const CLOSE = `mutation($id: ID!) { closeRequest(requestId: $id) { ${REQUEST_FIELDS} } }`;
export const NOTIFICATIONS = `query($j: ID!, $unread: Boolean) { notifications(jurisdiction: $j, unreadOnly: $unread) { id kind title body exercise createdAt readAt request { id number } } }`;
export const TEAM_STATUS = `query($id: ID!) { team(id: $id) { id status reservedFor } }`;

/** A Wujin incident: the chemical park at Changzhou's west side (approximate). */
export const INCIDENT = {
  kind: '危化品泄漏',
  title: '武进高新区化工企业储罐泄漏',
  location: { lat: 31.69, lng: 119.96 },
  severity: 'MAJOR',
};

export function inMs(ms: number): string {
  return new Date(Date.now() + ms).toISOString();
}

/** @returns the status of a team, read through the gateway from its own node. */
export async function teamStatus(net: AidNetwork, id: string): Promise<string> {
  const owner = id.split(':')[0]!;
  const r = expectData(await net.as<{ team: { status: string } }>(owner, 'commander', TEAM_STATUS, { id }));
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
    if (Date.now() > until)
      throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(last).slice(0, 2000)}`);
    await new Promise((r) => setTimeout(r, stepMs));
    last = await read();
  }
  return last;
}

export function data<T>(r: GraphQLResult<T>): T {
  return expectData(r);
}

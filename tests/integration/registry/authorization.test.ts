import { createHmac } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Role } from '../../../services/common/src/auth';
import { creditCodeCheckChar } from '../../../services/registry/src/domain/creditCode';
import type { RegistryNode } from '../../../services/registry/src/registryNode';
import { errorCodes, expectData, graphql, type GraphQLResult } from '../../testkit/graphql';
import { databaseSnapshot, startTestNode, stopTestNode } from '../../testkit/registry';
import { AUDIENCE, ISSUER, impostorKey, publicKeys, signingKey, tokenFor } from '../../testkit/tokens';

/**
 * Acceptance: no token, an expired token, a wrong signature and a wrong audience all get
 * UNAUTHENTICATED (HTTP 401); a Jintan registrar writing in Wujin gets FORBIDDEN; an observer sees
 * masked phones, a duty officer and a commander see them whole; a social group edits only its own
 * registration. Nothing is written on a refused request.
 */

let node: RegistryNode;

const as = (jurisdiction: string, roles: Role[], extra: { sub?: string; org?: string } = {}) =>
  tokenFor({ jurisdiction, roles, ...extra });
const wujinRegistrar = () => as('wujin', ['registrar']);
const wujinCommander = () => as('wujin', ['commander']);
const wujinService = () => as('wujin', ['service']);
const groupA = () => as('wujin', ['social_org'], { sub: 'org-a-admin', org: 'org-a' });
const groupAColleague = () => as('wujin', ['social_org'], { sub: 'org-a-second', org: 'org-a' });
const groupB = () => as('wujin', ['social_org'], { sub: 'org-b-admin', org: 'org-b' });

const PHONE = '13812345678';
const MASKED = '138****5678';
const SHIFT_PHONE = '13987654321';
const SHIFT_MASKED = '139****4321';

const fx = { teamId: '', teamVersion: 0, depotId: '', shiftId: '' };

function creditCode(first17: string): string {
  const check = creditCodeCheckChar(first17);
  if (!check) throw new Error(`not a credit code prefix: ${first17}`);
  return first17 + check;
}

const validTeam = () => ({
  name: '武进区防汛抢险队',
  type: 'flood',
  kind: 'SPECIALIST',
  tier: 1,
  headcount: 40,
  base: { lat: 31.71, lng: 119.95 },
  readinessMinutes: 20,
  contact: { name: '周队长', role: '队长', phone: PHONE },
});

const validForce = (code: string, name = '常州蓝天救援队') => ({
  name,
  creditCode: code,
  capabilities: [{ capability: 'water_sar', grade: 'GRADE_3' }, { capability: 'collapse_sar' }],
  members: 45,
  base: { lat: 31.76, lng: 119.97 },
  range: 'CITY',
  assemblyMinutes: 40,
  contact: { name: '吴队长', phone: '13900001111' },
});

const validDepot = () => ({
  name: '武进区应急物资仓库',
  location: { lat: 31.7, lng: 119.94 },
  contact: { name: '王保管', phone: '0519-86661234' },
});

const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

const CREATE_TEAM =
  'mutation($jurisdiction: ID!, $input: TeamInput!) { createTeam(jurisdiction: $jurisdiction, input: $input) { id version } }';
const UPDATE_TEAM =
  'mutation($id: ID!, $input: TeamUpdateInput!, $v: Int!) { updateTeam(id: $id, input: $input, expectedVersion: $v) { id version } }';
const SET_TEAM_STATUS =
  'mutation($id: ID!, $status: ResourceStatus!, $v: Int!) { setTeamStatus(id: $id, status: $status, expectedVersion: $v) { id status version } }';
const RESERVE_TEAM =
  'mutation($id: ID!, $requestId: ID!) { reserveTeam(id: $id, requestId: $requestId) { id status } }';
const RELEASE_TEAM =
  'mutation($id: ID!, $requestId: ID!) { releaseTeam(id: $id, requestId: $requestId) { id status } }';
const RESERVE_STOCK =
  'mutation($depotId: ID!, $item: ID!, $quantity: Int!, $requestId: ID!) { reserveStock(depotId: $depotId, item: $item, quantity: $quantity, requestId: $requestId) { id reserved } }';
const CREATE_DEPOT =
  'mutation($jurisdiction: ID!, $input: DepotInput!) { createDepot(jurisdiction: $jurisdiction, input: $input) { id } }';
const SET_STOCK =
  'mutation($depotId: ID!, $item: ID!, $quantity: Int!) { setStock(depotId: $depotId, item: $item, quantity: $quantity) { id quantity } }';
const SCHEDULE_DUTY =
  'mutation($jurisdiction: ID!, $input: DutyShiftInput!) { scheduleDuty(jurisdiction: $jurisdiction, input: $input) { id } }';
const SET_DUTY_REGIME =
  'mutation($jurisdiction: ID!) { setDutyRegime(jurisdiction: $jurisdiction, regime: THREE_THIRDS) { code } }';
const CREATE_EXPERT =
  'mutation($jurisdiction: ID!, $input: ExpertInput!) { createExpert(jurisdiction: $jurisdiction, input: $input) { id } }';
const REGISTER_FORCE =
  'mutation($jurisdiction: ID!, $input: SocialForceInput!) { registerSocialForce(jurisdiction: $jurisdiction, input: $input) { id verification version } }';
const UPDATE_FORCE =
  'mutation($id: ID!, $input: SocialForceUpdateInput!, $v: Int!) { updateSocialForce(id: $id, input: $input, expectedVersion: $v) { id name version } }';
const SET_FORCE_STATUS =
  'mutation($id: ID!, $status: ResourceStatus!, $v: Int!) { setSocialForceStatus(id: $id, status: $status, expectedVersion: $v) { id status version } }';
const REVIEW_FORCE =
  'mutation($id: ID!, $decision: ReviewDecision!, $grades: [CapabilityAssessmentInput!]) { reviewSocialForce(id: $id, decision: $decision, grades: $grades) { id verification capabilities { capability { code } grade } } }';
const SOCIAL_FORCES =
  'query($filter: SocialForceFilter) { socialForces(filter: $filter, first: 500) { totalCount edges { node { id name verification } } } }';
const SOCIAL_FORCE = 'query($id: ID!) { socialForce(id: $id) { id verification } }';
const TEAM_PHONE =
  'query($id: ID!) { team(id: $id) { contact { name phone } } teams(first: 500) { edges { node { id contact { phone } } } } }';
const ON_DUTY = '{ onDuty { id phone officer } }';
const DUTY_ROSTER =
  'query($from: DateTime!, $to: DateTime!) { dutyRoster(jurisdiction: "wujin", from: $from, to: $to) { id phone } }';

/** Runs a request that must be refused, and checks that the database did not change. */
async function refused(send: () => Promise<GraphQLResult>): Promise<GraphQLResult> {
  const before = await databaseSnapshot(node.store);
  const res = await send();
  expect(await databaseSnapshot(node.store)).toEqual(before);
  for (const e of res.errors ?? []) {
    expect(e.message.trim().length).toBeGreaterThan(10);
    expect(e.message).not.toMatch(/\n\s+at \S/);
  }
  return res;
}

beforeAll(async () => {
  node = await startTestNode('wujin');
  const team = expectData(
    await graphql<{ createTeam: { id: string; version: number } }>(
      node.url,
      CREATE_TEAM,
      { jurisdiction: 'wujin', input: validTeam() },
      wujinRegistrar(),
    ),
  );
  fx.teamId = team.createTeam.id;
  fx.teamVersion = team.createTeam.version;
  const depot = expectData(
    await graphql<{ createDepot: { id: string } }>(
      node.url,
      CREATE_DEPOT,
      { jurisdiction: 'wujin', input: validDepot() },
      wujinRegistrar(),
    ),
  );
  fx.depotId = depot.createDepot.id;
  expectData(
    await graphql(node.url, SET_STOCK, { depotId: fx.depotId, item: 'straw_bag', quantity: 100 }, wujinRegistrar()),
  );
  const shift = expectData(
    await graphql<{ scheduleDuty: { id: string } }>(
      node.url,
      SCHEDULE_DUTY,
      {
        jurisdiction: 'wujin',
        input: {
          startsAt: inHours(-2),
          endsAt: inHours(10),
          posture: 'ON_POST',
          leader: '孙局长',
          officer: '李值班',
          phone: SHIFT_PHONE,
        },
      },
      wujinCommander(),
    ),
  );
  fx.shiftId = shift.scheduleDuty.id;
});

afterAll(async () => {
  if (node) await stopTestNode(node);
});

// -------------------------------------------------------------------------------------------
// Authentication
// -------------------------------------------------------------------------------------------

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    sub: 'commander@wujin',
    name: '测试',
    jurisdiction: 'wujin',
    roles: ['commander'],
    aud: AUDIENCE,
    iss: ISSUER,
    iat: now,
    exp: now + 3600,
    ...overrides,
  };
}

/** A token signed with the development key but carrying the given claims. */
function signedWith(payload: Record<string, unknown>): string {
  const key = signingKey();
  return jwt.sign(payload, key.privateKey, { algorithm: key.alg, keyid: key.kid });
}

/** `alg: none`: no signature at all. */
function unsignedToken(): string {
  return `${b64({ alg: 'none', typ: 'JWT', kid: signingKey().kid })}.${b64(claims())}.`;
}

/** HS256 with the public key as the HMAC secret (algorithm confusion). */
function hmacWithPublicKey(): string {
  const kid = signingKey().kid;
  const input = `${b64({ alg: 'HS256', typ: 'JWT', kid })}.${b64(claims())}`;
  return `${input}.${createHmac('sha256', publicKeys()[kid] as string)
    .update(input)
    .digest('base64url')}`;
}

async function withAuthHeader(
  header: string | undefined,
  query: string,
  variables: Record<string, unknown>,
): Promise<GraphQLResult> {
  const res = await fetch(node.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(header === undefined ? {} : { authorization: header }) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, ...((await res.json()) as Omit<GraphQLResult, 'status'>) };
}

const commanderSpec = { jurisdiction: 'wujin', roles: ['commander'] as Role[] };

const unauthenticated: [string, () => string | undefined][] = [
  ['no token', () => undefined],
  ['an expired token', () => `Bearer ${tokenFor(commanderSpec, { expiresIn: -10 })}`],
  ['a wrong signature', () => `Bearer ${tokenFor(commanderSpec, { key: impostorKey() })}`],
  ['a wrong audience', () => `Bearer ${tokenFor(commanderSpec, { audience: 'someone-else' })}`],
  ['a wrong issuer', () => `Bearer ${signedWith(claims({ iss: 'someone-else' }))}`],
  ['an unsigned token (alg none)', () => `Bearer ${unsignedToken()}`],
  ['HS256 signed with the public key', () => `Bearer ${hmacWithPublicKey()}`],
  [
    'a token without jurisdiction and roles',
    () => `Bearer ${signedWith(claims({ jurisdiction: undefined, roles: undefined }))}`,
  ],
  // DESIGN.md 5: only known roles; a token with an unknown one is not a user without roles.
  [
    'a token whose only role is unknown',
    () => `Bearer ${tokenFor({ jurisdiction: 'wujin', roles: ['superuser' as Role] })}`,
  ],
  ['a bearer value that is not a JWT', () => 'Bearer not.a.jwt'],
  ['a Basic authorization header', () => `Basic ${Buffer.from('admin:admin').toString('base64')}`],
];

describe('authentication', () => {
  test.each(unauthenticated)(
    '%s gets 401 UNAUTHENTICATED for a write, and nothing is written',
    async (_label, header) => {
      const res = await refused(() =>
        withAuthHeader(header(), CREATE_TEAM, { jurisdiction: 'wujin', input: validTeam() }),
      );
      expect(res.status).toBe(401);
      expect(errorCodes(res)).toEqual(['UNAUTHENTICATED']);
      expect(res.data ?? null).toBeNull();
    },
  );

  test.each(unauthenticated)('%s gets 401 UNAUTHENTICATED for a read', async (_label, header) => {
    const res = await withAuthHeader(header(), TEAM_PHONE, { id: fx.teamId });
    expect(res.status).toBe(401);
    expect(errorCodes(res)).toEqual(['UNAUTHENTICATED']);
    expect(res.data ?? null).toBeNull();
  });

  test('the 401 says why, without leaking a stack trace', async () => {
    const res = await withAuthHeader(
      `Bearer ${tokenFor(commanderSpec, { expiresIn: -10 })}`,
      '{ teamTypes { code } }',
      {},
    );
    expect(res.errors?.[0]?.message).toMatch(/expired/);
    expect(res.errors?.[0]?.message).not.toMatch(/\n\s+at \S/);
    expect(res.errors?.[0]?.extensions).not.toHaveProperty('stacktrace');
  });
});

// -------------------------------------------------------------------------------------------
// Roles and jurisdictions
// -------------------------------------------------------------------------------------------

interface ForbiddenCase {
  name: string;
  token: () => string;
  query: string;
  variables: () => Record<string, unknown>;
}

const shiftInput = () => ({
  startsAt: inHours(30),
  endsAt: inHours(40),
  posture: 'STANDBY',
  leader: '外区领导',
  officer: '外区值班员',
  phone: '13800000000',
});
const expertInput = () => ({
  name: '陈专家',
  specialties: ['危化品'],
  contact: { name: '陈专家', phone: '13700000000' },
});

const forbidden: ForbiddenCase[] = [
  {
    name: 'a Jintan registrar creates a team in Wujin',
    token: () => as('jintan', ['registrar']),
    query: CREATE_TEAM,
    variables: () => ({ jurisdiction: 'wujin', input: validTeam() }),
  },
  {
    name: 'a Jintan registrar edits a Wujin team',
    token: () => as('jintan', ['registrar']),
    query: UPDATE_TEAM,
    variables: () => ({ id: fx.teamId, input: { name: '被金坛改名' }, v: fx.teamVersion }),
  },
  {
    name: 'a Jintan commander changes a Wujin team status',
    token: () => as('jintan', ['commander']),
    query: SET_TEAM_STATUS,
    variables: () => ({ id: fx.teamId, status: 'OUT_OF_SERVICE', v: fx.teamVersion }),
  },
  {
    name: 'a Jintan registrar creates a depot in Wujin',
    token: () => as('jintan', ['registrar']),
    query: CREATE_DEPOT,
    variables: () => ({ jurisdiction: 'wujin', input: validDepot() }),
  },
  {
    name: 'a Jintan registrar sets Wujin stock',
    token: () => as('jintan', ['registrar']),
    query: SET_STOCK,
    variables: () => ({ depotId: fx.depotId, item: 'straw_bag', quantity: 1 }),
  },
  {
    name: 'a Jintan registrar creates an expert in Wujin',
    token: () => as('jintan', ['registrar']),
    query: CREATE_EXPERT,
    variables: () => ({ jurisdiction: 'wujin', input: expertInput() }),
  },
  {
    name: 'a Jintan registrar registers a social force in Wujin',
    token: () => as('jintan', ['registrar']),
    query: REGISTER_FORCE,
    variables: () => ({ jurisdiction: 'wujin', input: validForce(creditCode('91320482MA1X00001')) }),
  },
  {
    name: 'a Jintan commander schedules Wujin duty',
    token: () => as('jintan', ['commander']),
    query: SCHEDULE_DUTY,
    variables: () => ({ jurisdiction: 'wujin', input: shiftInput() }),
  },
  {
    name: 'a Jintan commander switches the Wujin duty regime',
    token: () => as('jintan', ['commander']),
    query: SET_DUTY_REGIME,
    variables: () => ({ jurisdiction: 'wujin' }),
  },
  {
    name: 'a city (Changzhou) registrar creates a team in Wujin',
    token: () => as('changzhou', ['registrar']),
    query: CREATE_TEAM,
    variables: () => ({ jurisdiction: 'wujin', input: validTeam() }),
  },
  {
    name: 'a Wujin observer creates a team',
    token: () => as('wujin', ['observer']),
    query: CREATE_TEAM,
    variables: () => ({ jurisdiction: 'wujin', input: validTeam() }),
  },
  {
    name: 'a Wujin observer edits a team',
    token: () => as('wujin', ['observer']),
    query: UPDATE_TEAM,
    variables: () => ({ id: fx.teamId, input: { name: '观察员改名' }, v: fx.teamVersion }),
  },
  {
    name: 'a Wujin observer changes a team status',
    token: () => as('wujin', ['observer']),
    query: SET_TEAM_STATUS,
    variables: () => ({ id: fx.teamId, status: 'STANDBY', v: fx.teamVersion }),
  },
  {
    name: 'a Wujin duty officer creates a team',
    token: () => as('wujin', ['duty_officer']),
    query: CREATE_TEAM,
    variables: () => ({ jurisdiction: 'wujin', input: validTeam() }),
  },
  {
    name: 'a Wujin secretariat creates a team',
    token: () => as('wujin', ['secretariat']),
    query: CREATE_TEAM,
    variables: () => ({ jurisdiction: 'wujin', input: validTeam() }),
  },
  {
    name: 'a Wujin registrar schedules duty',
    token: wujinRegistrar,
    query: SCHEDULE_DUTY,
    variables: () => ({ jurisdiction: 'wujin', input: shiftInput() }),
  },
  {
    name: 'a social group creates a team',
    token: groupA,
    query: CREATE_TEAM,
    variables: () => ({ jurisdiction: 'wujin', input: validTeam() }),
  },
  {
    name: 'a Wujin commander reserves a team (service only)',
    token: wujinCommander,
    query: RESERVE_TEAM,
    variables: () => ({ id: fx.teamId, requestId: 'req-by-hand' }),
  },
  {
    name: 'a Wujin registrar releases a team (service only)',
    token: wujinRegistrar,
    query: RELEASE_TEAM,
    variables: () => ({ id: fx.teamId, requestId: 'req-by-hand' }),
  },
  {
    name: 'a Wujin commander reserves stock (service only)',
    token: wujinCommander,
    query: RESERVE_STOCK,
    variables: () => ({ depotId: fx.depotId, item: 'straw_bag', quantity: 5, requestId: 'req-by-hand' }),
  },
];

describe('roles and jurisdictions', () => {
  test.each(forbidden)('$name → FORBIDDEN, nothing written', async (c) => {
    const res = await refused(() => graphql(node.url, c.query, c.variables(), c.token()));
    expect(errorCodes(res)).toEqual(['FORBIDDEN']);
    const data = res.data;
    for (const value of Object.values(data ?? {})) expect(value).toBeNull();
  });

  test('the refusal of a foreign registrar names the rule', async () => {
    const res = await graphql(
      node.url,
      CREATE_TEAM,
      { jurisdiction: 'wujin', input: validTeam() },
      as('jintan', ['registrar']),
    );
    expect(res.errors?.[0]?.message).toMatch(/jintan may not .* in wujin/);
  });

  test('the same writes succeed for the right role of the right jurisdiction', async () => {
    // Controls for the table above: the refusals are about who asks, not about the request.
    const team = expectData(
      await graphql<{ createTeam: { id: string; version: number } }>(
        node.url,
        CREATE_TEAM,
        { jurisdiction: 'wujin', input: validTeam() },
        wujinRegistrar(),
      ),
    );
    const status = expectData(
      await graphql<{ setTeamStatus: { status: string; version: number } }>(
        node.url,
        SET_TEAM_STATUS,
        { id: team.createTeam.id, status: 'STANDBY', v: team.createTeam.version },
        as('wujin', ['duty_officer']),
      ),
    );
    expect(status.setTeamStatus).toEqual({
      id: team.createTeam.id,
      status: 'STANDBY',
      version: team.createTeam.version + 1,
    });
    const reserved = expectData(
      await graphql<{ reserveTeam: { status: string } }>(
        node.url,
        RESERVE_TEAM,
        { id: team.createTeam.id, requestId: 'req-auth-1' },
        wujinService(),
      ),
    );
    expect(reserved.reserveTeam.status).toBe('RESERVED');
    expectData(
      await graphql(
        node.url,
        SCHEDULE_DUTY,
        { jurisdiction: 'wujin', input: shiftInput() },
        as('wujin', ['duty_officer']),
      ),
    );
  });
});

// -------------------------------------------------------------------------------------------
// Phone masking
// -------------------------------------------------------------------------------------------

interface PhoneView {
  team: { contact: { name: string; phone: string | null } } | null;
  teams: { edges: { node: { id: string; contact: { phone: string | null } } }[] };
}

async function phonesSeenBy(token: string) {
  const team = expectData(await graphql<PhoneView>(node.url, TEAM_PHONE, { id: fx.teamId }, token));
  const onDuty = expectData(await graphql<{ onDuty: { id: string; phone: string }[] }>(node.url, ON_DUTY, {}, token));
  const roster = expectData(
    await graphql<{ dutyRoster: { id: string; phone: string }[] }>(
      node.url,
      DUTY_ROSTER,
      { from: inHours(-3), to: inHours(3) },
      token,
    ),
  );
  return {
    team: team.team?.contact.phone,
    teamInList: team.teams.edges.find((e) => e.node.id === fx.teamId)?.node.contact.phone,
    onDuty: onDuty.onDuty.find((s) => s.id === fx.shiftId)?.phone,
    roster: roster.dutyRoster.find((s) => s.id === fx.shiftId)?.phone,
  };
}

describe('phone numbers', () => {
  test.each([
    ['a Wujin observer', () => as('wujin', ['observer'])],
    ['a Jintan observer', () => as('jintan', ['observer'])],
    ['a Wujin registrar', wujinRegistrar],
    ['a social group', groupA],
  ])('%s sees them masked (138****5678)', async (_label, token) => {
    expect(await phonesSeenBy(token())).toEqual({
      team: MASKED,
      teamInList: MASKED,
      onDuty: SHIFT_MASKED,
      roster: SHIFT_MASKED,
    });
  });

  test.each([
    ['a Wujin duty officer', () => as('wujin', ['duty_officer'])],
    ['a Wujin commander', wujinCommander],
  ])('%s sees them whole', async (_label, token) => {
    expect(await phonesSeenBy(token())).toEqual({
      team: PHONE,
      teamInList: PHONE,
      onDuty: SHIFT_PHONE,
      roster: SHIFT_PHONE,
    });
  });

  test('the stored numbers are whole: masking happens on the way out', async () => {
    const team = await node.store.teams.findById(fx.teamId.split(':')[2]).lean().exec();
    expect(team?.contact.phone).toBe(PHONE);
  });
});

// -------------------------------------------------------------------------------------------
// Social groups and the visibility of unverified registrations
// -------------------------------------------------------------------------------------------

interface ForceList {
  socialForces: { totalCount: number; edges: { node: { id: string; name: string; verification: string } }[] };
}

async function forceIdsSeenBy(token: string, filter?: Record<string, unknown>): Promise<string[]> {
  const data = expectData(await graphql<ForceList>(node.url, SOCIAL_FORCES, filter ? { filter } : {}, token));
  expect(data.socialForces.totalCount).toBe(data.socialForces.edges.length);
  return data.socialForces.edges.map((e) => e.node.id);
}

describe('a social group edits only its own registration', () => {
  let forceId = '';
  let version = 0;

  beforeAll(async () => {
    const res = expectData(
      await graphql<{ registerSocialForce: { id: string; verification: string; version: number } }>(
        node.url,
        REGISTER_FORCE,
        { jurisdiction: 'wujin', input: validForce(creditCode('91320412MA1A0000A'), 'A 组救援队') },
        groupA(),
      ),
    );
    forceId = res.registerSocialForce.id;
    version = res.registerSocialForce.version;
    expect(res.registerSocialForce.verification).toBe('PENDING');
  });

  test('the group edits its own registration', async () => {
    const res = expectData(
      await graphql<{ updateSocialForce: { name: string; version: number } }>(
        node.url,
        UPDATE_FORCE,
        { id: forceId, input: { name: 'A 组救援队(更名)' }, v: version },
        groupA(),
      ),
    );
    expect(res.updateSocialForce).toEqual({ id: forceId, name: 'A 组救援队(更名)', version: version + 1 });
    version += 1;
  });

  test('another member of the same group (same org) may edit it too', async () => {
    const res = expectData(
      await graphql<{ updateSocialForce: { version: number } }>(
        node.url,
        UPDATE_FORCE,
        { id: forceId, input: { members: 50 }, v: version },
        groupAColleague(),
      ),
    );
    expect(res.updateSocialForce.version).toBe(version + 1);
    version += 1;
  });

  test.each([
    [
      'another group edits it',
      () => groupB(),
      () => ({ query: UPDATE_FORCE, variables: { id: forceId, input: { name: 'B 组抢注' }, v: version } }),
    ],
    [
      'another group changes its status',
      () => groupB(),
      () => ({ query: SET_FORCE_STATUS, variables: { id: forceId, status: 'OUT_OF_SERVICE', v: version } }),
    ],
    [
      'a group with no org claim edits it',
      () => as('wujin', ['social_org'], { sub: 'lonely-volunteer' }),
      () => ({ query: UPDATE_FORCE, variables: { id: forceId, input: { name: '无组织' }, v: version } }),
    ],
    [
      'the group reviews itself',
      () => groupA(),
      () => ({ query: REVIEW_FORCE, variables: { id: forceId, decision: 'VERIFY' } }),
    ],
    [
      'a Jintan registrar edits it',
      () => as('jintan', ['registrar']),
      () => ({ query: UPDATE_FORCE, variables: { id: forceId, input: { name: '金坛改名' }, v: version } }),
    ],
    [
      'a Wujin observer edits it',
      () => as('wujin', ['observer']),
      () => ({ query: UPDATE_FORCE, variables: { id: forceId, input: { name: '观察员改名' }, v: version } }),
    ],
  ])('FORBIDDEN when %s; nothing written', async (_label, token, request) => {
    const { query, variables } = request();
    const res = await refused(() => graphql(node.url, query, variables, token()));
    expect(errorCodes(res)).toEqual(['FORBIDDEN']);
  });

  test('another group does not even see the pending registration', async () => {
    expect(await forceIdsSeenBy(groupB())).not.toContain(forceId);
    const one = expectData(await graphql<{ socialForce: unknown }>(node.url, SOCIAL_FORCE, { id: forceId }, groupB()));
    expect(one.socialForce).toBeNull();
    expect(await forceIdsSeenBy(groupA())).toContain(forceId);
  });

  test('a registrar of the same jurisdiction edits it', async () => {
    const res = expectData(
      await graphql<{ updateSocialForce: { name: string; version: number } }>(
        node.url,
        UPDATE_FORCE,
        { id: forceId, input: { name: 'A 组救援队(登记员更正)' }, v: version },
        wujinRegistrar(),
      ),
    );
    expect(res.updateSocialForce).toEqual({ id: forceId, name: 'A 组救援队(登记员更正)', version: version + 1 });
  });
});

describe('outsiders see only VERIFIED social forces', () => {
  let pendingId = '';
  const jintanCommander = () => as('jintan', ['commander']);

  beforeAll(async () => {
    const res = expectData(
      await graphql<{ registerSocialForce: { id: string } }>(
        node.url,
        REGISTER_FORCE,
        { jurisdiction: 'wujin', input: validForce(creditCode('91320412MA1B0000B'), '待审核救援队') },
        wujinRegistrar(),
      ),
    );
    pendingId = res.registerSocialForce.id;
  });

  test("the jurisdiction's own staff see PENDING registrations", async () => {
    expect(await forceIdsSeenBy(wujinRegistrar())).toContain(pendingId);
    expect(await forceIdsSeenBy(as('wujin', ['observer']))).toContain(pendingId);
  });

  test('a Jintan commander does not see the PENDING force, whatever the filter', async () => {
    expect(await forceIdsSeenBy(jintanCommander())).not.toContain(pendingId);
    expect(await forceIdsSeenBy(jintanCommander(), { verifications: ['PENDING'] })).toEqual([]);
    const one = expectData(
      await graphql<{ socialForce: unknown }>(node.url, SOCIAL_FORCE, { id: pendingId }, jintanCommander()),
    );
    expect(one.socialForce).toBeNull();
  });

  test('after a Wujin registrar verifies it (with grades), Jintan sees it with the assessed grades', async () => {
    const reviewed = expectData(
      await graphql<{
        reviewSocialForce: { verification: string; capabilities: { capability: { code: string }; grade: string }[] };
      }>(
        node.url,
        REVIEW_FORCE,
        { id: pendingId, decision: 'VERIFY', grades: [{ capability: 'water_sar', grade: 'GRADE_1' }] },
        wujinRegistrar(),
      ),
    );
    expect(reviewed.reviewSocialForce.verification).toBe('VERIFIED');
    expect(reviewed.reviewSocialForce.capabilities).toEqual([
      { capability: { code: 'water_sar' }, grade: 'GRADE_1' },
      { capability: { code: 'collapse_sar' }, grade: 'UNGRADED' },
    ]);
    expect(await forceIdsSeenBy(jintanCommander())).toContain(pendingId);
    const one = expectData(
      await graphql<{ socialForce: { verification: string } | null }>(
        node.url,
        SOCIAL_FORCE,
        { id: pendingId },
        jintanCommander(),
      ),
    );
    expect(one.socialForce?.verification).toBe('VERIFIED');
    // Still only VERIFIED ones: the other (pending) registrations of this node stay hidden.
    const all = expectData(await graphql<ForceList>(node.url, SOCIAL_FORCES, {}, jintanCommander()));
    expect(all.socialForces.edges.map((e) => e.node.verification)).toEqual(['VERIFIED']);
    expect(await node.store.socialForces.countDocuments({ verification: 'PENDING' }).exec()).toBeGreaterThan(0);
  });
});

import { creditCodeCheckChar } from '../../../services/registry/src/domain/creditCode';
import type { RegistryNode } from '../../../services/registry/src/registryNode';
import { expectData, graphql, type GraphQLResult } from '../../testkit/graphql';
import { databaseSnapshot, startTestNode, stopTestNode } from '../../testkit/registry';
import { tokenFor } from '../../testkit/tokens';

/**
 * Acceptance: a table of bad inputs gets the right code for each and leaves the database unchanged.
 * Every case runs against a real wujin node, with a token that passes authorization, so the only
 * reason to refuse is the input itself.
 */

let node: RegistryNode;

// Fixture records created once through the API; the cases point at them.
const fx = { teamId: '', teamVersion: 0, depotId: '', forceId: '', forceCode: '' };

/** Registrar + commander of wujin: may do every write of the node except the reservation protocol. */
const staff = () => tokenFor({ jurisdiction: 'wujin', roles: ['registrar', 'commander'] });
/** The mutual-aid service: the only role allowed to call the reservation protocol. */
const service = () => tokenFor({ jurisdiction: 'wujin', roles: ['service'] });

function creditCode(first17: string): string {
  const check = creditCodeCheckChar(first17);
  if (!check) throw new Error(`not a credit code prefix: ${first17}`);
  return first17 + check;
}

/** The local (hex) part of a global id, to build ids with another prefix or type. */
const localPart = (id: string) => id.split(':')[2] as string;

const validTeam = () => ({
  name: '武进区危化品应急救援队',
  type: 'hazmat',
  kind: 'SPECIALIST',
  tier: 2,
  headcount: 30,
  equipment: [{ name: '防化服', quantity: 20 }],
  base: { lat: 31.71, lng: 119.95 },
  readinessMinutes: 15,
  contact: { name: '张队长', role: '队长', phone: '13812345678' },
});

const validForce = (code: string) => ({
  name: '常州蓝天救援队',
  creditCode: code,
  capabilities: [{ capability: 'water_sar', grade: 'GRADE_2' }, { capability: 'collapse_sar' }],
  members: 60,
  equipment: [{ name: '冲锋舟', quantity: 4 }],
  base: { lat: 31.76, lng: 119.97 },
  range: 'CITY',
  assemblyMinutes: 30,
  contact: { name: '李队长', phone: '13900001111' },
});

const validDepot = () => ({
  name: '武进区防汛物资仓库',
  address: '湖塘镇长虹路1号',
  location: { lat: 31.7, lng: 119.94 },
  contact: { name: '王保管', phone: '0519-86661234' },
});

const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

const validShift = () => ({
  startsAt: inHours(1),
  endsAt: inHours(13),
  posture: 'ON_POST',
  leader: '赵局长',
  officer: '钱科员',
  phone: '13812345678',
});

const CREATE_TEAM =
  'mutation($jurisdiction: ID!, $input: TeamInput!) { createTeam(jurisdiction: $jurisdiction, input: $input) { id version } }';
const UPDATE_TEAM =
  'mutation($id: ID!, $input: TeamUpdateInput!, $v: Int!) { updateTeam(id: $id, input: $input, expectedVersion: $v) { id version } }';
const SET_TEAM_STATUS =
  'mutation($id: ID!, $status: ResourceStatus!, $v: Int!) { setTeamStatus(id: $id, status: $status, expectedVersion: $v) { id status } }';
const REGISTER_FORCE =
  'mutation($jurisdiction: ID!, $input: SocialForceInput!) { registerSocialForce(jurisdiction: $jurisdiction, input: $input) { id } }';
const UPDATE_FORCE =
  'mutation($id: ID!, $input: SocialForceUpdateInput!, $v: Int!) { updateSocialForce(id: $id, input: $input, expectedVersion: $v) { id } }';
const REVIEW_FORCE =
  'mutation($id: ID!, $decision: ReviewDecision!, $note: String, $grades: [CapabilityAssessmentInput!]) { reviewSocialForce(id: $id, decision: $decision, note: $note, grades: $grades) { id verification } }';
const CREATE_DEPOT =
  'mutation($jurisdiction: ID!, $input: DepotInput!) { createDepot(jurisdiction: $jurisdiction, input: $input) { id } }';
const SET_STOCK =
  'mutation($depotId: ID!, $item: ID!, $quantity: Int!, $mode: StockMode, $supplier: String) { setStock(depotId: $depotId, item: $item, quantity: $quantity, mode: $mode, supplier: $supplier) { id quantity } }';
const SCHEDULE_DUTY =
  'mutation($jurisdiction: ID!, $input: DutyShiftInput!) { scheduleDuty(jurisdiction: $jurisdiction, input: $input) { id } }';
const DUTY_ROSTER =
  'query($jurisdiction: ID!, $from: DateTime!, $to: DateTime!) { dutyRoster(jurisdiction: $jurisdiction, from: $from, to: $to) { id } }';
const TEAM = 'query($id: ID!) { team(id: $id) { id name } }';
const TEAMS =
  'query($filter: TeamFilter, $orderBy: TeamOrder, $first: Int, $after: String) { teams(filter: $filter, orderBy: $orderBy, first: $first, after: $after) { totalCount } }';
const RESERVE_TEAM =
  'mutation($id: ID!, $requestId: ID!) { reserveTeam(id: $id, requestId: $requestId) { id status } }';
const RESERVE_STOCK =
  'mutation($depotId: ID!, $item: ID!, $quantity: Int!, $requestId: ID!) { reserveStock(depotId: $depotId, item: $item, quantity: $quantity, requestId: $requestId) { id reserved } }';

/** Sends a request body exactly as given (for cases the GraphQL client cannot express). */
async function postRaw(body: string, token: string): Promise<GraphQLResult> {
  const res = await fetch(node.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
  });
  const parsed = (await res.json()) as Omit<GraphQLResult, 'status'>;
  return { status: res.status, ...parsed };
}

beforeAll(async () => {
  node = await startTestNode('wujin');
  const team = expectData(
    await graphql<{ createTeam: { id: string; version: number } }>(
      node.url,
      CREATE_TEAM,
      { jurisdiction: 'wujin', input: validTeam() },
      staff(),
    ),
  );
  fx.teamId = team.createTeam.id;
  fx.teamVersion = team.createTeam.version;
  const depot = expectData(
    await graphql<{ createDepot: { id: string } }>(
      node.url,
      CREATE_DEPOT,
      { jurisdiction: 'wujin', input: validDepot() },
      staff(),
    ),
  );
  fx.depotId = depot.createDepot.id;
  expectData(await graphql(node.url, SET_STOCK, { depotId: fx.depotId, item: 'straw_bag', quantity: 500 }, staff()));
  fx.forceCode = creditCode('91320412MA1N2B3C4');
  const force = expectData(
    await graphql<{ registerSocialForce: { id: string } }>(
      node.url,
      REGISTER_FORCE,
      { jurisdiction: 'wujin', input: validForce(fx.forceCode) },
      staff(),
    ),
  );
  fx.forceId = force.registerSocialForce.id;
});

afterAll(async () => {
  if (node) await stopTestNode(node);
});

interface BadInputCase {
  name: string;
  send: () => Promise<GraphQLResult>;
  /** The contract code the case must get; BAD_USER_INPUT unless said otherwise. */
  code?: string;
  /** What a helpful message names (the field, the rule or the way out). */
  mentions: RegExp;
  /** HTTP status when the whole request is refused before GraphQL runs. */
  status?: number;
}

const q =
  (query: string, variables: Record<string, unknown>, token: () => string = staff) =>
  () =>
    graphql(node.url, query, variables, token());

const cases: BadInputCase[] = [
  // --- createTeam: wrong GraphQL types -------------------------------------------------------
  {
    name: 'createTeam: headcount "thirty" as a variable',
    send: () => q(CREATE_TEAM, { jurisdiction: 'wujin', input: { ...validTeam(), headcount: 'thirty' } })(),
    mentions: /headcount|Int/,
  },
  {
    name: 'createTeam: headcount 2.5 (not an Int)',
    send: () => q(CREATE_TEAM, { jurisdiction: 'wujin', input: { ...validTeam(), headcount: 2.5 } })(),
    mentions: /headcount|Int/,
  },
  {
    name: 'createTeam: tier as a string literal',
    send: () =>
      q(
        `mutation { createTeam(jurisdiction: "wujin", input: { name: "字面量队", type: "hazmat", kind: SPECIALIST, tier: "1", headcount: 10,
          base: { lat: 31.7, lng: 119.9 }, readinessMinutes: 10, contact: { name: "张三" } }) { id } }`,
        {},
      )(),
    mentions: /Int|tier/,
  },
  {
    name: 'createTeam: unknown TeamKind enum value',
    send: () => q(CREATE_TEAM, { jurisdiction: 'wujin', input: { ...validTeam(), kind: 'MILITARY' } })(),
    mentions: /TeamKind|MILITARY|kind/,
  },
  {
    name: 'createTeam: required field name missing',
    send: () => {
      const { name: _name, ...rest } = validTeam();
      return q(CREATE_TEAM, { jurisdiction: 'wujin', input: rest })();
    },
    mentions: /name/,
  },
  // --- createTeam: ranges, lengths and catalogue codes ------------------------------------------
  {
    name: 'createTeam: unknown team type code',
    send: () => q(CREATE_TEAM, { jurisdiction: 'wujin', input: { ...validTeam(), type: 'dragon_slaying' } })(),
    mentions: /team type/,
  },
  {
    name: 'createTeam: negative headcount',
    send: () => q(CREATE_TEAM, { jurisdiction: 'wujin', input: { ...validTeam(), headcount: -5 } })(),
    mentions: /headcount/,
  },
  {
    name: 'createTeam: tier 0',
    send: () => q(CREATE_TEAM, { jurisdiction: 'wujin', input: { ...validTeam(), tier: 0 } })(),
    mentions: /tier/,
  },
  {
    name: 'createTeam: tier 5',
    send: () => q(CREATE_TEAM, { jurisdiction: 'wujin', input: { ...validTeam(), tier: 5 } })(),
    mentions: /tier/,
  },
  {
    name: 'createTeam: latitude 91',
    send: () => q(CREATE_TEAM, { jurisdiction: 'wujin', input: { ...validTeam(), base: { lat: 91, lng: 119.9 } } })(),
    mentions: /latitude/,
  },
  {
    name: 'createTeam: longitude -181',
    send: () => q(CREATE_TEAM, { jurisdiction: 'wujin', input: { ...validTeam(), base: { lat: 31.7, lng: -181 } } })(),
    mentions: /longitude/,
  },
  {
    name: 'createTeam: a 10,000-character name',
    send: () => q(CREATE_TEAM, { jurisdiction: 'wujin', input: { ...validTeam(), name: '队'.repeat(10_000) } })(),
    mentions: /name.*at most 100/,
  },
  {
    name: 'createTeam: a name of spaces only',
    send: () => q(CREATE_TEAM, { jurisdiction: 'wujin', input: { ...validTeam(), name: '    ' } })(),
    mentions: /name.*empty/,
  },
  {
    name: 'createTeam: status RESERVED on creation',
    send: () => q(CREATE_TEAM, { jurisdiction: 'wujin', input: { ...validTeam(), status: 'RESERVED' } })(),
    mentions: /status/,
  },
  {
    name: 'createTeam: negative equipment quantity',
    send: () =>
      q(CREATE_TEAM, {
        jurisdiction: 'wujin',
        input: { ...validTeam(), equipment: [{ name: '绳索', quantity: -1 }] },
      })(),
    mentions: /quantity/,
  },
  {
    name: 'createTeam: contact phone that is not a number',
    send: () =>
      q(CREATE_TEAM, {
        jurisdiction: 'wujin',
        input: { ...validTeam(), contact: { name: '张三', phone: 'call me' } },
      })(),
    mentions: /phone/,
  },
  {
    name: 'createTeam: readinessMinutes over a day',
    send: () => q(CREATE_TEAM, { jurisdiction: 'wujin', input: { ...validTeam(), readinessMinutes: 1441 } })(),
    mentions: /readinessMinutes/,
  },
  {
    name: 'createTeam: unknown jurisdiction "nowhere"',
    send: () => q(CREATE_TEAM, { jurisdiction: 'nowhere', input: validTeam() })(),
    mentions: /[Uu]nknown jurisdiction/,
  },
  {
    name: 'createTeam: jurisdiction jintan at the wujin node',
    send: () => q(CREATE_TEAM, { jurisdiction: 'jintan', input: validTeam() })(),
    mentions: /jintan.*own node|gateway/,
  },
  // --- updateTeam --------------------------------------------------------------------------
  {
    name: 'updateTeam: empty input',
    send: () => q(UPDATE_TEAM, { id: fx.teamId, input: {}, v: fx.teamVersion })(),
    mentions: /at least one field/,
  },
  {
    name: 'updateTeam: tier 5',
    send: () => q(UPDATE_TEAM, { id: fx.teamId, input: { tier: 5 }, v: fx.teamVersion })(),
    mentions: /tier/,
  },
  {
    name: 'updateTeam: latitude 91',
    send: () => q(UPDATE_TEAM, { id: fx.teamId, input: { base: { lat: 91, lng: 0 } }, v: fx.teamVersion })(),
    mentions: /latitude/,
  },
  {
    name: 'updateTeam: only a null field (nothing to change)',
    send: () => q(UPDATE_TEAM, { id: fx.teamId, input: { equipment: null }, v: fx.teamVersion })(),
    mentions: /at least one field/,
  },
  {
    name: "updateTeam: an id with another node's prefix",
    send: () =>
      q(UPDATE_TEAM, { id: `jintan:Team:${localPart(fx.teamId)}`, input: { name: '改名' }, v: fx.teamVersion })(),
    mentions: /belongs to jintan/,
  },
  {
    name: 'updateTeam: an id of another type',
    send: () =>
      q(UPDATE_TEAM, { id: `wujin:Depot:${localPart(fx.teamId)}`, input: { name: '改名' }, v: fx.teamVersion })(),
    mentions: /not a Team id/,
  },
  {
    name: 'updateTeam: a malformed id',
    send: () => q(UPDATE_TEAM, { id: 'team-42', input: { name: '改名' }, v: fx.teamVersion })(),
    mentions: /not an AidNet id/,
  },
  {
    name: 'updateTeam: a well-formed id of no team',
    code: 'NOT_FOUND',
    send: () => q(UPDATE_TEAM, { id: `wujin:Team:${'0'.repeat(24)}`, input: { name: '改名' }, v: 1 })(),
    mentions: /[Nn]o team/,
  },
  // --- setTeamStatus -----------------------------------------------------------------------
  {
    name: 'setTeamStatus: RESERVED by hand',
    send: () => q(SET_TEAM_STATUS, { id: fx.teamId, status: 'RESERVED', v: fx.teamVersion })(),
    mentions: /reservation protocol/,
  },
  {
    name: 'setTeamStatus: DEPLOYED by hand',
    send: () => q(SET_TEAM_STATUS, { id: fx.teamId, status: 'DEPLOYED', v: fx.teamVersion })(),
    mentions: /reservation protocol/,
  },
  {
    name: 'setTeamStatus: unknown status value',
    send: () => q(SET_TEAM_STATUS, { id: fx.teamId, status: 'BROKEN', v: fx.teamVersion })(),
    mentions: /ResourceStatus|BROKEN/,
  },
  // --- registerSocialForce / updateSocialForce / reviewSocialForce --------------------------
  {
    name: 'registerSocialForce: credit code with a wrong check character',
    send: () =>
      q(REGISTER_FORCE, { jurisdiction: 'wujin', input: validForce(wrongCheck(creditCode('91320412MA1N2B3C5'))) })(),
    mentions: /credit code/,
  },
  {
    name: 'registerSocialForce: credit code of 17 characters',
    send: () => q(REGISTER_FORCE, { jurisdiction: 'wujin', input: validForce('91320412MA1N2B3C4') })(),
    mentions: /credit code/,
  },
  {
    name: 'registerSocialForce: the same capability twice',
    send: () =>
      q(REGISTER_FORCE, {
        jurisdiction: 'wujin',
        input: {
          ...validForce(creditCode('91320412MA1N2B3C6')),
          capabilities: [{ capability: 'water_sar' }, { capability: 'water_sar', grade: 'GRADE_1' }],
        },
      })(),
    mentions: /each capability once/,
  },
  {
    name: 'registerSocialForce: an unknown capability',
    send: () =>
      q(REGISTER_FORCE, {
        jurisdiction: 'wujin',
        input: { ...validForce(creditCode('91320412MA1N2B3C7')), capabilities: [{ capability: 'dragon_taming' }] },
      })(),
    mentions: /unknown capability/,
  },
  {
    name: 'registerSocialForce: zero capabilities',
    send: () =>
      q(REGISTER_FORCE, {
        jurisdiction: 'wujin',
        input: { ...validForce(creditCode('91320412MA1N2B3C8')), capabilities: [] },
      })(),
    mentions: /at least one capability/,
  },
  {
    name: 'registerSocialForce: validUntil before assessedAt',
    send: () =>
      q(REGISTER_FORCE, {
        jurisdiction: 'wujin',
        input: {
          ...validForce(creditCode('91320412MA1N2B3C9')),
          capabilities: [
            {
              capability: 'water_sar',
              grade: 'GRADE_1',
              assessedAt: '2025-06-01T00:00:00Z',
              validUntil: '2025-01-01T00:00:00Z',
            },
          ],
        },
      })(),
    mentions: /validUntil/,
  },
  {
    name: 'registerSocialForce: zero members',
    send: () =>
      q(REGISTER_FORCE, {
        jurisdiction: 'wujin',
        input: { ...validForce(creditCode('91320412MA1N2B3CA')), members: 0 },
      })(),
    mentions: /members/,
  },
  {
    name: 'registerSocialForce: a credit code already registered here',
    code: 'CONFLICT',
    send: () => q(REGISTER_FORCE, { jurisdiction: 'wujin', input: validForce(fx.forceCode) })(),
    mentions: /already registered/,
  },
  {
    name: 'updateSocialForce: capabilities emptied',
    send: () => q(UPDATE_FORCE, { id: fx.forceId, input: { capabilities: [] }, v: 1 })(),
    mentions: /at least one capability/,
  },
  {
    name: 'reviewSocialForce: grades with REJECT',
    send: () =>
      q(REVIEW_FORCE, {
        id: fx.forceId,
        decision: 'REJECT',
        grades: [{ capability: 'water_sar', grade: 'GRADE_1' }],
      })(),
    mentions: /VERIFY/,
  },
  {
    name: 'reviewSocialForce: a grade for a capability the force did not register',
    send: () =>
      q(REVIEW_FORCE, {
        id: fx.forceId,
        decision: 'VERIFY',
        grades: [{ capability: 'dive_rescue', grade: 'GRADE_1' }],
      })(),
    mentions: /did not register/,
  },
  {
    name: 'reviewSocialForce: a 501-character note',
    send: () => q(REVIEW_FORCE, { id: fx.forceId, decision: 'VERIFY', note: 'x'.repeat(501) })(),
    mentions: /note.*at most 500/,
  },
  // --- depots and stock --------------------------------------------------------------------
  {
    name: 'createDepot: latitude -91',
    send: () =>
      q(CREATE_DEPOT, { jurisdiction: 'wujin', input: { ...validDepot(), location: { lat: -91, lng: 119.9 } } })(),
    mentions: /latitude/,
  },
  {
    name: 'createDepot: empty name',
    send: () => q(CREATE_DEPOT, { jurisdiction: 'wujin', input: { ...validDepot(), name: '' } })(),
    mentions: /name/,
  },
  {
    name: 'createDepot: unknown jurisdiction',
    send: () => q(CREATE_DEPOT, { jurisdiction: 'wujin.atlantis', input: validDepot() })(),
    mentions: /[Uu]nknown jurisdiction/,
  },
  {
    name: 'setStock: unknown supply item',
    send: () => q(SET_STOCK, { depotId: fx.depotId, item: 'unobtainium', quantity: 10 })(),
    mentions: /supply item/,
  },
  {
    name: 'setStock: negative quantity',
    send: () => q(SET_STOCK, { depotId: fx.depotId, item: 'straw_bag', quantity: -1 })(),
    mentions: /quantity/,
  },
  {
    name: 'setStock: a supplier for PHYSICAL stock',
    send: () =>
      q(SET_STOCK, {
        depotId: fx.depotId,
        item: 'straw_bag',
        quantity: 10,
        mode: 'PHYSICAL',
        supplier: '某物资公司',
      })(),
    mentions: /supplier/,
  },
  {
    name: 'setStock: unknown StockMode',
    send: () => q(SET_STOCK, { depotId: fx.depotId, item: 'straw_bag', quantity: 10, mode: 'BORROWED' })(),
    mentions: /StockMode|BORROWED/,
  },
  {
    name: "setStock: a depot id with another node's prefix",
    send: () => q(SET_STOCK, { depotId: `jintan:Depot:${localPart(fx.depotId)}`, item: 'straw_bag', quantity: 10 })(),
    mentions: /belongs to jintan/,
  },
  {
    name: 'setStock: a well-formed id of no depot',
    code: 'NOT_FOUND',
    send: () => q(SET_STOCK, { depotId: `wujin:Depot:${'0'.repeat(24)}`, item: 'straw_bag', quantity: 10 })(),
    mentions: /[Nn]o depot/,
  },
  // --- duty --------------------------------------------------------------------------------
  {
    name: 'scheduleDuty: endsAt before startsAt',
    send: () =>
      q(SCHEDULE_DUTY, {
        jurisdiction: 'wujin',
        input: { ...validShift(), startsAt: inHours(5), endsAt: inHours(1) },
      })(),
    mentions: /endsAt must be after startsAt/,
  },
  {
    name: 'scheduleDuty: a 49-hour shift',
    send: () =>
      q(SCHEDULE_DUTY, {
        jurisdiction: 'wujin',
        input: { ...validShift(), startsAt: inHours(1), endsAt: inHours(50) },
      })(),
    mentions: /48 hours/,
  },
  {
    name: 'scheduleDuty: a DateTime without a time zone',
    send: () =>
      q(SCHEDULE_DUTY, { jurisdiction: 'wujin', input: { ...validShift(), startsAt: '2026-07-01T08:00:00' } })(),
    mentions: /time zone/,
  },
  {
    name: 'scheduleDuty: a malformed DateTime literal',
    send: () =>
      q(
        `mutation { scheduleDuty(jurisdiction: "wujin", input: { startsAt: "tomorrow morning", endsAt: "2026-07-01T20:00:00+08:00", posture: ON_POST, leader: "赵", officer: "钱", phone: "13812345678" }) { id } }`,
        {},
      )(),
    mentions: /DateTime/,
  },
  {
    name: 'scheduleDuty: an impossible date (30 February)',
    send: () =>
      q(SCHEDULE_DUTY, {
        jurisdiction: 'wujin',
        input: { ...validShift(), startsAt: '2026-02-30T08:00:00+08:00', endsAt: '2026-02-30T20:00:00+08:00' },
      })(),
    mentions: /date/i,
  },
  {
    name: 'scheduleDuty: negative recallMinutes',
    send: () => q(SCHEDULE_DUTY, { jurisdiction: 'wujin', input: { ...validShift(), recallMinutes: -1 } })(),
    mentions: /recallMinutes/,
  },
  {
    name: 'scheduleDuty: unknown posture',
    send: () => q(SCHEDULE_DUTY, { jurisdiction: 'wujin', input: { ...validShift(), posture: 'ASLEEP' } })(),
    mentions: /DutyPosture|ASLEEP/,
  },
  {
    name: 'dutyRoster: to before from',
    send: () => q(DUTY_ROSTER, { jurisdiction: 'wujin', from: inHours(24), to: inHours(0) })(),
    mentions: /after/,
  },
  {
    name: 'dutyRoster: a range over 62 days',
    send: () => q(DUTY_ROSTER, { jurisdiction: 'wujin', from: inHours(0), to: inHours(24 * 63) })(),
    mentions: /62 days/,
  },
  {
    name: 'dutyRoster: unknown jurisdiction',
    send: () => q(DUTY_ROSTER, { jurisdiction: 'nowhere', from: inHours(0), to: inHours(24) })(),
    mentions: /[Uu]nknown jurisdiction/,
  },
  // --- queries -----------------------------------------------------------------------------
  { name: 'team(id): a malformed id', send: () => q(TEAM, { id: 'not-an-id' })(), mentions: /not an AidNet id/ },
  {
    name: "team(id): an id with another node's prefix",
    send: () => q(TEAM, { id: `jintan:Team:${localPart(fx.teamId)}` })(),
    mentions: /belongs to jintan/,
  },
  { name: 'teams(first: 0)', send: () => q(TEAMS, { first: 0 })(), mentions: /first/ },
  { name: 'teams(first: 501)', send: () => q(TEAMS, { first: 501 })(), mentions: /first/ },
  {
    name: 'teams(after: a forged cursor)',
    send: () => q(TEAMS, { after: 'definitely-not-a-cursor' })(),
    mentions: /cursor/,
  },
  { name: 'teams(orderBy: ETA) without filter.near', send: () => q(TEAMS, { orderBy: 'ETA' })(), mentions: /near/ },
  {
    name: 'teams(filter.near latitude 91)',
    send: () => q(TEAMS, { filter: { near: { lat: 91, lng: 0 } } })(),
    mentions: /latitude/,
  },
  {
    name: 'teams(filter.types: an unknown code)',
    send: () => q(TEAMS, { filter: { types: ['dragon_slaying'] } })(),
    mentions: /team type/,
  },
  // --- reservation protocol (service token) -------------------------------------------------
  {
    name: 'reserveTeam: requestId with spaces',
    send: () => q(RESERVE_TEAM, { id: fx.teamId, requestId: 'req 1; drop' }, service)(),
    mentions: /requestId/,
  },
  {
    name: "reserveTeam: an id with another node's prefix",
    send: () => q(RESERVE_TEAM, { id: `jintan:Team:${localPart(fx.teamId)}`, requestId: 'req-1' }, service)(),
    mentions: /belongs to jintan/,
  },
  {
    name: 'reserveStock: quantity 0',
    send: () =>
      q(RESERVE_STOCK, { depotId: fx.depotId, item: 'straw_bag', quantity: 0, requestId: 'req-2' }, service)(),
    mentions: /quantity/,
  },
  // --- whole-request failures --------------------------------------------------------------
  {
    name: 'a body over 256kb',
    status: 413,
    send: () =>
      postRaw(
        JSON.stringify({
          query: CREATE_TEAM,
          variables: { jurisdiction: 'wujin', input: { ...validTeam(), name: 'x'.repeat(300_000) } },
        }),
        staff(),
      ),
    mentions: /256kb/,
  },
  {
    name: 'a body that is not JSON',
    status: 400,
    send: () => postRaw('{"query": "{ teamTypes { code } }"', staff()),
    mentions: /JSON/,
  },
  {
    name: 'a query with a syntax error',
    send: () => q('mutation { createTeam(jurisdiction: "wujin" { id } }', {})(),
    mentions: /Syntax Error|Expected/,
  },
  {
    name: 'a query naming a field that does not exist',
    send: () => q('{ teams { totalCount secretField } }', {})(),
    mentions: /secretField/,
  },
];

/** Replaces the check character of a valid credit code with another allowed character. */
function wrongCheck(code: string): string {
  const last = code[17];
  return code.slice(0, 17) + (last === '0' ? '1' : '0');
}

test('the table covers at least 25 bad inputs', () => {
  expect(cases.length).toBeGreaterThanOrEqual(25);
  expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
});

test.each(cases)('$name', async (c) => {
  const before = await databaseSnapshot(node.store);
  const res = await c.send();
  const after = await databaseSnapshot(node.store);

  const expected = c.code ?? 'BAD_USER_INPUT';
  if (!res.errors?.length) {
    throw new Error(`The bad input was accepted (HTTP ${res.status}): ${JSON.stringify(res.data)}`);
  }
  for (const error of res.errors ?? []) {
    expect(error.extensions?.code).toBe(expected);
    // Helpful: says what is wrong, never a stack trace or a generic failure.
    expect(typeof error.message).toBe('string');
    expect(error.message.trim().length).toBeGreaterThan(10);
    expect(error.message).not.toMatch(/^\s*at \S+ \(|\n\s+at \S/m);
    expect(error.message).not.toMatch(/Internal server error/i);
    expect(error.extensions).not.toHaveProperty('stacktrace');
    expect(error.extensions).not.toHaveProperty('exception');
  }
  expect(res.errors?.map((e) => e.message).join(' | ')).toMatch(c.mentions);
  if (c.status !== undefined) expect(res.status).toBe(c.status);
  expect(res.status).toBeLessThan(500);
  // A mutation that failed returns no record.
  const data = res.data;
  for (const value of Object.values(data ?? {})) expect(value).toBeNull();

  expect(after).toEqual(before);
});

test('the fixtures are valid inputs: the same requests without the fault succeed', async () => {
  // Guards the table: each case differs from a valid request only by its fault.
  const created = await graphql<{ createTeam: { id: string } }>(
    node.url,
    CREATE_TEAM,
    { jurisdiction: 'wujin', input: validTeam() },
    staff(),
  );
  expect(expectData(created).createTeam.id).toMatch(/^wujin:Team:[0-9a-f]{24}$/);
  const shift = await graphql<{ scheduleDuty: { id: string } }>(
    node.url,
    SCHEDULE_DUTY,
    { jurisdiction: 'wujin', input: validShift() },
    staff(),
  );
  expect(expectData(shift).scheduleDuty.id).toMatch(/^wujin:DutyShift:/);
  const force = await graphql(
    node.url,
    REGISTER_FORCE,
    { jurisdiction: 'wujin', input: validForce(creditCode('91320412MA1N2B3CB')) },
    staff(),
  );
  expectData(force);
  const stock = await graphql(
    node.url,
    SET_STOCK,
    { depotId: fx.depotId, item: 'woven_bag', quantity: 10, mode: 'AGREEMENT', supplier: '某物资公司' },
    staff(),
  );
  expectData(stock);
  const roster = await graphql(
    node.url,
    DUTY_ROSTER,
    { jurisdiction: 'wujin', from: inHours(0), to: inHours(24) },
    staff(),
  );
  expectData(roster);
});

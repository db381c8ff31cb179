import { Types } from 'mongoose';
import { creditCodeCheckChar } from '../../../services/registry/src/domain/creditCode';
import type { RegistryNode } from '../../../services/registry/src/registryNode';
import { errorCodes, expectData, graphql } from '../../testkit/graphql';
import { startTestNode, stopTestNode } from '../../testkit/registry';
import { tokenFor } from '../../testkit/tokens';

/**
 * Social forces (社会应急力量): registration is always PENDING; review grades each capability;
 * editing capabilities of a VERIFIED force sends it back to review; search by capability and
 * minimum grade (an expired assessment counts as UNGRADED); one registration per credit code.
 * Also the duty roster (值班) and the duty regime (三三制) of the node's jurisdiction.
 */

let node: RegistryNode;

const registrar = () => tokenFor({ jurisdiction: 'wujin', roles: ['registrar'] });
const socialOrg = () =>
  tokenFor({ jurisdiction: 'wujin', roles: ['social_org'], sub: 'org-user-1', org: 'blue-sky-wujin' });
const commander = () => tokenFor({ jurisdiction: 'wujin', roles: ['commander'] });
const dutyOfficer = () => tokenFor({ jurisdiction: 'wujin', roles: ['duty_officer'] });

const CAP_FIELDS = 'capabilities { capability { code } grade assessedAt validUntil }';
const FORCE_FIELDS = `id name creditCode verification reviewNote reviewedAt status version ${CAP_FIELDS}`;

interface CapView {
  capability: { code: string };
  grade: string;
  assessedAt: string | null;
  validUntil: string | null;
}

interface ForceView {
  id: string;
  name: string;
  creditCode: string;
  verification: string;
  reviewNote: string | null;
  reviewedAt: string | null;
  status: string;
  version: number;
  capabilities: CapView[];
}

const REGISTER = `mutation($input: SocialForceInput!) { registerSocialForce(jurisdiction: "wujin", input: $input) { ${FORCE_FIELDS} } }`;
const REVIEW = `mutation($id: ID!, $decision: ReviewDecision!, $note: String, $grades: [CapabilityAssessmentInput!]) {
  reviewSocialForce(id: $id, decision: $decision, note: $note, grades: $grades) { ${FORCE_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: SocialForceUpdateInput!, $v: Int!) { updateSocialForce(id: $id, input: $input, expectedVersion: $v) { ${FORCE_FIELDS} } }`;
const SEARCH = `query($filter: SocialForceFilter) { socialForces(filter: $filter, first: 500, orderBy: NAME) { totalCount edges { node { id name verification } } } }`;

let seq = 0;

function creditCode(): string {
  const first17 = `91320412MA1T${String(++seq).padStart(5, '0')}`;
  return first17 + (creditCodeCheckChar(first17) as string);
}

type CapInput = { capability: string; grade?: string; assessedAt?: string; validUntil?: string };

function forceInput(capabilities: CapInput[], overrides: Record<string, unknown> = {}) {
  return {
    name: `社会力量 ${String(++seq).padStart(3, '0')}`,
    creditCode: creditCode(),
    capabilities,
    members: 30,
    base: { lat: 31.72, lng: 119.93 },
    range: 'CITY',
    assemblyMinutes: 45,
    contact: { name: '陈队长', phone: '13900001111' },
    ...overrides,
  };
}

async function register(input: Record<string, unknown>, token = registrar()): Promise<ForceView> {
  return expectData(await graphql<{ registerSocialForce: ForceView }>(node.url, REGISTER, { input }, token))
    .registerSocialForce;
}

async function review(id: string, decision: string, grades?: CapInput[], note?: string): Promise<ForceView> {
  return expectData(
    await graphql<{ reviewSocialForce: ForceView }>(node.url, REVIEW, { id, decision, grades, note }, registrar()),
  ).reviewSocialForce;
}

async function stored(id: string): Promise<Record<string, any>> {
  const doc = await node.store.socialForces
    .findById(new Types.ObjectId(id.split(':')[2]))
    .lean()
    .exec();
  return JSON.parse(JSON.stringify(doc)) as Record<string, any>;
}

function capOf(force: ForceView, code: string): CapView {
  const cap = force.capabilities.find((c) => c.capability.code === code);
  if (!cap) throw new Error(`${force.name} has no ${code}`);
  return cap;
}

beforeAll(async () => {
  node = await startTestNode('wujin');
});

afterAll(async () => {
  if (node) await stopTestNode(node);
});

describe('registration', () => {
  test('a new registration is PENDING, whoever registers it, with declared grades kept per capability', async () => {
    const byRegistrar = await register(
      forceInput([{ capability: 'water_sar', grade: 'GRADE_1' }, { capability: 'rope_rescue' }]),
    );
    const byGroup = await register(forceInput([{ capability: 'collapse_sar', grade: 'GRADE_3' }]), socialOrg());
    for (const f of [byRegistrar, byGroup]) {
      expect(f).toMatchObject({
        verification: 'PENDING',
        status: 'AVAILABLE',
        version: 1,
        reviewNote: null,
        reviewedAt: null,
      });
      expect((await stored(f.id)).verification).toBe('PENDING');
    }
    expect(capOf(byRegistrar, 'water_sar').grade).toBe('GRADE_1');
    expect(capOf(byRegistrar, 'rope_rescue').grade).toBe('UNGRADED');
    expect(capOf(byGroup, 'collapse_sar').grade).toBe('GRADE_3');
  });

  test('the input cannot carry a verification state: the request is refused and nothing is stored', async () => {
    const before = await node.store.socialForces.countDocuments().exec();
    const res = await graphql(
      node.url,
      REGISTER,
      { input: { ...forceInput([{ capability: 'water_sar' }]), verification: 'VERIFIED' } },
      registrar(),
    );
    expect(res.errors?.length).toBeGreaterThan(0);
    expect(res.data ?? null).toBeNull();
    const res2 = await graphql(
      node.url,
      REGISTER,
      { input: { ...forceInput([{ capability: 'water_sar' }]), status: 'RESERVED' } },
      registrar(),
    );
    expect(res2.errors?.length).toBeGreaterThan(0);
    expect(await node.store.socialForces.countDocuments().exec()).toBe(before);
  });

  test('a duplicate credit code is a CONFLICT (also in lower case) and stores nothing', async () => {
    const first = await register(forceInput([{ capability: 'water_sar' }]));
    const before = await node.store.socialForces.countDocuments().exec();
    for (const code of [first.creditCode, first.creditCode.toLowerCase()]) {
      const res = await graphql(
        node.url,
        REGISTER,
        { input: forceInput([{ capability: 'dive_rescue' }], { creditCode: code }) },
        registrar(),
      );
      expect(errorCodes(res)).toEqual(['CONFLICT']);
      expect(res.errors?.[0]?.extensions?.reason).toBe('DUPLICATE_CREDIT_CODE');
      expect(res.errors?.[0]?.message).toContain(first.creditCode);
    }
    expect(await node.store.socialForces.countDocuments().exec()).toBe(before);
  });

  test('concurrent registrations with one credit code: exactly one is stored', async () => {
    const code = creditCode();
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        graphql(
          node.url,
          REGISTER,
          { input: forceInput([{ capability: 'water_sar' }], { creditCode: code }) },
          registrar(),
        ),
      ),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    for (const r of results.filter((x) => x.errors)) expect(errorCodes(r)).toEqual(['CONFLICT']);
    expect(await node.store.socialForces.countDocuments({ creditCode: code }).exec()).toBe(1);
  });

  test('an invalid credit code is BAD_USER_INPUT', async () => {
    const valid = creditCode();
    const wrongCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    for (const code of [wrongCheck, valid.slice(0, 17), `${valid.slice(0, 5)}I${valid.slice(6)}`]) {
      const res = await graphql(
        node.url,
        REGISTER,
        { input: forceInput([{ capability: 'water_sar' }], { creditCode: code }) },
        registrar(),
      );
      expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    }
  });
});

describe('review', () => {
  test('VERIFY with grades: each capability gets its own grade; absent ones keep the declared grade', async () => {
    const force = await register(
      forceInput([
        { capability: 'water_sar', grade: 'GRADE_1' },
        { capability: 'collapse_sar' },
        { capability: 'emergency_medical', grade: 'GRADE_2' },
      ]),
    );
    const validUntil = '2030-06-30T16:00:00.000Z';
    const verified = await review(
      force.id,
      'VERIFY',
      [
        { capability: 'water_sar', grade: 'GRADE_2', validUntil },
        { capability: 'collapse_sar', grade: 'GRADE_1', assessedAt: '2026-01-05T02:00:00+08:00' },
      ],
      '现场测评通过',
    );
    expect(verified).toMatchObject({ verification: 'VERIFIED', reviewNote: '现场测评通过', version: 2 });
    expect(verified.reviewedAt).not.toBeNull();
    // Each capability carries its own grade and dates.
    expect(capOf(verified, 'water_sar')).toMatchObject({ grade: 'GRADE_2', validUntil });
    expect(capOf(verified, 'water_sar').assessedAt).not.toBeNull();
    expect(capOf(verified, 'collapse_sar')).toMatchObject({
      grade: 'GRADE_1',
      assessedAt: '2026-01-04T18:00:00.000Z',
      validUntil: null,
    });
    expect(capOf(verified, 'emergency_medical')).toMatchObject({ grade: 'GRADE_2' });
    expect(verified.capabilities.map((c) => c.capability.code)).toEqual([
      'water_sar',
      'collapse_sar',
      'emergency_medical',
    ]);

    const doc = await stored(force.id);
    expect(doc.verification).toBe('VERIFIED');
    expect(doc.capabilities).toEqual([
      expect.objectContaining({ capability: 'water_sar', grade: 'GRADE_2', validUntil }),
      expect.objectContaining({ capability: 'collapse_sar', grade: 'GRADE_1' }),
      expect.objectContaining({ capability: 'emergency_medical', grade: 'GRADE_2' }),
    ]);
  });

  test('grades for a capability the force did not register are BAD_USER_INPUT; grades with REJECT too', async () => {
    const force = await register(forceInput([{ capability: 'water_sar' }]));
    const before = await stored(force.id);
    const unknownCap = await graphql(
      node.url,
      REVIEW,
      { id: force.id, decision: 'VERIFY', grades: [{ capability: 'dive_rescue', grade: 'GRADE_1' }] },
      registrar(),
    );
    expect(errorCodes(unknownCap)).toEqual(['BAD_USER_INPUT']);
    const withReject = await graphql(
      node.url,
      REVIEW,
      { id: force.id, decision: 'REJECT', grades: [{ capability: 'water_sar', grade: 'GRADE_1' }] },
      registrar(),
    );
    expect(errorCodes(withReject)).toEqual(['BAD_USER_INPUT']);
    expect(await stored(force.id)).toEqual(before);
  });

  test('REJECT and SUSPEND set their states', async () => {
    const a = await register(forceInput([{ capability: 'water_sar' }]));
    expect((await review(a.id, 'REJECT', undefined, '材料不全')).verification).toBe('REJECTED');
    const b = await register(forceInput([{ capability: 'water_sar' }]));
    await review(b.id, 'VERIFY');
    expect((await review(b.id, 'SUSPEND')).verification).toBe('SUSPENDED');
  });

  test('only the jurisdiction’s registrars and commanders review', async () => {
    const force = await register(forceInput([{ capability: 'water_sar' }]));
    for (const token of [socialOrg(), dutyOfficer(), tokenFor({ jurisdiction: 'jintan', roles: ['registrar'] })]) {
      expect(errorCodes(await graphql(node.url, REVIEW, { id: force.id, decision: 'VERIFY' }, token))).toEqual([
        'FORBIDDEN',
      ]);
    }
    expect((await stored(force.id)).verification).toBe('PENDING');
  });
});

describe('updateSocialForce', () => {
  test('editing the capabilities of a VERIFIED force sends it back to PENDING', async () => {
    const force = await register(forceInput([{ capability: 'water_sar', grade: 'GRADE_1' }]));
    const verified = await review(force.id, 'VERIFY');
    expect(verified).toMatchObject({ verification: 'VERIFIED', version: 2 });

    const updated = expectData(
      await graphql<{ updateSocialForce: ForceView }>(
        node.url,
        UPDATE,
        {
          id: force.id,
          input: { capabilities: [{ capability: 'water_sar', grade: 'GRADE_1' }, { capability: 'uav_recon' }] },
          v: 2,
        },
        registrar(),
      ),
    ).updateSocialForce;
    expect(updated).toMatchObject({ verification: 'PENDING', version: 3 });
    expect(updated.capabilities.map((c) => c.capability.code)).toEqual(['water_sar', 'uav_recon']);
    expect(await stored(force.id)).toMatchObject({ verification: 'PENDING', version: 3 });
  });

  test('editing other fields of a VERIFIED force keeps it VERIFIED', async () => {
    const force = await register(forceInput([{ capability: 'water_sar' }]));
    await review(force.id, 'VERIFY');
    const updated = expectData(
      await graphql<{ updateSocialForce: ForceView }>(
        node.url,
        UPDATE,
        { id: force.id, input: { members: 55, name: '改名后的救援队' }, v: 2 },
        registrar(),
      ),
    ).updateSocialForce;
    expect(updated).toMatchObject({ verification: 'VERIFIED', version: 3, name: '改名后的救援队' });
    expect(await stored(force.id)).toMatchObject({ verification: 'VERIFIED', members: 55 });
  });

  test('the registering group edits its own force; new capabilities send it back to review too', async () => {
    const force = await register(forceInput([{ capability: 'collapse_sar' }]), socialOrg());
    await review(force.id, 'VERIFY');
    const updated = expectData(
      await graphql<{ updateSocialForce: ForceView }>(
        node.url,
        UPDATE,
        { id: force.id, input: { capabilities: [{ capability: 'collapse_sar', grade: 'GRADE_1' }] }, v: 2 },
        socialOrg(),
      ),
    ).updateSocialForce;
    expect(updated.verification).toBe('PENDING');
  });
});

describe('socialForces search by capability and minimum grade', () => {
  const ids: Record<string, string> = {};
  const future = '2031-01-01T00:00:00.000Z';

  beforeAll(async () => {
    const plan: Record<string, { declared: CapInput[]; grades: CapInput[] }> = {
      A: {
        declared: [{ capability: 'water_sar' }],
        grades: [{ capability: 'water_sar', grade: 'GRADE_1', validUntil: future }],
      },
      B: { declared: [{ capability: 'water_sar' }], grades: [{ capability: 'water_sar', grade: 'GRADE_2' }] },
      // Assessed GRADE_1 once, but the assessment expired: counts as UNGRADED.
      C: {
        declared: [{ capability: 'water_sar' }],
        grades: [
          {
            capability: 'water_sar',
            grade: 'GRADE_1',
            assessedAt: '2023-01-01T00:00:00Z',
            validUntil: '2024-01-01T00:00:00Z',
          },
        ],
      },
      D: { declared: [{ capability: 'collapse_sar' }], grades: [{ capability: 'collapse_sar', grade: 'GRADE_1' }] },
      E: { declared: [{ capability: 'water_sar' }], grades: [] },
      // Grade belongs to each capability: GRADE_1 in rope rescue says nothing about water.
      F: {
        declared: [{ capability: 'water_sar' }, { capability: 'rope_rescue' }],
        grades: [
          { capability: 'water_sar', grade: 'GRADE_3' },
          { capability: 'rope_rescue', grade: 'GRADE_1' },
        ],
      },
    };
    for (const [key, { declared, grades }] of Object.entries(plan)) {
      const force = await register(forceInput(declared, { name: `检索-${key}` }));
      await review(force.id, 'VERIFY', grades.length > 0 ? grades : undefined);
      ids[key] = force.id;
    }
    // A PENDING force with a top grade is never in the VERIFIED search.
    const pending = await register(forceInput([{ capability: 'water_sar', grade: 'GRADE_1' }], { name: '检索-P' }));
    ids.P = pending.id;
  });

  /** @returns the keys (A…F, P) of the search's results among this block's forces, sorted. */
  async function search(filter: Record<string, unknown>): Promise<string[]> {
    const res = await graphql<{ socialForces: { edges: { node: { id: string } }[] } }>(
      node.url,
      SEARCH,
      { filter: { verifications: ['VERIFIED'], ...filter } },
      registrar(),
    );
    const found = new Set(expectData(res).socialForces.edges.map((e) => e.node.id));
    return Object.entries(ids)
      .filter(([, id]) => found.has(id))
      .map(([key]) => key)
      .sort();
  }

  test('by capability only: every VERIFIED force offering it, whatever the grade', async () => {
    expect(await search({ capabilities: ['water_sar'] })).toEqual(['A', 'B', 'C', 'E', 'F']);
    expect(await search({ capabilities: ['collapse_sar'] })).toEqual(['D']);
    expect(await search({ capabilities: ['water_sar', 'collapse_sar'] })).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
  });

  test('minGrade GRADE_1 / GRADE_2 / GRADE_3 / UNGRADED for water rescue', async () => {
    expect(await search({ capabilities: ['water_sar'], minGrade: 'GRADE_1' })).toEqual(['A']);
    expect(await search({ capabilities: ['water_sar'], minGrade: 'GRADE_2' })).toEqual(['A', 'B']);
    expect(await search({ capabilities: ['water_sar'], minGrade: 'GRADE_3' })).toEqual(['A', 'B', 'F']);
    expect(await search({ capabilities: ['water_sar'], minGrade: 'UNGRADED' })).toEqual(['A', 'B', 'C', 'E', 'F']);
  });

  test('an expired assessment counts as UNGRADED (C is GRADE_1 on paper)', async () => {
    const c = expectData(
      await graphql<{ socialForce: ForceView }>(
        node.url,
        `query($id: ID!) { socialForce(id: $id) { ${FORCE_FIELDS} } }`,
        { id: ids.C },
        registrar(),
      ),
    ).socialForce;
    expect(capOf(c, 'water_sar')).toMatchObject({ grade: 'GRADE_1', validUntil: '2024-01-01T00:00:00.000Z' });
    expect(await search({ capabilities: ['water_sar'], minGrade: 'GRADE_3' })).not.toContain('C');
    expect(await search({ minGrade: 'GRADE_3' })).not.toContain('C');
  });

  test('the grade of one capability does not qualify another (F: rope GRADE_1, water GRADE_3)', async () => {
    expect(await search({ capabilities: ['water_sar'], minGrade: 'GRADE_2' })).not.toContain('F');
    expect(await search({ capabilities: ['rope_rescue'], minGrade: 'GRADE_1' })).toEqual(['F']);
  });

  test('minGrade without capabilities: any capability at that grade', async () => {
    expect(await search({ minGrade: 'GRADE_1' })).toEqual(['A', 'D', 'F']);
  });

  test('PENDING forces are left out when asking for VERIFIED ones, even with the best grade', async () => {
    expect(await search({ capabilities: ['water_sar'], minGrade: 'GRADE_1' })).not.toContain('P');
    const all = await graphql<{ socialForces: { edges: { node: { id: string; verification: string } }[] } }>(
      node.url,
      SEARCH,
      { filter: { capabilities: ['water_sar'], minGrade: 'GRADE_1', verifications: ['PENDING'] } },
      registrar(),
    );
    expect(expectData(all).socialForces.edges.map((e) => e.node.id)).toContain(ids.P);
  });

  test('an unknown capability code in the filter is BAD_USER_INPUT', async () => {
    const res = await graphql(node.url, SEARCH, { filter: { capabilities: ['no_such_capability'] } }, registrar());
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('duty', () => {
  const SCHEDULE = `mutation($input: DutyShiftInput!) { scheduleDuty(jurisdiction: "wujin", input: $input) { id posture recallMinutes startsAt endsAt leader officer phone } }`;
  const hoursFromNow = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
  const scheduled: Record<string, string> = {};

  beforeAll(async () => {
    // Scheduled out of order on purpose; one shift is over and one has not started.
    const shifts = [
      {
        key: 'rest',
        token: dutyOfficer(),
        input: {
          posture: 'REST',
          startsAt: hoursFromNow(-3),
          endsAt: hoursFromNow(5),
          leader: '李局',
          officer: '周值班员',
          phone: '13800000003',
        },
      },
      {
        key: 'standbyLate',
        token: commander(),
        input: {
          posture: 'STANDBY',
          startsAt: hoursFromNow(-1),
          endsAt: hoursFromNow(3),
          leader: '王局',
          officer: '吴值班员',
          phone: '13800000005',
        },
      },
      {
        key: 'onPost',
        token: dutyOfficer(),
        input: {
          posture: 'ON_POST',
          startsAt: hoursFromNow(-2),
          endsAt: hoursFromNow(6),
          leader: '张局',
          officer: '赵值班员',
          phone: '13800000001',
          note: '24小时值班',
        },
      },
      {
        key: 'standbyEarly',
        token: commander(),
        input: {
          posture: 'STANDBY',
          startsAt: hoursFromNow(-4),
          endsAt: hoursFromNow(2),
          leader: '刘局',
          officer: '孙值班员',
          phone: '13800000002',
          recallMinutes: 15,
        },
      },
      {
        key: 'past',
        token: dutyOfficer(),
        input: {
          posture: 'ON_POST',
          startsAt: hoursFromNow(-30),
          endsAt: hoursFromNow(-6),
          leader: '旧',
          officer: '旧',
          phone: '13800000009',
        },
      },
      {
        key: 'future',
        token: dutyOfficer(),
        input: {
          posture: 'ON_POST',
          startsAt: hoursFromNow(6.5),
          endsAt: hoursFromNow(20),
          leader: '新',
          officer: '新',
          phone: '13800000008',
        },
      },
    ];
    for (const s of shifts) {
      const created = expectData(
        await graphql<{ scheduleDuty: { id: string; posture: string; recallMinutes: number } }>(
          node.url,
          SCHEDULE,
          { input: s.input },
          s.token,
        ),
      ).scheduleDuty;
      scheduled[s.key] = created.id;
      expect(created.posture).toBe(s.input.posture);
    }
  });

  test('recall minutes default by posture (ON_POST 0, STANDBY 30, REST 120) unless given', async () => {
    const res = await graphql<{ onDuty: { id: string; recallMinutes: number }[] }>(
      node.url,
      '{ onDuty { id recallMinutes } }',
      {},
      dutyOfficer(),
    );
    const byId = new Map(expectData(res).onDuty.map((s) => [s.id, s.recallMinutes]));
    expect(byId.get(scheduled.onPost as string)).toBe(0);
    expect(byId.get(scheduled.standbyLate as string)).toBe(30);
    expect(byId.get(scheduled.standbyEarly as string)).toBe(15);
    expect(byId.get(scheduled.rest as string)).toBe(120);
  });

  test('onDuty lists the shifts covering now: ON_POST first, then STANDBY (by start), then REST', async () => {
    const res = await graphql<{ onDuty: { id: string; posture: string; officer: string }[] }>(
      node.url,
      '{ onDuty { id posture officer } }',
      {},
      dutyOfficer(),
    );
    const shifts = expectData(res).onDuty;
    expect(shifts.map((s) => s.posture)).toEqual(['ON_POST', 'STANDBY', 'STANDBY', 'REST']);
    expect(shifts.map((s) => s.id)).toEqual([
      scheduled.onPost,
      scheduled.standbyEarly,
      scheduled.standbyLate,
      scheduled.rest,
    ]);
    expect(shifts.map((s) => s.id)).not.toContain(scheduled.past);
    expect(shifts.map((s) => s.id)).not.toContain(scheduled.future);
  });

  test('jurisdictions { dutyNow { posture } } gives the same order', async () => {
    const res = await graphql<{ jurisdictions: { code: string; dutyNow: { id: string; posture: string }[] }[] }>(
      node.url,
      '{ jurisdictions { code dutyNow { id posture } } }',
      {},
      commander(),
    );
    const list = expectData(res).jurisdictions;
    expect(list.map((j) => j.code)).toEqual(['wujin']);
    expect(list[0]?.dutyNow.map((s) => s.posture)).toEqual(['ON_POST', 'STANDBY', 'STANDBY', 'REST']);
    expect(list[0]?.dutyNow.map((s) => s.id)).toEqual([
      scheduled.onPost,
      scheduled.standbyEarly,
      scheduled.standbyLate,
      scheduled.rest,
    ]);
  });

  test('phones on shifts are whole for commanders and duty officers, masked for others', async () => {
    const query = '{ onDuty { posture phone } }';
    const whole = expectData(await graphql<{ onDuty: { phone: string }[] }>(node.url, query, {}, dutyOfficer())).onDuty;
    expect(whole[0]?.phone).toBe('13800000001');
    const masked = expectData(await graphql<{ onDuty: { phone: string }[] }>(node.url, query, {}, registrar())).onDuty;
    expect(masked[0]?.phone).toBe('138****0001');
  });

  test('only duty officers and commanders of the jurisdiction schedule duty', async () => {
    const input = {
      posture: 'ON_POST',
      startsAt: hoursFromNow(-1),
      endsAt: hoursFromNow(1),
      leader: 'x',
      officer: 'y',
      phone: '13800000000',
    };
    expect(errorCodes(await graphql(node.url, SCHEDULE, { input }, registrar()))).toEqual(['FORBIDDEN']);
    expect(
      errorCodes(
        await graphql(node.url, SCHEDULE, { input }, tokenFor({ jurisdiction: 'jintan', roles: ['duty_officer'] })),
      ),
    ).toEqual(['FORBIDDEN']);
  });

  test('setDutyRegime THREE_THIRDS is what jurisdiction(jurisdiction: "wujin") { dutyRegime } then reports', async () => {
    const READ = '{ jurisdiction(jurisdiction: "wujin") { code dutyRegime } }';
    const before = expectData(
      await graphql<{ jurisdiction: { dutyRegime: string } }>(node.url, READ, {}, dutyOfficer()),
    ).jurisdiction;
    expect(before.dutyRegime).toBe('NORMAL');

    const set = await graphql<{ setDutyRegime: { code: string; dutyRegime: string } }>(
      node.url,
      'mutation { setDutyRegime(jurisdiction: "wujin", regime: THREE_THIRDS) { code dutyRegime } }',
      {},
      commander(),
    );
    expect(expectData(set).setDutyRegime).toEqual({ code: 'wujin', dutyRegime: 'THREE_THIRDS' });
    expect(
      expectData(await graphql<{ jurisdiction: { code: string; dutyRegime: string } }>(node.url, READ, {}, registrar()))
        .jurisdiction,
    ).toEqual({
      code: 'wujin',
      dutyRegime: 'THREE_THIRDS',
    });
    expect(
      expectData(
        await graphql<{ jurisdictions: { dutyRegime: string }[] }>(
          node.url,
          '{ jurisdictions { dutyRegime } }',
          {},
          registrar(),
        ),
      ).jurisdictions,
    ).toEqual([{ dutyRegime: 'THREE_THIRDS' }]);

    // Only duty officers and commanders switch it.
    expect(
      errorCodes(
        await graphql(
          node.url,
          'mutation { setDutyRegime(jurisdiction: "wujin", regime: NORMAL) { code } }',
          {},
          registrar(),
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    expect(
      expectData(await graphql<{ jurisdiction: { dutyRegime: string } }>(node.url, READ, {}, dutyOfficer()))
        .jurisdiction.dutyRegime,
    ).toBe('THREE_THIRDS');
    expectData(
      await graphql(
        node.url,
        'mutation { setDutyRegime(jurisdiction: "wujin", regime: NORMAL) { code } }',
        {},
        dutyOfficer(),
      ),
    );
    expect(
      expectData(await graphql<{ jurisdiction: { dutyRegime: string } }>(node.url, READ, {}, dutyOfficer()))
        .jurisdiction.dutyRegime,
    ).toBe('NORMAL');
  });
});

import { greatCircleKm } from '../../services/common/src/geo';
import { loadNetwork, type JurisdictionEntry } from '../../services/common/src/network';
import { supplyItemByCode, teamTypes } from '../../services/registry/src/catalogue';
import { isValidCreditCode } from '../../services/registry/src/domain/creditCode';
import {
  DepotInputModel,
  DutyShiftInputModel,
  ExpertInputModel,
  ReviewGradesModel,
  ReviewNoteModel,
  SetStockModel,
  SocialForceInputModel,
  TeamInputModel,
} from '../../services/registry/src/domain/inputs';
import { buildDemoData, rosterStartFor, type NodeDemoData } from './demoData';
import { EQUIPMENT } from './demoFacts';

const network = loadNetwork();
/** 02:00 China time, the hour of the brief's example. */
const NOW = new Date('2026-07-01T02:00:00+08:00');
const rosterStart = rosterStartFor(NOW);
const data = buildDemoData(network.entries, { rosterStart });
const byCode = new Map(data.map((d) => [d.jurisdiction, d]));

function node(code: string): NodeDemoData {
  const d = byCode.get(code);
  if (!d) throw new Error(`no demo data for ${code}`);
  return d;
}

const entry = (code: string) => network.get(code) as JurisdictionEntry;
const districts = network.nodes().filter((e) => e.level === 'DISTRICT');
const locals = network.nodes().filter((e) => ['TOWNSHIP', 'STREET', 'ZONE'].includes(e.level));
const typesOf = (code: string) => new Set(node(code).teams.map((t) => t.type));

/** @returns the issues of a failed parse, for a readable failure. */
function issues(result: { success: boolean; error?: { issues: unknown[] } }): unknown[] {
  return result.success ? [] : (result.error?.issues ?? ['failed']);
}

describe('the demo data generator', () => {
  test('gives data to every node of the directory, and only to nodes', () => {
    expect(data.map((d) => d.jurisdiction)).toEqual(network.nodes().map((e) => e.code));
    expect(districts.map((d) => d.code).sort()).toEqual(['jintan', 'tianning', 'wujin', 'zhonglou']);
  });

  test('is deterministic for the same seed and clock, and differs for another seed', () => {
    expect(buildDemoData(network.entries, { rosterStart })).toEqual(data);
    expect(JSON.stringify(buildDemoData(network.entries, { rosterStart, seed: 'other' }))).not.toEqual(
      JSON.stringify(data),
    );
  });

  test("a node's data does not depend on which other nodes the directory has", () => {
    const small = network.entries.map((e) =>
      ['wujin', 'wujin.xueyan'].includes(e.code) ? e : { ...e, node: undefined },
    );
    const subset = buildDemoData(small, { rosterStart });
    expect(subset.map((d) => d.jurisdiction)).toEqual(['wujin', 'wujin.xueyan']);
    expect(subset).toEqual([node('wujin'), node('wujin.xueyan')]);
  });

  test('rosters start at the 08:00 handover before now (China time)', () => {
    expect(rosterStart.toISOString()).toBe('2026-06-30T00:00:00.000Z');
    expect(rosterStartFor(new Date('2026-07-01T08:00:00+08:00')).toISOString()).toBe('2026-07-01T00:00:00.000Z');
    expect(rosterStartFor(new Date('2026-07-01T23:59:00+08:00')).toISOString()).toBe('2026-07-01T00:00:00.000Z');
  });
});

describe('teams', () => {
  test.each(districts.map((d) => d.code))(
    'district %s has a specialist team of each of the 24 types, tier 1-2',
    (code) => {
      const teams = node(code).teams;
      expect(teamTypes).toHaveLength(24);
      expect([...typesOf(code)].sort()).toEqual(teamTypes.map((t) => t.code).sort());
      for (const t of teams) {
        expect(t.kind).toBe('SPECIALIST');
        expect([1, 2]).toContain(t.tier);
        expect(t.name.startsWith(entry(code).name)).toBe(true);
      }
      expect(teams.find((t) => t.type === 'hazmat')?.name).toBe(`${entry(code).name}危险化学品事故应急救援队`);
    },
  );

  test.each(locals.map((l) => l.code))(
    '%s has a comprehensive team of 20 or more, and specialist teams of tier 3-4',
    (code) => {
      const teams = node(code).teams;
      const comprehensive = teams.filter((t) => t.kind === 'TOWNSHIP_COMPREHENSIVE');
      expect(comprehensive).toHaveLength(1);
      expect(comprehensive[0]?.headcount).toBeGreaterThanOrEqual(20);
      expect(comprehensive[0]?.name).toMatch(/综合应急救援队$/);
      expect(teams.length).toBeGreaterThanOrEqual(2);
      for (const t of teams) expect([3, 4]).toContain(t.tier);
    },
  );

  test('the places get the teams that suit them', () => {
    expect(node('wujin.hutang').teams.find((t) => t.kind === 'TOWNSHIP_COMPREHENSIVE')?.name).toBe(
      '湖塘镇综合应急救援队',
    );
    for (const code of ['wujin.xueyan', 'wujin.hengshanqiao']) expect(typesOf(code)).toContain('forest_fire');
    for (const code of ['wujin.xueyan', 'wujin.taihuwan', 'wujin.xihu', 'wujin.xitaihu']) {
      expect(typesOf(code)).toContain('water_rescue');
      expect(typesOf(code)).toContain('flood');
    }
    for (const code of ['wujin.hitech', 'wujin.yaoguan', 'wujin.henglin']) expect(typesOf(code)).toContain('hazmat');
    expect(typesOf('wujin.kejiaocheng')).not.toContain('forest_fire');
  });

  test('every team passes TeamInputModel and looks real: base 2-6 km out, readiness 10-40, named contact', () => {
    for (const d of data) {
      const center = entry(d.jurisdiction).location;
      expect(new Set(d.teams.map((t) => t.name)).size).toBe(d.teams.length);
      for (const t of d.teams) {
        expect(issues(TeamInputModel.safeParse(t))).toEqual([]);
        const km = greatCircleKm(center, t.base);
        expect(km).toBeGreaterThanOrEqual(2);
        expect(km).toBeLessThanOrEqual(6);
        expect(t.readinessMinutes).toBeGreaterThanOrEqual(10);
        expect(t.readinessMinutes).toBeLessThanOrEqual(40);
        expect(t.headcount).toBeGreaterThanOrEqual(12);
        expect(t.contact.name).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
        expect(t.contact.phone).toMatch(/^1[3-9]\d{9}$/);
        const checklist = new Set<string>(Object.values(EQUIPMENT));
        for (const line of t.equipment) expect(checklist).toContain(line.name);
      }
    }
  });
});

describe('social forces', () => {
  const forces = data.flatMap((d) => d.socialForces.map((f) => ({ jurisdiction: d.jurisdiction, ...f })));

  test('include verified (graded) and pending groups, among them 常州蓝天救援队 with water_sar GRADE_2', () => {
    expect(forces.filter((f) => f.review !== null).length).toBeGreaterThanOrEqual(3);
    expect(forces.filter((f) => f.review === null).length).toBeGreaterThanOrEqual(3);
    const bluesky = forces.find((f) => f.input.name === '常州蓝天救援队');
    expect(bluesky?.review?.grades).toContainEqual(
      expect.objectContaining({ capability: 'water_sar', grade: 'GRADE_2' }),
    );
    for (const d of districts) expect(node(d.code).socialForces.length).toBeGreaterThan(0);
  });

  test('every credit code is a valid 18-character code, unique in the network', () => {
    for (const f of forces) {
      expect(f.input.creditCode).toHaveLength(18);
      expect(isValidCreditCode(f.input.creditCode)).toBe(true);
      expect(f.input.creditCode).toMatch(/^5[12]\d{6}MJ/);
    }
    expect(new Set(forces.map((f) => f.input.creditCode)).size).toBe(forces.length);
  });

  test('every registration and review passes the models; groups have their own token identity', () => {
    for (const f of forces) {
      expect(issues(SocialForceInputModel.safeParse(f.input))).toEqual([]);
      if (f.review) {
        expect(issues(ReviewGradesModel.safeParse(f.review.grades))).toEqual([]);
        expect(issues(ReviewNoteModel.safeParse(f.review.note))).toEqual([]);
        // Grades are given only for capabilities the group registered.
        for (const g of f.review.grades ?? []) {
          expect(f.input.capabilities.map((c) => c.capability)).toContain(g.capability);
        }
      }
      expect(greatCircleKm(entry(f.jurisdiction).location, f.input.base)).toBeLessThanOrEqual(6);
    }
    expect(new Set(forces.map((f) => f.org.id)).size).toBe(forces.length);
  });
});

describe('depots and stock', () => {
  test('every node has a depot with physical and agreement stock of catalogue items', () => {
    for (const d of data) {
      expect(d.depots.length).toBeGreaterThan(0);
      for (const depot of d.depots) {
        expect(issues(DepotInputModel.safeParse(depot.input))).toEqual([]);
        for (const s of depot.stock) {
          expect(issues(SetStockModel.safeParse(s))).toEqual([]);
          expect(supplyItemByCode.has(s.item)).toBe(true);
          if (s.mode === 'AGREEMENT') expect(s.supplier).toMatch(/^常州.+有限公司$/);
          else expect(s.supplier).toBeNull();
        }
        // setStock keys a line by (item, mode): each once per depot.
        expect(new Set(depot.stock.map((s) => `${s.item}/${s.mode}`)).size).toBe(depot.stock.length);
      }
      const modes = new Set(d.depots.flatMap((x) => x.stock.map((s) => s.mode)));
      expect([...modes].sort()).toEqual(['AGREEMENT', 'PHYSICAL']);
    }
    const items = new Set(data.flatMap((d) => d.depots.flatMap((x) => x.stock.map((s) => s.item))));
    for (const item of ['woven_bag', 'straw_bag', 'life_jacket', 'assault_boat', 'diesel_pump', 'tent']) {
      expect(items).toContain(item);
    }
    expect(node('wujin.xueyan').depots[0]?.stock.map((s) => s.item)).toContain('assault_boat');
  });
});

describe('experts', () => {
  test('each district has a few, valid by ExpertInputModel', () => {
    for (const d of districts) {
      const experts = node(d.code).experts;
      expect(experts.length).toBeGreaterThanOrEqual(3);
      expect(experts.length).toBeLessThanOrEqual(6);
      for (const x of experts) expect(issues(ExpertInputModel.safeParse(x))).toEqual([]);
      expect(experts.flatMap((x) => x.specialties)).toEqual(expect.arrayContaining(['危险化学品', '防汛抗旱']));
    }
  });
});

describe('duty rosters', () => {
  const HOUR = 3_600_000;

  test.each(network.nodes().map((e) => e.code))('%s has someone on post every hour of the next 7 days', (code) => {
    const shifts = node(code).duty.shifts;
    for (const s of shifts) {
      expect(issues(DutyShiftInputModel.safeParse(s))).toEqual([]);
      expect([12, 24]).toContain((s.endsAt.getTime() - s.startsAt.getTime()) / HOUR);
      expect(s.phone).toMatch(/^1[3-9]\d{9}$/);
      expect(s.leader).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
      expect(s.officer).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
      expect(s.leader).not.toBe(s.officer);
    }
    for (let t = NOW.getTime(); t < NOW.getTime() + 7 * 24 * HOUR; t += HOUR) {
      const covering = shifts.filter((s) => s.startsAt.getTime() <= t && t < s.endsAt.getTime());
      expect(covering.filter((s) => s.posture === 'ON_POST')).toHaveLength(1);
      expect(covering.some((s) => s.posture === 'STANDBY')).toBe(true);
    }
  });

  test('one or two nodes run the holiday regime (三三制) with on-post, standby and rest thirds', () => {
    const thirds = data.filter((d) => d.duty.regime === 'THREE_THIRDS');
    expect(thirds.length).toBeGreaterThanOrEqual(1);
    expect(thirds.length).toBeLessThanOrEqual(2);
    for (const d of thirds) {
      expect(new Set(d.duty.shifts.map((s) => s.posture))).toEqual(new Set(['ON_POST', 'STANDBY', 'REST']));
    }
    for (const d of data.filter((x) => x.duty.regime === 'NORMAL')) {
      expect(d.duty.shifts.some((s) => s.posture === 'REST')).toBe(false);
    }
  });
});

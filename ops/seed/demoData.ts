import type { GeoPoint } from '../../services/common/src/geo';
import type { JurisdictionEntry } from '../../services/common/src/network';
import { teamTypes } from '../../services/registry/src/catalogue';
import { creditCodeCheckChar } from '../../services/registry/src/domain/creditCode';
import {
  COMPREHENSIVE_EQUIPMENT,
  COMPREHENSIVE_TEAM_TYPE,
  DEFAULT_LOCAL_PROFILE,
  DISTRICT_TIER_ONE_TYPES,
  EQUIPMENT,
  EXPERT_FIELDS,
  GIVEN_NAMES,
  LOCAL_PROFILES,
  MOBILE_PREFIXES,
  ROADS,
  SOCIAL_FORCES,
  SUPPLIER_BRANDS,
  SUPPLIER_TRADES,
  SURNAMES,
  TEAM_TYPE_PROFILES,
  THREE_THIRDS_JURISDICTIONS,
  type EquipmentRange,
  type Grade,
  type LocalProfile,
  type OperatingRange,
  type SocialForceFact,
} from './demoFacts';
import { seededRandom, type Rng } from './random';

/**
 * The demo data generator: a pure function of the network directory, a seed and the start of the
 * duty roster. It returns, per jurisdiction node, the inputs of the registry mutations that build a
 * demo that looks like the real district (ops/seed/seedNetwork.ts applies them). Each node's data
 * depends only on its own directory entry (and its district's), so a smaller directory, as in the
 * tests, gives the same data for the nodes it keeps.
 */

export type TeamKind = 'SPECIALIST' | 'TOWNSHIP_COMPREHENSIVE' | 'ENTERPRISE';
export type NewTeamStatus = 'AVAILABLE' | 'STANDBY' | 'OUT_OF_SERVICE';
export type StockMode = 'PHYSICAL' | 'AGREEMENT';
export type DutyPosture = 'ON_POST' | 'STANDBY' | 'REST';
export type DutyRegime = 'NORMAL' | 'THREE_THIRDS';
export type { Grade, OperatingRange };

export interface ContactInput {
  name: string;
  role: string;
  phone: string;
}

export interface EquipmentLineInput {
  name: string;
  quantity: number;
}

/** `TeamInput` of schema/registry.graphql. */
export interface TeamInput {
  name: string;
  type: string;
  kind: TeamKind;
  tier: number;
  headcount: number;
  equipment: EquipmentLineInput[];
  base: GeoPoint;
  readinessMinutes: number;
  status: NewTeamStatus;
  contact: ContactInput;
}

/** `CapabilityAssessmentInput`; dates serialise to ISO 8601 in the request. */
export interface CapabilityAssessmentInput {
  capability: string;
  grade: Grade;
  assessedAt?: Date;
  validUntil?: Date;
}

/** `SocialForceInput`. */
export interface SocialForceInput {
  name: string;
  creditCode: string;
  capabilities: CapabilityAssessmentInput[];
  members: number;
  equipment: EquipmentLineInput[];
  base: GeoPoint;
  range: OperatingRange;
  assemblyMinutes: number;
  contact: ContactInput;
}

/** A group registers itself (social_org token), then the jurisdiction reviews it or leaves it PENDING. */
export interface SocialForcePlan {
  /** The group's token identity: `sub` and `org`. */
  org: { id: string; name: string };
  input: SocialForceInput;
  review: { decision: 'VERIFY'; note: string; grades: CapabilityAssessmentInput[] | null } | null;
}

/** `DepotInput`. */
export interface DepotInput {
  name: string;
  address: string;
  location: GeoPoint;
  contact: ContactInput;
}

/** Arguments of one `setStock` call (the depot id comes from createDepot). */
export interface StockInput {
  item: string;
  quantity: number;
  mode: StockMode;
  /** AGREEMENT stock only. */
  supplier: string | null;
}

export interface DepotPlan {
  input: DepotInput;
  stock: StockInput[];
}

/** `ExpertInput`. */
export interface ExpertInput {
  name: string;
  title: string;
  organization: string;
  specialties: string[];
  contact: ContactInput;
  available: boolean;
}

/** `DutyShiftInput`. */
export interface DutyShiftInput {
  startsAt: Date;
  endsAt: Date;
  posture: DutyPosture;
  recallMinutes: number;
  leader: string;
  officer: string;
  phone: string;
  note: string | null;
}

/** Everything one node gets, in the order it is written. */
export interface NodeDemoData {
  jurisdiction: string;
  teams: TeamInput[];
  socialForces: SocialForcePlan[];
  depots: DepotPlan[];
  experts: ExpertInput[];
  duty: { regime: DutyRegime; shifts: DutyShiftInput[] };
}

export interface DemoDataOptions {
  /** Any string; the default gives the standard demo. */
  seed?: string;
  /** Start of the first duty shift (see rosterStartFor); assessment dates count back from it. */
  rosterStart: Date;
  /** Duty days from rosterStart; 8 covers the current duty day and the 7 days after it. */
  rosterDays?: number;
}

export const DEFAULT_SEED = 'aidnet-demo-v1';
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** China Standard Time, UTC+8 all year. */
const CST_OFFSET_MS = 8 * HOUR_MS;
/** Duty handover at 08:00 local time. */
const HANDOVER_HOUR = 8;
const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** @returns the latest 08:00 China time at or before `now`: the start of the current duty day. */
export function rosterStartFor(now: Date): Date {
  const local = now.getTime() + CST_OFFSET_MS;
  let start = Math.floor(local / DAY_MS) * DAY_MS + HANDOVER_HOUR * HOUR_MS;
  if (start > local) start -= DAY_MS;
  return new Date(start - CST_OFFSET_MS);
}

/**
 * @param entries the network directory (every entry; parents give districts their codes).
 * @returns the demo data of every entry that runs a node, in directory order.
 */
export function buildDemoData(entries: readonly JurisdictionEntry[], options: DemoDataOptions): NodeDemoData[] {
  const byCode = new Map(entries.map((e) => [e.code, e]));
  return entries.filter((e) => e.node !== undefined).map((e) => buildNodeDemoData(e, byCode, options));
}

/** @returns the demo data of one jurisdiction. */
export function buildNodeDemoData(
  entry: JurisdictionEntry,
  byCode: ReadonlyMap<string, JurisdictionEntry>,
  options: DemoDataOptions,
): NodeDemoData {
  const seed = options.seed ?? DEFAULT_SEED;
  const rngFor = (section: string) => seededRandom(`${seed}|${entry.code}|${section}`);
  const people = new PeopleBook();
  const districtLike = entry.level === 'DISTRICT' || entry.level === 'CITY';
  const profile = districtLike ? null : (LOCAL_PROFILES[entry.code] ?? DEFAULT_LOCAL_PROFILE);
  const place: Place = {
    entry,
    label: districtLike ? entry.name : (profile?.shortName ?? shortName(entry.name)),
    district: districtOf(entry, byCode),
    profile,
  };
  return {
    jurisdiction: entry.code,
    teams: districtLike ? districtTeams(place, rngFor('teams'), people) : localTeams(place, rngFor('teams'), people),
    socialForces: socialForces(place, rngFor('social'), people, options.rosterStart),
    depots: depots(place, rngFor('depots'), people),
    experts: districtLike ? experts(place, rngFor('experts'), people) : [],
    duty: duty(place, rngFor('duty'), people, options.rosterStart, options.rosterDays ?? 8),
  };
}

interface Place {
  entry: JurisdictionEntry;
  /** Name used in labels: 武进区, 雪堰镇, 武进高新区. */
  label: string;
  /** The district the place belongs to (itself for a district). */
  district: JurisdictionEntry;
  /** Null for a district. */
  profile: LocalProfile | null;
}

/** 西太湖科技产业园(武进经济开发区/…) → 西太湖科技产业园 */
function shortName(name: string): string {
  return name.replace(/[(（].*$/, '');
}

function districtOf(entry: JurisdictionEntry, byCode: ReadonlyMap<string, JurisdictionEntry>): JurisdictionEntry {
  for (let e: JurisdictionEntry | undefined = entry; e; e = e.parent ? byCode.get(e.parent) : undefined) {
    if (e.level === 'DISTRICT') return e;
  }
  return entry;
}

/** Six-digit administrative area of the district (credit codes of groups registered there). */
function areaCodeOf(district: JurisdictionEntry): string {
  return /\d{6}/.exec(district.nbsCode ?? '')?.[0] ?? '320400';
}

/** Invented people: Chinese names and mobile numbers, each used once per node. */
class PeopleBook {
  private readonly names = new Set<string>();
  private readonly phones = new Set<string>();

  name(rng: Rng): string {
    for (;;) {
      // Frequent surnames first: r^1.5 favours the front of the list.
      const surname = SURNAMES[Math.floor(SURNAMES.length * rng.next() ** 1.5)] as string;
      const name = surname + rng.pick(GIVEN_NAMES);
      if (!this.names.has(name)) {
        this.names.add(name);
        return name;
      }
    }
  }

  /** @returns an 11-digit mobile number. */
  mobile(rng: Rng): string {
    for (;;) {
      const phone = rng.pick(MOBILE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0');
      if (!this.phones.has(phone)) {
        this.phones.add(phone);
        return phone;
      }
    }
  }

  contact(rng: Rng, role: string): ContactInput {
    return { name: this.name(rng), role, phone: this.mobile(rng) };
  }
}

const EARTH_RADIUS_KM = 6371;

/**
 * @param bearings allowed bearings in degrees (from north, clockwise).
 * @returns a point between minKm and maxKm (great-circle) from `center`, rounded to 5 decimals (~1 m).
 */
function pointNear(
  rng: Rng,
  center: GeoPoint,
  minKm: number,
  maxKm: number,
  bearings: readonly [number, number] = [0, 360],
): GeoPoint {
  const bearing = (rng.float(bearings[0], bearings[1]) * Math.PI) / 180;
  const angle = rng.float(minKm, maxKm) / EARTH_RADIUS_KM;
  const lat1 = (center.lat * Math.PI) / 180;
  const lng1 = (center.lng * Math.PI) / 180;
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(angle) + Math.cos(lat1) * Math.sin(angle) * Math.cos(bearing));
  const lng2 =
    lng1 +
    Math.atan2(Math.sin(bearing) * Math.sin(angle) * Math.cos(lat1), Math.cos(angle) - Math.sin(lat1) * Math.sin(lat2));
  const round = (x: number) => Math.round(((x * 180) / Math.PI) * 1e5) / 1e5;
  return { lat: round(lat2), lng: round(lng2) };
}

/** Team bases lie 2-6 km from the jurisdiction's location (kept slightly inside for rounding). */
const BASE_KM: readonly [number, number] = [2.1, 5.9];

function quantity(rng: Rng, lo: number, hi: number, scale: number): number {
  const q = Math.max(1, Math.round(rng.int(lo, hi) * scale));
  return q >= 1000 ? Math.round(q / 100) * 100 : q;
}

function equipmentLines(rng: Rng, ranges: readonly EquipmentRange[], scale: number): EquipmentLineInput[] {
  return ranges.map(([code, lo, hi]) => ({ name: EQUIPMENT[code], quantity: quantity(rng, lo, hi, scale) }));
}

function profileOf(type: string) {
  const profile = TEAM_TYPE_PROFILES[type];
  if (!profile) throw new Error(`demo data has no team profile for type ${type}; add it to ops/seed/demoFacts.ts`);
  return profile;
}

/** Most teams are available; a few stand by or are out of service, as in real life. */
function ordinaryStatus(rng: Rng): NewTeamStatus {
  const r = rng.next();
  return r < 0.8 ? 'AVAILABLE' : r < 0.95 ? 'STANDBY' : 'OUT_OF_SERVICE';
}

/** A district: one specialist team of each of the 24 types, tier 1 or 2. */
function districtTeams(place: Place, rng: Rng, people: PeopleBook): TeamInput[] {
  return teamTypes.map((t) => {
    const p = profileOf(t.code);
    const tierOne = DISTRICT_TIER_ONE_TYPES.has(t.code);
    return {
      name: `${place.label}${p.teamName}`,
      type: t.code,
      kind: 'SPECIALIST',
      tier: tierOne ? 1 : 2,
      headcount: rng.int(p.headcount[0], p.headcount[1]),
      equipment: equipmentLines(rng, p.equipment, 1),
      base: pointNear(rng, place.entry.location, BASE_KM[0], BASE_KM[1]),
      readinessMinutes: rng.int(p.readiness[0], p.readiness[1]),
      status: tierOne ? 'AVAILABLE' : ordinaryStatus(rng),
      contact: people.contact(rng, '队长'),
    };
  });
}

/** A town, street or zone: its comprehensive team, the specialist teams that suit it, tier 3-4. */
function localTeams(place: Place, rng: Rng, people: PeopleBook): TeamInput[] {
  const profile = place.profile ?? DEFAULT_LOCAL_PROFILE;
  const base = () => pointNear(rng, place.entry.location, BASE_KM[0], BASE_KM[1], profile.landBearings);
  const teams: TeamInput[] = [
    {
      name: `${place.label}综合应急救援队`,
      type: COMPREHENSIVE_TEAM_TYPE,
      kind: 'TOWNSHIP_COMPREHENSIVE',
      tier: 3,
      headcount: rng.int(30, 60),
      equipment: equipmentLines(rng, COMPREHENSIVE_EQUIPMENT, 1),
      base: base(),
      readinessMinutes: rng.int(15, 30),
      status: 'AVAILABLE',
      contact: people.contact(rng, '队长'),
    },
  ];
  profile.specialistTypes.forEach((type, i) => {
    const p = profileOf(type);
    teams.push({
      name: `${place.label}${p.teamName}`,
      type,
      kind: 'SPECIALIST',
      // The place's first specialty is its strongest.
      tier: i === 0 ? 3 : rng.pick([3, 4]),
      headcount: Math.max(12, Math.round(rng.int(p.headcount[0], p.headcount[1]) / 2)),
      equipment: equipmentLines(rng, p.equipment, 0.5),
      base: base(),
      readinessMinutes: Math.min(40, rng.int(p.readiness[0], p.readiness[1]) + 5),
      status: i === 0 ? 'AVAILABLE' : ordinaryStatus(rng),
      contact: people.contact(rng, '队长'),
    });
  });
  if (profile.enterpriseTeam) {
    teams.push({
      name: `${place.label}化工企业联防应急救援队`,
      type: 'hazmat',
      kind: 'ENTERPRISE',
      tier: 4,
      headcount: rng.int(20, 40),
      equipment: equipmentLines(rng, profileOf('hazmat').equipment, 0.4),
      base: base(),
      readinessMinutes: rng.int(10, 15),
      status: 'AVAILABLE',
      contact: people.contact(rng, '队长'),
    });
  }
  return teams;
}

function daysBefore(date: Date, days: number): Date {
  return new Date(date.getTime() - days * DAY_MS);
}

/** Assessments stay valid for three years. */
function validFor3Years(assessedAt: Date): Date {
  return new Date(assessedAt.getTime() + 1096 * DAY_MS);
}

/** @returns an 18-character unified social credit code of a social organisation (5 + type + area + MJ…). */
function creditCode(rng: Rng, fact: SocialForceFact, area: string): string {
  let org = 'MJ';
  while (org.length < 9) org += rng.pick([...CREDIT_ALPHABET]);
  const first17 = `5${fact.orgType}${area}${org}`;
  const check = creditCodeCheckChar(first17);
  if (check === null) throw new Error(`cannot compute a credit code check character for ${first17}`);
  return first17 + check;
}

function socialForces(place: Place, rng: Rng, people: PeopleBook, today: Date): SocialForcePlan[] {
  const bearings = place.profile?.landBearings;
  return SOCIAL_FORCES.filter((f) => f.jurisdiction === place.entry.code).map((fact) => {
    const capabilities = fact.capabilities.map((c): CapabilityAssessmentInput => {
      if (c.declared === 'UNGRADED') return { capability: c.capability, grade: 'UNGRADED' };
      const assessedAt = daysBefore(today, rng.int(120, 700));
      return { capability: c.capability, grade: c.declared, assessedAt, validUntil: validFor3Years(assessedAt) };
    });
    const assessed = fact.capabilities.filter((c) => c.assessed !== undefined);
    const reviewedAt = daysBefore(today, rng.int(10, 60));
    const grades = assessed.map((c): CapabilityAssessmentInput =>
      c.assessed === 'UNGRADED'
        ? { capability: c.capability, grade: 'UNGRADED' }
        : {
            capability: c.capability,
            grade: c.assessed as Grade,
            assessedAt: reviewedAt,
            validUntil: validFor3Years(reviewedAt),
          },
    );
    return {
      org: { id: fact.orgId, name: fact.name },
      input: {
        name: fact.name,
        creditCode: creditCode(rng, fact, fact.registrationArea ?? areaCodeOf(place.district)),
        capabilities,
        members: fact.members,
        equipment: fact.equipment.map(([code, q]) => ({ name: EQUIPMENT[code], quantity: q })),
        base: pointNear(rng, place.entry.location, BASE_KM[0], BASE_KM[1], bearings),
        range: fact.range,
        assemblyMinutes: fact.assemblyMinutes,
        contact: people.contact(rng, '负责人'),
      },
      review: fact.review
        ? { decision: 'VERIFY', note: fact.review.note, grades: grades.length > 0 ? grades : null }
        : null,
    };
  });
}

type StockRange = readonly [item: string, lo: number, hi: number];

const DISTRICT_FLOOD_PHYSICAL: readonly StockRange[] = [
  ['woven_bag', 30_000, 60_000],
  ['straw_bag', 10_000, 20_000],
  ['geotextile', 5_000, 12_000],
  ['life_jacket', 500, 1_200],
  ['assault_boat', 6, 15],
  ['diesel_pump', 10, 25],
  ['submersible_pump', 20, 50],
  ['generator_set', 4, 10],
  ['lighting_vehicle', 2, 4],
  ['pile_driver', 3, 8],
  ['well_ring', 10, 30],
  ['iron_wire', 500, 2_000],
  ['timber', 50, 150],
];
const DISTRICT_FLOOD_AGREEMENT: readonly StockRange[] = [
  ['woven_bag', 50_000, 100_000],
  ['rubble_stone', 2_000, 6_000],
  ['timber', 200, 500],
];
const DISTRICT_RELIEF_PHYSICAL: readonly StockRange[] = [
  ['tent', 200, 600],
  ['quilt', 1_000, 3_000],
  ['life_jacket', 200, 500],
  ['generator_set', 2, 6],
];
const DISTRICT_RELIEF_AGREEMENT: readonly StockRange[] = [
  ['tent', 500, 1_500],
  ['quilt', 3_000, 8_000],
];
const LOCAL_PHYSICAL: readonly StockRange[] = [
  ['woven_bag', 5_000, 15_000],
  ['straw_bag', 2_000, 6_000],
  ['life_jacket', 100, 300],
  ['diesel_pump', 2, 6],
  ['submersible_pump', 4, 12],
  ['generator_set', 1, 3],
  ['tent', 20, 80],
  ['quilt', 100, 400],
];
const LOCAL_AGREEMENT: readonly StockRange[] = [
  ['woven_bag', 10_000, 30_000],
  ['rubble_stone', 300, 1_000],
];

function stockLines(rng: Rng, physical: readonly StockRange[], agreement: readonly StockRange[]): StockInput[] {
  const supplier = (item: string) => `常州${rng.pick(SUPPLIER_BRANDS)}${SUPPLIER_TRADES[item] ?? '应急物资'}有限公司`;
  return [
    ...physical.map(([item, lo, hi]): StockInput => ({
      item,
      quantity: quantity(rng, lo, hi, 1),
      mode: 'PHYSICAL',
      supplier: null,
    })),
    ...agreement.map(([item, lo, hi]): StockInput => ({
      item,
      quantity: quantity(rng, lo, hi, 1),
      mode: 'AGREEMENT',
      supplier: supplier(item),
    })),
  ];
}

function depots(place: Place, rng: Rng, people: PeopleBook): DepotPlan[] {
  const districtLike = place.profile === null;
  const prefix = districtLike ? `常州市${place.label}` : `常州市${place.district.name}${place.label}`;
  const depot = (name: string, stock: StockInput[]): DepotPlan => ({
    input: {
      name,
      address: `${prefix}${rng.pick(ROADS)}${rng.int(1, 299)}号`,
      location: pointNear(rng, place.entry.location, 1, 4, place.profile?.landBearings),
      contact: people.contact(rng, '仓库管理员'),
    },
    stock,
  });
  if (districtLike) {
    return [
      depot(`${place.label}防汛物资仓库`, stockLines(rng, DISTRICT_FLOOD_PHYSICAL, DISTRICT_FLOOD_AGREEMENT)),
      depot(`${place.label}救灾物资储备库`, stockLines(rng, DISTRICT_RELIEF_PHYSICAL, DISTRICT_RELIEF_AGREEMENT)),
    ];
  }
  const physical: StockRange[] = [
    ...LOCAL_PHYSICAL,
    ...(place.profile?.boats ? [['assault_boat', 2, 6] as const] : []),
  ];
  return [depot(`${place.label}防汛物资仓库`, stockLines(rng, physical, LOCAL_AGREEMENT))];
}

/** A few experts per district: hazmat and flood always, plus two or three other fields. */
function experts(place: Place, rng: Rng, people: PeopleBook): ExpertInput[] {
  const [first, second, ...rest] = EXPERT_FIELDS;
  const fields = [first, second, ...rng.sample(rest, rng.int(2, 3))].filter((f) => f !== undefined);
  return fields.map((f, i) => {
    const name = people.name(rng);
    return {
      name,
      title: f.title,
      organization: `${place.label}${f.organization}`,
      specialties: [...f.specialties],
      contact: { name, role: '专家', phone: people.mobile(rng) },
      // Now and then an expert is away (training, leave); the first two always answer.
      available: i < 2 || rng.chance(0.8),
    };
  });
}

interface DutyPerson {
  name: string;
  phone: string;
}

const THIRDS_NOTE: Record<DutyPosture, (recallMinutes: number) => string> = {
  ON_POST: () => '三三制:在岗值班',
  STANDBY: (m) => `三三制:备勤,接令${m}分钟内到岗`,
  REST: () => '三三制:轮休,保持通讯畅通',
};

/**
 * Duty roster from rosterStart (08:00 handover) for `days` days. NORMAL: a district's duty room
 * has 12 h day and night officers under a 24 h leader plus a 24 h standby pair; a township has a
 * 24 h on-post pair and a 24 h standby pair. THREE_THIRDS (三三制): three groups rotate daily
 * through on post, standby and rest.
 */
function duty(place: Place, rng: Rng, people: PeopleBook, rosterStart: Date, days: number): NodeDemoData['duty'] {
  const districtLike = place.profile === null;
  const regime: DutyRegime = THREE_THIRDS_JURISDICTIONS.has(place.entry.code) ? 'THREE_THIRDS' : 'NORMAL';
  const person = (): DutyPerson => ({ name: people.name(rng), phone: people.mobile(rng) });
  const leaders = Array.from({ length: districtLike ? 4 : 3 }, person);
  const officers = Array.from({ length: districtLike ? 6 : 4 }, person);
  const dutyRoom = `值班室电话 0519-8${String(rng.int(0, 9_999_999)).padStart(7, '0')}`;
  const at = (day: number, hour: number) => new Date(rosterStart.getTime() + day * DAY_MS + hour * HOUR_MS);
  const nth = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;
  const recall: Record<DutyPosture, number> = {
    ON_POST: 0,
    STANDBY: districtLike ? 30 : 20,
    REST: districtLike ? 120 : 60,
  };
  const shift = (
    startsAt: Date,
    hours: number,
    posture: DutyPosture,
    leader: DutyPerson,
    officer: DutyPerson,
    note: string | null,
  ): DutyShiftInput => ({
    startsAt,
    endsAt: new Date(startsAt.getTime() + hours * HOUR_MS),
    posture,
    recallMinutes: recall[posture],
    leader: leader.name,
    officer: officer.name,
    phone: officer.phone,
    note,
  });

  const shifts: DutyShiftInput[] = [];
  for (let d = 0; d < days; d++) {
    if (regime === 'THREE_THIRDS') {
      const postures: DutyPosture[] = ['ON_POST', 'STANDBY', 'REST'];
      for (let g = 0; g < 3; g++) {
        const posture = postures[(g + d) % 3] as DutyPosture;
        const note = THIRDS_NOTE[posture](recall[posture]) + (posture === 'ON_POST' ? `;${dutyRoom}` : '');
        shifts.push(shift(at(d, 0), 24, posture, nth(leaders, g), nth(officers, g), note));
      }
    } else if (districtLike) {
      const leader = nth(leaders, d);
      shifts.push(shift(at(d, 0), 12, 'ON_POST', leader, nth(officers, 2 * d), `白班;${dutyRoom}`));
      shifts.push(shift(at(d, 12), 12, 'ON_POST', leader, nth(officers, 2 * d + 1), `夜班;${dutyRoom}`));
      shifts.push(shift(at(d, 0), 24, 'STANDBY', nth(leaders, d + 1), nth(officers, 2 * d + 3), '备勤'));
    } else {
      shifts.push(shift(at(d, 0), 24, 'ON_POST', nth(leaders, d), nth(officers, d), dutyRoom));
      shifts.push(shift(at(d, 0), 24, 'STANDBY', nth(leaders, d + 1), nth(officers, d + 2), '备勤'));
    }
  }
  return { regime, shifts };
}

/** Record counts of a node's demo data, for summaries. */
export interface DemoCounts {
  teams: number;
  socialForces: number;
  depots: number;
  stockLines: number;
  experts: number;
  dutyShifts: number;
}

export function countDemoData(data: NodeDemoData): DemoCounts {
  return {
    teams: data.teams.length,
    socialForces: data.socialForces.length,
    depots: data.depots.length,
    stockLines: data.depots.reduce((n, d) => n + d.stock.length, 0),
    experts: data.experts.length,
    dutyShifts: data.duty.shifts.length,
  };
}
